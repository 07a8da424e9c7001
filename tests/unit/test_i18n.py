"""French and the language machinery: every example in French, the catalogue's typography, the language of a render
(environment, page, call block, Flask with and without Flask-Babel), team catalogues, dates, and bad input."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup

import wetkit
from wetkit import i18n
from wetkit.i18n import CatalogueError, LanguageError, read_catalogue
from wetkit.i18n.tools import french_typography
from wetkit.registry import get_registry

LOCALE = Path(wetkit.__file__).parent / "locale"
FR = read_catalogue(LOCALE / "fr" / "LC_MESSAGES" / "wetkit.mo", "fr")
EXAMPLES = [(spec, example) for spec in get_registry() for example in spec.examples.values()]


def _env(lang: str) -> jinja2.Environment:
    return wetkit.environment(lang=lang, undefined=jinja2.StrictUndefined)


ENVS = {"en": _env("en"), "fr": _env("fr")}


class _Words(HTMLParser):
    """What a person reads or hears: text nodes and attribute values (not tag names, classes, ids, URLs)."""

    CODE = {"class", "id", "href", "for", "name", "type", "data-wetkit-module", "aria-describedby", "aria-controls",
            "data-aria-controls", "aria-labelledby", "role", "autocomplete", "inputmode"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words = []

    def handle_starttag(self, tag, attrs):
        self.words += [value for name, value in attrs if value and name not in self.CODE]

    def handle_data(self, data):
        self.words.append(data)


def _render(env, spec, example) -> str:
    """The words of the example with its English params, in ``env``'s language: only built-in strings may differ."""
    component = getattr(env.globals["wet"], spec.name)
    if example.content is not None:
        html = str(component(caller=lambda: Markup(example.content), **example.params))
    else:
        html = str(component(**example.params))
    parser = _Words()
    parser.feed(html)
    return "\n".join(parser.words)


def _english_built_ins():
    """(pattern, msgid) for each English built-in text whose French differs: whole words, and for a plural message
    the words before its first placeholder."""
    found = []
    for message in FR:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        french = message.string if isinstance(message.string, str) else message.string[0]
        text = english.split("%(")[0].strip() if "%(" in english else english
        if len(text) < 2 or french.startswith(text):
            continue
        found.append((re.compile(r"(?<![\w-])" + re.escape(text) + r"(?![\w-])"), english))
    return found


BUILT_INS = _english_built_ins()


@pytest.mark.parametrize(("spec", "example"), EXAMPLES, ids=[f"{s.name}-{e.name}" for s, e in EXAMPLES])
def test_every_example_in_french_has_no_english_built_in_string(spec, example):
    english = _render(ENVS["en"], spec, example)
    french = _render(ENVS["fr"], spec, example)
    given = repr(example.params) + repr(example.content)  # the example's own words are content, not built-ins
    left = [msgid for pattern, msgid in BUILT_INS
            if pattern.search(english) and pattern.search(french) and not pattern.search(given)]
    assert not left, f"{spec.name}/{example.name} in French still says {left}"


def test_the_english_check_sees_built_in_strings():
    """The test above would fail: an English render of a page holds strings it looks for."""
    html = ENVS["en"].get_template("wetkit/page.html").render(title="T", date_modified="2026-11-30")
    assert sum(1 for p, _ in BUILT_INS if p.search(html)) >= 3
    assert not any(p.search(_env("fr").get_template("wetkit/page.html").render(title="T", date_modified="2026-11-30"))
                   for p, _ in BUILT_INS)


def test_french_page_uses_canada_ca_wording():
    html = _env("fr").get_template("wetkit/page.html").render(
        title="T", date_modified="2026-11-30", header={"service_name": "S", "language_toggle": {"href": "/en",
                                                                                              "lang": "en"}})
    assert '<html lang="fr"' in html
    for text in ("Passer au contenu principal", "Sélection de la langue", "Date de modification\u00a0:"):
        assert text in html
    summary = str(ENVS["fr"].globals["wet"].error_summary(errors=[{"text": "Entrez", "href": "#a"}]))
    assert "Il y a un problème" in summary


