"""Component pages (issue 13, item 1): guidance in both languages, live examples with their Jinja call and HTML
output, keyboard, and the conformance table generated from axe-core's rule metadata and the spec; the site-wide
conformance summary. Parametrised over the registry: a new component is held to the same with no test edit."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from markupsafe import escape

from wetkit import conformance
from wetkit.errors import SpecError
from wetkit.registry import get_registry, load_spec
from wetkit.site import CONFORMANCE, SiteBuilder, call_html

REGISTRY = get_registry()
SPECS = list(REGISTRY)
BUILDER = SiteBuilder()
PAGES = {page.path: page for page in BUILDER.page_list()}
ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.js"


def _scripted(spec) -> bool:
    """True when an example of the component renders markup a wetkit script enhances."""
    return any("data-wetkit-module=" in str(call_html(BUILDER.envs["en"], spec, example, example.lang))
               for example in spec.examples.values())


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_every_component_says_when_to_use_it_in_both_languages(spec):
    assert spec.summary_fr, "summary_fr: the summary in French"
    for key in ("when_to_use", "when_not_to_use"):
        assert spec.guidance.get(key), f"{key}: at least one sentence"
        assert len(spec.guidance.get(f"{key}_fr", [])) == len(spec.guidance[key]), f"{key}_fr: each sentence in French"


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_scripted_components_document_their_keys_in_both_languages(spec):
    if _scripted(spec):
        assert spec.keyboard.get("en") and spec.keyboard.get("fr"), "keyboard and keyboard_fr: the keys it handles"


def test_the_keyboard_rule_sees_scripted_components():
    assert {"tabs", "dialog", "radios", "accordion"} <= {spec.name for spec in SPECS if _scripted(spec)}
    assert "tag" not in {spec.name for spec in SPECS if _scripted(spec)}


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_every_manual_check_names_its_success_criteria_in_both_languages(spec):
    manual = spec.a11y.get("manual") or []
    assert manual, "a11y.manual: what a person must test"
    assert all(isinstance(row, dict) for row in manual), "each a11y.manual entry is a {sc, check, when} row"
    assert all(row.get("check_fr") for row in manual), "check_fr: each manual check in French"


_FRENCH_PUNCTUATION = re.compile(r"(?:[^\u00a0]:|[^\u202f][;?!])(?:\s|$)|«(?!\u00a0)|(?<!\u00a0)»")


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_french_guidance_follows_canada_ca_typography(spec):
    """A no-break space before ':' and a narrow no-break space before ';', '?' and '!', inside « » (as the
    catalogue does), so a line never starts with the punctuation."""
    texts = [spec.summary_fr or "", *spec.guidance.get("when_to_use_fr", []),
             *spec.guidance.get("when_not_to_use_fr", []),
             *(f"{row['keys']} {row['action']}" for row in spec.keyboard.get("fr", [])),
             *(row.get("check_fr", "") for row in spec.manual_rows)]
    bad = [text for text in texts if _FRENCH_PUNCTUATION.search(text)]
    assert not bad, bad


BASE = "summary: A widget.\nparams:\n  text: {type: text, required: true}\nexamples:\n  one: {params: {text: Hi}}\n"


@pytest.mark.parametrize(("extra", "field", "says"), [
    ("when_to_use: A sentence.\n", "when_to_use", "a non-empty list of sentences"),
    ("when_to_use: []\n", "when_to_use", "a non-empty list of sentences"),
    ("when_to_use: [One., Two.]\nwhen_to_use_fr: [Un.]\n", "when_to_use_fr", "one per sentence of 'when_to_use' (2)"),
    ("summary_fr: ['Un widget.']\n", "summary_fr", "the summary's French sentence"),
    ("keyboard: [{keys: Tab}]\n", "keyboard[0]", "exactly 'keys' and 'action'"),
    ("keyboard: [{keys: Tab, action: Moves.}]\nkeyboard_fr: [{keys: Tab, action: A.}, {keys: B, action: C.}]\n",
     "keyboard_fr", "one per row of 'keyboard' (1)"),
    ("a11y: {manual: [{sc: ['1.3.1'], check: Read it.}]}\n", "a11y.manual[0].when", "release, change"),
    ("a11y: {manual: [{sc: [1.3], check: Read it., when: release}]}\n", "a11y.manual[0].sc", "quoted strings"),
    ("a11y: {manual: [{sc: ['1.4.6'], check: Read it., when: release}]}\n", "a11y.manual[0].sc",
     "level A or AA"),
    ("a11y: {manual: [{sc: ['1.3.1'], when: release}]}\n", "a11y.manual[0].check", "is required"),
    ("a11y: {manual: [{sc: ['1.3.1'], check: Read it., when: release, by: me}]}\n", "a11y.manual[0].by",
     "unknown key"),
])
def test_bad_guidance_names_the_file_and_field(tmp_path, extra, field, says):
    folder = tmp_path / "widget"
    folder.mkdir()
    (folder / "widget.html").write_text("", encoding="utf-8")
    (folder / "widget.yaml").write_text(BASE + extra, encoding="utf-8")
    with pytest.raises(SpecError) as info:
        load_spec(folder)
    message = str(info.value)
    assert f"widget.yaml: {field}:" in message and says in message, message


def test_axe_rule_metadata_is_that_of_the_pinned_axe_core():
    """wetkit/axe_rules.json is what ``python -m wetkit.conformance axe`` reads from the installed axe-core, whose
    version is the one package-lock.json pins: bumping axe-core without refreshing the file fails here."""
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/axe-core"]["version"]
    data = conformance.read_axe_js(AXE_JS.read_text(encoding="utf-8"))
    assert data["axe_version"] == pinned == conformance.axe_version()
    assert data == json.loads(conformance.AXE_RULES_FILE.read_text(encoding="utf-8"))
    assert data["rules"]["color-contrast"]["criteria"] == ["1.4.3"]
    assert data["rules"]["target-size"]["criteria"] == ["2.5.8"]


def test_rules_outside_the_suite_tags_are_left_out():
    ids = {rule.id for rule in conformance.axe_rules()}
    assert "color-contrast" in ids and "region" in ids
    assert "color-contrast-enhanced" not in ids  # AAA: not in the suite's tags
    assert all(re.fullmatch(r"[1-4]\.\d\.\d+", sc) for rule in conformance.axe_rules() for sc in rule.criteria)
    # a rule may also name a AAA criterion (scrollable-region-focusable: 2.1.1 and 2.1.3); tables list A/AA only
    assert all(row.sc in conformance.CRITERIA for spec in SPECS for row in BUILDER.conformance(spec))


def test_relevant_criteria_follow_what_the_component_renders():
    plain = conformance.relevant_criteria(["<p>Text</p>"])
    assert plain == list(conformance.ALWAYS)
    link = conformance.relevant_criteria(['<p><a href="/x">More</a></p>'])
    assert {"2.4.4", "2.4.7", "2.1.1"} <= set(link) and "3.3.2" not in link
    field = conformance.relevant_criteria(['<label for="a">A</label><input id="a" aria-invalid="true">'])
    assert {"3.3.1", "3.3.2", "1.3.5", "2.4.6"} <= set(field)
    manual = conformance.relevant_criteria(["<p>x</p>"], [{"sc": ["2.2.1"], "check": "c", "when": "release"}])
    assert "2.2.1" in manual


def test_rows_say_how_each_criterion_is_covered():
    rows = {row.sc: row for row in conformance.table(
        ['<a href="/x">x</a>'], [{"sc": ["2.4.4"], "check": "Read the links list.", "when": "release"}])}
    assert rows["1.4.10"].checks == ["reflow"] and rows["1.4.10"].status == "automated"
    assert "link-name" in rows["2.4.4"].axe_rules and rows["2.4.4"].status == "both"
    assert rows["2.4.3"].status == "untested"  # focus order: no axe rule, no manual row
    assert conformance.counts(rows.values())["untested"] >= 1


def _page(path):
    return BUILDER.render(PAGES[path])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_component_page_shows_each_example_live_with_its_code_and_html(lang):
    spec = REGISTRY["radios"]
    page = _page(f"{lang}/components/radios/")
    for example in spec.examples.values():
        assert re.search(rf'<iframe class="wet-site-frame" src="{example.name}/" title="[^"]+" inert>',
                         page)
        assert f'<a href="{example.name}/">' in page
    codes = [html.unescape(code) for code in re.findall(r'<pre class="wet-code"><code>(.*?)</code></pre>', page, re.S)]
    example = spec.examples["conditional"]
    shown = BUILDER.shown_lang(example, lang)
    assert 'wet.text_input(name="contact-email-address"' in "".join(codes)
    assert str(call_html(BUILDER.envs[shown], spec, example, shown)).strip() in codes
    assert page.count("data-wetkit-module=\"copy\"") == 2 * len(spec.examples)
    assert page.count("data-copy hidden>") == 2 * len(spec.examples)  # shown only by site.js
    assert '<script src="../../../static/wetkit/site.js" defer></script>' in page
    assert "<script>" not in page and " style=" not in page


def test_french_component_page_gives_the_guidance_in_french():
    spec = REGISTRY["tabs"]
    page = _page("fr/components/tabs/")
    assert escape(spec.guidance["when_to_use_fr"][0]) in page
    assert escape(spec.keyboard["fr"][1]["action"]) in page
    assert escape(spec.guidance["when_to_use"][0]) not in page


def test_component_page_shows_its_conformance_table():
    page = _page("en/components/text_input/")
    table = page[page.index('id="conformance"'):]
    rows = BUILDER.conformance(REGISTRY["text_input"])
    assert table.count('<tr><th scope="row">') == len(rows)
    assert "3.3.2 Labels or Instructions" in table and "<code>autocomplete-valid</code>" in table
    assert "reflow at 320 CSS px" in table
    assert escape(REGISTRY["text_input"].manual_rows[0]["check"]) in table


def test_conformance_summary_counts_every_component():
    page = _page(f"en/{CONFORMANCE}")
    totals = conformance.counts(row for spec in SPECS for row in BUILDER.conformance(spec))
    assert sum(totals.values()) == sum(len(BUILDER.conformance(spec)) for spec in SPECS)
    for spec in SPECS:
        assert f'<a href="../components/{spec.name}/#conformance">' in page
    assert f"{totals['automated']} criterion rows are covered by automated checks." in page
    assert f"{totals['untested']} criterion rows are not yet tested." in page


def test_a_new_component_without_guidance_is_caught(tmp_path):
    """The per-component tests above fail for a component whose spec lacks the guidance (as a scaffold would)."""
    folder = tmp_path / "tag"
    shutil.copytree(REGISTRY["tag"].folder, folder)
    spec_file = folder / "tag.yaml"
    kept = [line for line in spec_file.read_text(encoding="utf-8").splitlines()
            if not line.startswith(("summary_fr:", "when_", '  - "'))]  # the guidance lines
    spec_file.write_text("\n".join(kept), encoding="utf-8")
    bare = load_spec(folder)
    assert not bare.summary_fr and not bare.guidance
    with pytest.raises(AssertionError):
        test_every_component_says_when_to_use_it_in_both_languages(bare)
