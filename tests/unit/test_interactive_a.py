"""Toggle and accordion markup (what works without JavaScript, what the scripts are handed), the mistakes they
refuse, the JS module pattern every script follows, and the per-module size report. Their scripts are tested in
tests/browser/test_interactive_a.py."""

from __future__ import annotations

import re

import pytest
from markup import Tags, refused
from markupsafe import Markup

from wetkit import paths

SECTIONS = [{"heading": "Who can apply", "body": "Residents."},
            {"heading": "How to apply", "body": "Online.", "open": True}]


# ---- toggle -------------------------------------------------------------------------------------------------------


def test_toggle_without_js_shows_the_region_and_hides_the_button(wet):
    tags = Tags(wet.toggle("Show fees", id="fees", body="Adult: $160"))
    (root,) = tags.all("div")[:1]
    assert root["data-wetkit-module"] == "toggle" and "data-open" not in root and "data-print" not in root
    (button,) = tags.all("button")
    assert "hidden" in button and button["type"] == "button" and button["data-controls"] == "fees"
    assert "aria-expanded" not in button, "the script sets the state it manages"
    region = [a for a in tags.all("div") if a.get("id") == "fees"]
    assert region and "hidden" not in region[0]


def test_toggle_open_print_and_call_block(wet):
    html = wet.toggle("Fees", id="fees", open=True, print=True, caller=lambda: Markup("<ul><li>$160</li></ul>"))
    root = Tags(html).all("div")[0]
    assert root["data-open"] == "true" and root["data-print"] == "open"
    assert "<ul><li>$160</li></ul>" in html and "<p>" not in html


def test_toggle_escapes_text(wet):
    html = wet.toggle("<b>x</b>", id="t", body="<script>")
    assert "<b>" not in html and "<script>" not in html


def test_toggle_refuses(wet):
    refused(lambda: wet.toggle("Show", id="t"), "wet.toggle", "'body'", "a {% call %} block")
    refused(lambda: wet.toggle("Show", id="t", body="x", caller=lambda: Markup("<p>y</p>")), "wet.toggle", "'body'")
    refused(lambda: wet.toggle("Show", body="x"), "wet.toggle", "'id'")
    refused(lambda: wet.toggle("Show", id="a b", body="x"), "wet.toggle", "'id'", "'a b'")


# ---- accordion ----------------------------------------------------------------------------------------------------


def test_accordion_is_native_details_with_a_hidden_show_all(wet):
    tags = Tags(wet.accordion(items=SECTIONS, id="help"))
    root = tags.all("div")[0]
    assert root["id"] == "help" and root["data-wetkit-module"] == "accordion" and "data-remember" not in root
    assert root["data-text-show"] == "Show all sections" and root["data-text-hide"] == "Hide all sections"
    (button,) = tags.all("button")
    assert "hidden" in button and button["aria-expanded"] == "false"
    details = tags.all("details")
    assert [d["id"] for d in details] == ["help-1", "help-2"]
    assert ["open" in d for d in details] == [False, True]
    assert len(tags.all("summary")) == 2


def test_accordion_remember_ids_texts_and_markup_body(wet):
    items = [{"heading": "A", "body": Markup("<ul><li>x</li></ul>"), "id": "first"}, {"heading": "B", "body": "<i>"}]
    html = wet.accordion(items=items, id="faq", remember="local",
                         texts={"show_all": "Open all", "hide_all": "Close all"})
    tags = Tags(html)
    root = tags.all("div")[0]
    assert root["data-remember"] == "local"
    assert root["data-text-show"] == "Open all" and root["data-text-hide"] == "Close all"
    assert [d["id"] for d in tags.all("details")] == ["first", "faq-2"]
    assert "<ul><li>x</li></ul>" in html and "&lt;i&gt;" in html


def test_accordion_french(wet):
    import jinja2

    import wetkit

    fr = wetkit.environment(undefined=jinja2.StrictUndefined, lang="fr").globals["wet"]
    root = Tags(fr.accordion(items=SECTIONS)).all("div")[0]
    assert root["data-text-show"] == "Afficher toutes les sections"
    assert root["data-text-hide"] == "Masquer toutes les sections"


def test_accordion_refuses(wet):
    refused(lambda: wet.accordion(items=SECTIONS[:1]), "wet.accordion", "'items'", "at least two sections")
    refused(lambda: wet.accordion(items=[]), "wet.accordion", "'items'")
    refused(lambda: wet.accordion(items=SECTIONS, remember="cookie"), "wet.accordion", "'remember'", "'session'")
    refused(lambda: wet.accordion(items=[SECTIONS[0], {**SECTIONS[1], "id": "accordion-1"}]),
             "wet.accordion", "items[1].id", "'accordion-1'", "an id not used")
    refused(lambda: wet.accordion(items=[{**SECTIONS[0], "id": "acc"}, SECTIONS[1]], id="acc"), "items[0].id")
    refused(lambda: wet.accordion(items=[{"heading": "A"}, SECTIONS[1]]), "wet.accordion", "body")


# ---- the module pattern and sizes --------------------------------------------------------------------------------


def _scripts():
    scripts = sorted(paths.COMPONENTS_DIR.glob("*/*.js"))
    return [s for s in scripts if s.stem == s.parent.name]


@pytest.mark.parametrize("script", _scripts(), ids=lambda p: p.stem)
def test_every_component_module_registers_under_its_component_name(script):
    source = script.read_text(encoding="utf-8")
    names = re.findall(r"""\.register\(\s*["']([^"']+)["']""", source)
    assert names == [script.stem], f"{script.name} registers {names}"


@pytest.mark.parametrize("script", [*_scripts(), *sorted(paths.JS_DIR.glob("*.js"))], ids=lambda p: p.name)
def test_page_wide_listeners_go_through_wetkit_on(script):
    """document/window listeners added in a start function pile up, one per element: modules use wetkit.on, which
    adds one listener per event type for the whole page (core.js is the one place that adds them)."""
    source = script.read_text(encoding="utf-8")
    found = re.findall(r"\b(?:document|window)\.addEventListener\(", source)
    assert len(found) == (1 if script.name == "core.js" else 0), f"{script.name}: {found}"


def test_core_accepts_kebab_names_warns_and_starts_late_modules():
    core = (paths.JS_DIR / "core.js").read_text(encoding="utf-8")
    assert 'replace(/-/g, "_")' in core and "console.warn" in core and "if (started) initAll(document" in core


def test_sizes_lists_each_module(capsys):
    from wetkit.assets import gzip_size, js_module_sizes
    from wetkit.cli import main

    sizes = js_module_sizes()
    assert {"core.js", "toggle", "accordion", "filter"} <= set(sizes)
    assert all(0 < s["gzip"] < s["min"] for s in sizes.values())
    toggle = (paths.COMPONENTS_DIR / "toggle" / "toggle.js").read_text(encoding="utf-8")
    assert sizes["toggle"]["gzip"] < gzip_size(toggle), "minified before gzip"
    assert main(["sizes"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^  toggle +\d+ B minified, +\d+ B min\+gzip$", out, re.M)
    assert re.search(r"^js: +\d+ B minified", out, re.M)
