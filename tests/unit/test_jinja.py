"""Jinja integration: environment(), install() into an existing environment, imports, autoescape, gettext."""

from __future__ import annotations

import jinja2
import pytest

import wetkit


def test_environment_renders_with_no_import():
    env = wetkit.environment(undefined=jinja2.StrictUndefined)
    assert env.from_string('{{ wet.button("Go") }}').render() == \
        '<button class="wet-btn wet-btn--primary" type="submit">Go</button>'


def test_from_import_gives_the_checked_component():
    env = wetkit.environment(undefined=jinja2.StrictUndefined)
    html = env.from_string('{% from "wetkit/button.html" import button %}{{ button(text="Go", type="button") }}')
    assert 'type="button"' in html.render()
    with pytest.raises(wetkit.ParameterError):
        env.from_string('{% from "wetkit/button.html" import button %}{{ button(txt="Go") }}').render()


def test_install_keeps_the_team_loader_first(tmp_path):
    (tmp_path / "wetkit").mkdir()
    (tmp_path / "wetkit" / "page.html").write_text("team page {{ title }}")
    (tmp_path / "mine.html").write_text('{{ wet.button("Mine") }}')
    env = wetkit.install(jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)),
                                            undefined=jinja2.StrictUndefined))
    assert env.get_template("wetkit/page.html").render(title="t") == "team page t"
    assert "Mine</button>" in env.get_template("mine.html").render()
    assert "wetkit/button.html" in env.list_templates()


def test_wetkit_templates_are_escaped_even_when_the_environment_is_not():
    env = wetkit.install(jinja2.Environment(autoescape=False))
    html = env.from_string('{{ wet.button("<i>x</i>") }}').render()
    assert "&lt;i&gt;x&lt;/i&gt;" in html
    assert env.from_string("{{ '<i>raw</i>' }}").render() == "<i>raw</i>", "the team's own setting is kept"


def test_page_template_under_strict_undefined_needs_only_a_title():
    env = wetkit.environment(undefined=jinja2.StrictUndefined)
    html = env.get_template("wetkit/page.html").render(title="Hello")
    assert '<html lang="en"' in html and "<title>Hello</title>" in html
    assert html.count("<h1") == 1 and 'id="main-content"' in html and 'href="#main-content"' in html
    assert "style=" not in html and "<script>" not in html
    assert '<script src="/static/wetkit/wetkit.min.js" defer></script>' in html


def test_page_template_regions_and_nonce():
    env = wetkit.environment(undefined=jinja2.StrictUndefined)
    html = env.get_template("wetkit/page.html").render(
        title="T", lang="fr", csp_nonce="abc123", header={"service_name": "Service"},
        breadcrumbs=[{"text": "Accueil", "href": "/"}], date_modified="2026-01-02",
        footer={"sub_links": [{"text": "Privacy", "href": "/p"}]},
    )
    assert '<html lang="fr"' in html and 'nonce="abc123"' in html
    # lang="fr": the page's built-in strings are French (docs/i18n.md)
    for fragment in ("<header", 'aria-label="Chemin de navigation"', 'datetime="2026-01-02"', "<footer"):
        assert fragment in html


def test_page_blocks_can_be_overridden():
    env = wetkit.environment(undefined=jinja2.StrictUndefined)
    html = env.from_string('{% extends "wetkit/page.html" %}{% block content %}<p>Body</p>{% endblock %}'
                           '{% block footer %}<footer>Mine</footer>{% endblock %}').render(title="T")
    assert "<p>Body</p>" in html and "<footer>Mine</footer>" in html


def test_built_in_strings_go_through_gettext(marking):
    env = wetkit.environment(undefined=jinja2.StrictUndefined)
    env.install_gettext_translations(marking, newstyle=True)
    html = env.get_template("wetkit/page.html").render(
        title="T", header={"service_name": "S", "language_toggle": {"href": "/fr"}, "search": {"action": "/s"}},
        date_modified="2026-01-02", footer={"main_links": [{"text": "A", "href": "/a"}],
                                            "sub_links": [{"text": "B", "href": "/b"}]},
        breadcrumbs=[{"text": "Home", "href": "/"}])
    for text in ("Skip to main content", "Language selection", "Search", "Date modified:", "About this site",
                 "Breadcrumb", "Skip links", "Site information"):
        assert f"[{text}]" in html, text


def test_install_keeps_existing_gettext_for_the_teams_own_strings(marking):
    """wetkit's messages come from wetkit's catalogues (docs/i18n.md); the team's gettext keeps the rest."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(marking, newstyle=True)
    wetkit.install(env, lang="fr")
    html = env.from_string('{{ wet.skip_links() }} {{ _("Apply now") }}').render()
    assert "Passer au contenu principal" in html and "[Apply now]" in html
