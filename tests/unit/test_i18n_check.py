"""The i18n check (`python -m wetkit.i18n check`, the i18n nox session) and the catalogue tools, with planted faults."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from wetkit.i18n import read_catalogue
from wetkit.i18n.literals import script_literals, template_literals
from wetkit.i18n.tools import _write_po, check, check_catalogue, compile_all, merge, update

COUNT = ("You have %(num)s character remaining", "You have %(num)s characters remaining")


def _template(*extra) -> Catalog:
    template = Catalog(domain="wetkit", fuzzy=False)
    template.add("Skip to main content", None, [("components/skip_links/skip_links.html", None)])
    template.add(COUNT, None, [("components/character_count/character_count.html", None)])
    for message in extra:
        template.add(message, None, [("components/x/x.html", None)])
    return template


def _french(tmp_path, entries, template=None, compiled=True) -> Path:
    """A fr catalogue under tmp_path/locale with ``entries`` {msgid: string, ...}, compiled unless told not to."""
    catalog = Catalog(locale="fr", domain="wetkit", fuzzy=False)
    catalog.mime_headers = [("Plural-Forms", "nplurals=2; plural=(n > 1);")]
    for msgid, (string, flags) in entries.items():
        catalog.add(msgid, string, flags=flags)
    path = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "wetkit.po"
    _write_po(path, catalog)
    if compiled:
        compile_all(("fr",), tmp_path / "locale")
    return path


GOOD = {
    "Skip to main content": ("Passer au contenu principal", ()),
    COUNT: (("Il vous reste %(num)s caractère", "Il vous reste %(num)s caractères"), ()),
}


def _problems(tmp_path, entries, **kwargs):
    path = _french(tmp_path, entries, **kwargs)
    return [str(p) for p in check_catalogue(path, "fr", _template())]


def test_a_complete_catalogue_passes(tmp_path):
    assert _problems(tmp_path, GOOD) == []


def test_count_placeholder_missing_in_french_fails(tmp_path):
    broken = {**GOOD, COUNT: (("Il vous reste un caractère", "Il vous reste des caractères"), ())}
    problems = _problems(tmp_path, broken)
    assert any("wetkit.po: [fr] 'You have %(num)s character remaining': placeholder mismatch in plural form 1: "
               "missing %(num)s" in p for p in problems), problems


def test_an_extra_placeholder_fails(tmp_path):
    broken = {**GOOD, "Skip to main content": ("Passer au contenu %(where)s", ())}
    assert any("extra %(where)s" in p for p in _problems(tmp_path, broken))


def test_a_missing_plural_form_fails(tmp_path):
    broken = {**GOOD, COUNT: (("Il vous reste %(num)s caractère", ""), ())}
    problems = _problems(tmp_path, broken)
    assert any("[fr] 'You have %(num)s character remaining': plural form missing: 1 of 2" in p for p in problems)


def test_a_fuzzy_entry_fails(tmp_path):
    fuzzy = {**GOOD, "Skip to main content": ("Aller au contenu", ("fuzzy",))}
    assert any("[fr] 'Skip to main content': fuzzy translation" in p for p in _problems(tmp_path, fuzzy))


def test_an_empty_translation_and_a_missing_msgid_fail(tmp_path):
    problems = _problems(tmp_path, {**GOOD, "Skip to main content": ("", ())})
    assert any("'Skip to main content': empty translation" in p for p in problems)
    problems = _problems(tmp_path, {COUNT: GOOD[COUNT]})
    assert any("'Skip to main content': missing from the catalogue" in p for p in problems)


def test_an_obsolete_entry_fails(tmp_path):
    problems = _problems(tmp_path, {**GOOD, "Gone": ("Parti", ())})
    assert any("[fr] 'Gone': obsolete" in p for p in problems)


def test_a_mo_out_of_date_or_missing_fails(tmp_path):
    path = _french(tmp_path, GOOD)
    _french(tmp_path, {**GOOD, "Skip to main content": ("Passer au contenu", ())}, compiled=False)
    problems = [str(p) for p in check_catalogue(path, "fr", _template())]
    assert any("wetkit.mo: [fr] 'Skip to main content': out of date with wetkit.po" in p for p in problems)
    path.with_suffix(".mo").unlink()
    assert any("no compiled .mo" in str(p) for p in check_catalogue(path, "fr", _template()))


def test_bad_french_typography_fails(tmp_path):
    problems = _problems(tmp_path, {**GOOD, "Skip to main content": ("Erreur :", ())})
    assert any("a space before ':'" in p for p in problems)


def test_a_literal_string_in_a_template_is_found(tmp_path):
    path = tmp_path / "x.html"
    source = ('{% macro _render(text) -%}\n<p class="a">Hello there</p>\n'
              '<button aria-label="Close">{{ _("Ok") }}</button>\n<input type="submit" value="Send">\n'
              '<h{{ level }} class="x">{{ text }}</h{{ level }}>\n'
              '<span title="{{ t }}">{{ _("Fine") }} {{ n }}</span>{# a comment #}\n{%- endmacro %}')
    found = template_literals(path, source)
    assert (2, "Hello there") in found
    assert (3, "aria-label='Close'") in found
    assert (4, "value='Send'") in found
    assert len(found) == 3, found


def test_words_in_a_script_are_found(tmp_path):
    source = ('(function () {\n  var a = "Show password"; // "a comment"\n  var b = "Hide";\n'
              '  var c = "wet-hint wet-btn"; var d = "data-text-show"; var e = /"x y"/g;\n'
              '  var h = {"Accept": "application/json"};\n  window.console.error("wetkit: failed to start");\n'
              '  "use strict";\n})();')
    assert script_literals(tmp_path / "x.js", source) == [(2, "Show password"), (3, "Hide")]


def test_developer_warnings_and_key_names_are_not_words_but_words_after_them_are(tmp_path):
    source = ('(function () {\n  if (!x) return wetkit.warn("tabs", el,\n    "a tab without its panel");\n'
              '  if (event.key !== "Escape") return;\n  var a = "Close menu";\n  wetkit.warn("x", el, "y z"); '
              'var b = "Open menu";\n})();')
    assert script_literals(tmp_path / "x.js", source) == [(5, "Close menu"), (6, "Open menu")]


def test_update_keeps_translations_adds_new_messages_and_drops_obsolete(tmp_path):
    _french(tmp_path, {**GOOD, "Gone": ("Parti", ())})
    dropped = update(("fr", "en"), _template("New message"), tmp_path / "locale")
    assert dropped["fr"] == ["Gone"]
    fr = read_catalogue(tmp_path / "locale" / "fr" / "LC_MESSAGES" / "wetkit.po", "fr")
    assert fr.get("Skip to main content").string == "Passer au contenu principal"
    assert fr.get("New message").string == "" and fr.get("Gone") is None
    assert fr.num_plurals == 2 and fr.plural_expr == "(n > 1)"
    en = read_catalogue(tmp_path / "locale" / "en" / "LC_MESSAGES" / "wetkit.po", "en")
    assert en.get("New message").string == "New message"
    assert tuple(en.get(COUNT).string) == COUNT


def test_merge_takes_a_contributors_translations_and_keeps_differing_ones(tmp_path):
    update(("fr",), _template("New message"), tmp_path / "locale")
    theirs = Catalog(locale="fr", domain="wetkit")
    theirs.add("New message", "Nouveau message")
    theirs.add("Skip to main content", "Autre chose")
    theirs.add("Unknown", "Inconnu")
    source = tmp_path / "theirs.po"
    _write_po(source, theirs)
    fr_po = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "wetkit.po"
    catalog = read_catalogue(fr_po, "fr")
    catalog.get("Skip to main content").string = "Passer au contenu principal"
    _write_po(fr_po, catalog)
    notes = merge("fr", source, locale_dir=tmp_path / "locale")
    merged = read_catalogue(fr_po, "fr")
    assert merged.get("New message").string == "Nouveau message"
    assert merged.get("Skip to main content").string == "Passer au contenu principal"
    assert any("'Unknown': not a wetkit message" in n for n in notes)
    assert any("kept 'Passer au contenu principal'" in n for n in notes)


@pytest.mark.slow
def test_the_repository_passes_the_check():
    """wetkit's own catalogues: complete, compiled, in line with the templates, no words outside gettext."""
    problems = check()
    assert not problems, "\n".join(map(str, problems))