def test_french_typography_holds_in_the_catalogue():
    problems = {}
    for message in FR:
        if message.id:
            for form in (message.string,) if isinstance(message.string, str) else message.string:
                if french_typography(form):
                    problems[form] = french_typography(form)
    assert not problems
    colons = [m.string for m in FR if m.id and isinstance(m.string, str) and m.string.endswith(":")]
    assert colons and all(s.endswith("\u00a0:") for s in colons)


@pytest.mark.parametrize("bad", ["Erreur:", "Erreur :", "Quoi ?", "« bonjour »", 'dites "oui"'])
def test_french_typography_check_fails_on_a_bare_space_or_no_space(bad):
    assert french_typography(bad)
    assert not french_typography("Erreur\u00a0: quoi\u202f? «\u00a0oui\u00a0» %(num)s")


def test_french_plural_forms_follow_n_greater_than_one():
    fr = wetkit.jinja.translations("fr")
    one = "You have %(num)s character remaining"
    many = "You have %(num)s characters remaining"
    assert fr.ngettext(one, many, 0) == fr.ngettext(one, many, 1) == "Il vous reste %(num)s caractère"
    assert fr.ngettext(one, many, 2) == "Il vous reste %(num)s caractères"
    wet = ENVS["fr"].globals["wet"]
    html = str(wet.character_count(name="c", label="L", max_length=200))
    assert "Vous pouvez entrer jusqu'à 200 caractères" in html
    assert 'data-text-remaining-one="Il vous reste %{count} caractère"' in html


def test_overrides_per_call_keep_working_in_french():
    wet = ENVS["fr"].globals["wet"]
    assert "Retour en haut" in str(wet.back_to_top(text="Retour en haut"))
    assert "Problème" in str(wet.error_summary(title="Problème", errors=[{"text": "x", "href": "#x"}]))
    html = str(wet.password_input(name="p", label="Mot de passe", texts={"show": "Voir"}))
    assert 'data-text-show="Voir"' in html and 'data-text-hide="Masquer"' in html


# ---- the language of a render -----------------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["fr", "fr-CA", "FR-ca", "fr-Latn-CA"])
def test_french_tags_use_the_french_catalogue(tag):
    html = wetkit.environment(lang=tag).from_string("{{ wet.back_to_top() }}").render()
    assert "Haut de la page" in html


def test_en_ca_uses_the_english_catalogue():
    assert "Top of page" in wetkit.environment(lang="en-CA").from_string("{{ wet.back_to_top() }}").render()


@pytest.mark.parametrize(("tag", "expected"), [
    ("francais", "a BCP 47 language tag"),
    ("fr_CA!", "a BCP 47 language tag"),
    ("fr_CA", "write 'fr-CA'"),
    ("", "a BCP 47 language tag"),
    (["fr"], "a BCP 47 language tag"),
    ("de", "no wetkit catalogue for 'de'; allowed: 'en', 'fr'"),
])
def test_a_bad_language_is_a_clear_error(tag, expected):
    with pytest.raises(LanguageError, match=r"wetkit\.environment: parameter 'lang' got .*") as raised:
        wetkit.environment(lang=tag)
    assert expected in str(raised.value)
    assert isinstance(raised.value, wetkit.ParameterError)


def test_page_lang_is_validated_and_sets_the_page_language():
    env = _env("en")
    with pytest.raises(LanguageError, match=r"wetkit/page\.html: parameter 'lang' got 'francais'"):
        env.get_template("wetkit/page.html").render(title="T", lang="francais")
    html = env.get_template("wetkit/page.html").render(title="T", lang="fr-CA")
    assert '<html lang="fr-CA"' in html and "Passer au contenu principal" in html
    assert '<html lang="fr"' in _env("fr").get_template("wetkit/page.html").render(title="T")


def test_call_block_and_context_manager_set_the_language():
    env = _env("en")
    html = env.from_string('{{ wet.back_to_top() }}|{% call wet_language("fr") %}{{ wet.back_to_top() }}'
                           '{% endcall %}|{{ wet.back_to_top() }}').render()
    first, middle, last = html.split("|")
    assert "Top of page" in first and "Haut de la page" in middle and "Top of page" in last
    with i18n.language("fr"):
        assert "Haut de la page" in env.from_string("{{ wet.back_to_top() }}").render()
    assert "Top of page" in env.from_string("{{ wet.back_to_top() }}").render()
    with pytest.raises(LanguageError, match="wet_language: parameter 'lang' got 'xx-'"):
        env.from_string('{% call wet_language("xx-") %}x{% endcall %}').render()


# ---- team catalogues ----------------------------------------------------------------------------------------------

PO_HEADER = 'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'


def _team(tmp_path, lang, body):
    folder = tmp_path / "team" / lang / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "wetkit.po").write_text(PO_HEADER.format(lang=lang) + body, encoding="utf-8")
    return tmp_path / "team"


def test_a_team_adds_a_third_language_and_overrides_a_message(tmp_path):
    team = _team(tmp_path, "de", 'msgid "Top of page"\nmsgstr "Nach oben"\n\n'
                 'msgid "You have %(num)s word remaining"\nmsgid_plural "You have %(num)s words remaining"\n'
                 'msgstr[0] "Noch %(num)s Wort"\nmsgstr[1] "Noch %(num)s Wörter"\n')
    fr = team / "fr" / "LC_MESSAGES"
    fr.mkdir(parents=True)
    (fr / "wetkit.po").write_text(PO_HEADER.format(lang="fr") + 'msgid "Top of page"\nmsgstr "Retour en haut"\n',
                                  encoding="utf-8")
    env = wetkit.environment(lang="de", catalogues=[team])
    assert "Nach oben" in env.from_string("{{ wet.back_to_top() }}").render()
    assert "Skip to main content" in env.from_string("{{ wet.skip_links() }}").render(), "untranslated: English"
    german = wetkit.jinja.translations("de", [team])
    assert german.ngettext("You have %(num)s word remaining", "You have %(num)s words remaining", 3) == \
        "Noch %(num)s Wörter"
    french = wetkit.environment(lang="fr", catalogues=[team])
    assert "Retour en haut" in french.from_string("{{ wet.back_to_top() }}").render()
    assert "Passer au contenu principal" in french.from_string("{{ wet.skip_links() }}").render()
    with pytest.raises(LanguageError, match="allowed: 'de', 'en', 'fr'"):
        wetkit.environment(lang="it", catalogues=[team])


def test_a_broken_placeholder_in_a_team_catalogue_names_file_message_and_language(tmp_path):
    team = _team(tmp_path, "fr", 'msgid "You have %(num)s word remaining"\nmsgid_plural '
                 '"You have %(num)s words remaining"\nmsgstr[0] "Il vous reste un mot"\n'
                 'msgstr[1] "Il vous reste des mots"\n')
    with pytest.raises(CatalogueError) as raised:
        wetkit.environment(lang="fr", catalogues=[team])
    text = str(raised.value)
    assert "wetkit.po" in text and "[fr]" in text and "'You have %(num)s word remaining'" in text
    assert "missing %(num)s" in text


def test_a_missing_plural_form_in_a_team_catalogue_fails(tmp_path):
    team = _team(tmp_path, "fr", 'msgid "You have %(num)s word too many"\n'
                 'msgid_plural "You have %(num)s words too many"\n'
                 'msgstr[0] "Vous avez %(num)s mot de trop"\nmsgstr[1] ""\n')
    with pytest.raises(CatalogueError, match=r"\[fr\] 'You have %\(num\)s word too many': plural form missing"):
        wetkit.environment(lang="fr", catalogues=[team])


def test_catalogues_must_be_folders(tmp_path):
    with pytest.raises(wetkit.ParameterError, match="parameter 'catalogues' got"):
        wetkit.environment(catalogues=[tmp_path / "nowhere"])


# ---- dates ---------------------------------------------------------------------------------------------------------


def test_wet_date_follows_the_language_and_date_modified_stays_iso():
    template = '{{ "2026-11-30"|wet_date }}|{{ wet.date_modified("2026-11-30") }}'
    english, en_modified = _env("en").from_string(template).render().split("|")
    french, fr_modified = _env("fr").from_string(template).render().split("|")
    assert english == "November 30, 2026" and french == "30 novembre 2026"
    assert _env("fr-CA").from_string('{{ "2026-11-30"|wet_date("short") }}').render() == "2026-11-30"
    for html in (en_modified, fr_modified):
        assert '<time datetime="2026-11-30">2026-11-30</time>' in html
    with pytest.raises(wetkit.ParameterError, match="wet_date: got '30/11/2026'"):
        _env("fr").from_string('{{ "30/11/2026"|wet_date }}').render()


# ---- Flask ---------------------------------------------------------------------------------------------------------

flask = pytest.importorskip("flask")
PAGE = '{% extends "wetkit/page.html" %}{% block content %}{{ wet.back_to_top() }}[{{ _("Apply") }}]{% endblock %}'


def _app(**options):
    from wetkit.flask import init_app

    app = flask.Flask("i18n-test")
    app.testing = True  # errors reach the test instead of becoming a 500 page
    init_app(app, **options)

    @app.get("/page")
    @app.get("/<any(en, fr):lang>/page")
    def page(lang=None):
        return flask.render_template_string(PAGE, title="T")

    return app


def test_flask_language_from_the_route_and_the_default():
    client = _app().test_client()
    assert "Haut de la page" in client.get("/fr/page").text and '<html lang="fr"' in client.get("/fr/page").text
    assert "Top of page" in client.get("/en/page").text
    assert "Top of page" in client.get("/page").text
    assert "Haut de la page" in _app(lang="fr").test_client().get("/page").text


def test_flask_language_from_get_lang():
    app = _app(get_lang=lambda: flask.request.args.get("hl"))
    client = app.test_client()
    assert "Haut de la page" in client.get("/page?hl=fr-CA").text
    assert "Top of page" in client.get("/page").text
    with pytest.raises(LanguageError, match="this request's language"):
        client.get("/page?hl=klingon!")


@pytest.mark.parametrize("babel_first", [True, False])
def test_flask_babel_locale_selector_drives_wetkit(babel_first):
    flask_babel = pytest.importorskip("flask_babel")
    from wetkit.flask import init_app

    app = flask.Flask("babel-test")
    select = lambda: flask.request.args.get("locale", "en")  # noqa: E731
    if babel_first:
        flask_babel.Babel(app, locale_selector=select)
        init_app(app)
    else:
        init_app(app)
        flask_babel.Babel(app, locale_selector=select)
    app.add_url_rule("/", "home", lambda: flask.render_template_string(PAGE, title="T"))
    client = app.test_client()
    french = client.get("/?locale=fr_CA").text
    assert '<html lang="fr-CA"' in french and "Haut de la page" in french and "[Apply]" in french
    assert "Top of page" in client.get("/").text


@pytest.mark.slow
def test_python_snippets_in_docs_i18n_run(tmp_path):
    """The docs' Django example is real code: its environment callable works without Django set up (or installed)."""
    docs = (Path(__file__).resolve().parents[2] / "docs" / "i18n.md").read_text(encoding="utf-8")
    block = re.search(r"```python[^\n]*\n(# myproject/jinja2\.py.*?)```", docs, re.DOTALL).group(1)
    script = block + "\nenv = environment(lang='fr')\nprint(env.from_string('{{ wet.back_to_top() }}').render())\n"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "Haut de la page" in out.stdout
