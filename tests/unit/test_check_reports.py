"""`wetkit check` reports built from synthetic PageResults: terminal lines and summary, JSON, JUnit (validated
against tests/schemas/junit-10.xsd), the self-contained HTML report, WCAG names, French."""

from __future__ import annotations

import html.parser
import io
import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from wetkit.audit import i18n, reports
from wetkit.audit.checks import Problem
from wetkit.audit.reports import Report
from wetkit.audit.runner import PageResult

SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "junit-10.xsd"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 20

CONTRAST = Problem("axe", "color-contrast", ".hint", "Elements must meet minimum color contrast ratio thresholds "
                   "(serious): <p class=\"hint\">", "https://dequeuniversity.com/rules/axe/4.14/color-contrast", 320,
                   "dark")
ALT = Problem("axe", "image-alt", "img", "Images must have alternative text (critical): <img>",
              "https://dequeuniversity.com/rules/axe/4.14/image-alt", 1280, "light")
ALT_320 = Problem("axe", "image-alt", "img", "Images must have alternative text (critical): <img>",
                  "https://dequeuniversity.com/rules/axe/4.14/image-alt", 320, "light")
WIDE = Problem("reflow", "horizontal-scroll", "div.wide (right edge 608px)", "page is 608px wide in a 320px "
               "viewport (WCAG 1.4.10 Reflow)", width=320)
CONSOLE = Problem("console", "console-error", "javascript", "Uncaught \x07 TypeError <b>&")
DOWN = Problem("load", "unreachable", "http://127.0.0.1:9/down", "http://127.0.0.1:9/down could not be reached")


def sample() -> Report:
    bad = PageResult("http://127.0.0.1:5000/apply/", [ALT, ALT_320, CONTRAST, WIDE, CONSOLE],
                     needs_review=["color-contrast at 320px: td:nth-child(4)", "color-contrast at 1280px: th",
                                   "aria-hidden-focus at 1280px in dark mode: #x"])
    bad.evidence = {ALT: {"html": "<img src=\"a.png\">", "summary": "Fix any of the following:\n  Element does "
                                                                    "not have an alt attribute", "png": PNG},
                    ALT_320: {"html": "<img src=\"a.png\">", "summary": "Fix any…"}}
    bad.rules = {"image-alt": {"help": "Images must have alternative text", "help_url": ALT.help_url,
                               "tags": ["cat.text-alternatives", "wcag2a", "wcag111", "section508"]},
                 "color-contrast": {"help": "Elements must meet minimum color contrast ratio thresholds",
                                    "help_url": CONTRAST.help_url, "tags": ["wcag2aa", "wcag143"]}}
    good = PageResult("http://127.0.0.1:5000/", [], needs_review=["color-contrast at 320px: td"])
    down = PageResult("http://127.0.0.1:9/down", [DOWN])
    return Report([good, bad, down], elapsed=6.0, engine="4.14.1")


# -- WCAG names ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("tags", "expected"), [
    (["wcag2aa", "wcag143", "cat.color"], ["1.4.3"]),
    (["wcag21aa", "wcag1410"], ["1.4.10"]),
    (["wcag22aa", "wcag2411", "wcag111", "wcag111"], ["1.1.1", "2.4.11"]),
    (["best-practice", "cat.keyboard"], []),
])
def test_axe_tags_map_to_success_criteria(tags, expected):
    assert i18n.criteria_for_tags(tags) == expected


def test_criterion_names_and_links():
    assert i18n.criterion("1.4.3") == "1.4.3 Contrast (Minimum)"
    assert i18n.criterion("1.4.3", "fr") == "1.4.3 Contraste (minimum)"
    assert i18n.criterion("9.9.9") == "9.9.9"
    assert i18n.understanding_url("1.4.10") == "https://www.w3.org/WAI/WCAG22/Understanding/reflow"
    assert i18n.understanding_url("4.1.2") == "https://www.w3.org/WAI/WCAG22/Understanding/name-role-value"
    assert i18n.criteria_for("reflow", "horizontal-scroll") == ["1.4.10"]
    assert i18n.criteria_for("text-spacing", "text-clipped") == ["1.4.12"]
    assert i18n.criteria_for("focus", "focus-not-visible") == ["2.4.7"]
    assert i18n.criteria_for("console", "console-error") == []


def test_every_string_exists_in_both_languages():
    assert set(i18n.STRINGS["en"]) == set(i18n.STRINGS["fr"])
    assert len(i18n.CRITERIA) == 87  # WCAG 2.2: 86 criteria, plus 4.1.1 (obsolete, still tagged by axe)


# -- counts and terminal ---------------------------------------------------------------------------------------------

def test_counts_and_exit_code():
    report = sample()
    assert report.pages == 3
    assert report.failed_pages() == [1, 2]
    assert report.exit_code == 1
    assert report.by_rule()[0] == ("axe", "image-alt", 2, 0)
    assert [(g.rule, g.count, len(g.pages)) for g in report.review()] == [("color-contrast", 3, 2),
                                                                           ("aria-hidden-focus", 1, 1)]
    assert report.seconds_per_page == 2.0
    assert Report([PageResult("http://a/", [])]).exit_code == 0


def test_terminal_lines_keep_the_wetkit_check_format():
    report = sample()
    lines = reports.page_lines(report, 1)
    assert lines[0] == "FAIL  http://127.0.0.1:5000/apply/ (3 to review by hand)"
    assert ("http://127.0.0.1:5000/apply/ at 1280px: [axe] image-alt: img\n      Images must have alternative text "
            "(critical): <img>\n      help: https://dequeuniversity.com/rules/axe/4.14/image-alt") in lines
    assert any(line.startswith("http://127.0.0.1:5000/apply/ at 320px in dark mode: [axe] color-contrast")
               for line in lines)
    assert reports.page_lines(report, 0) == ["ok    http://127.0.0.1:5000/ (1 to review by hand)"]
    assert reports.closing_line(report) == "1 passed, 2 failed (3 pages, axe-core 4.14.1, 6.0s)"
    assert reports.review_line(report) == ("needs review: 4 result(s) on 2 page(s): color-contrast 3, "
                                           "aria-hidden-focus 1")


def test_summary_tables_render():
    from rich.console import Console

    out = io.StringIO()
    console = Console(file=out, width=120, force_terminal=False)
    for table in reports.summary_tables(sample()):
        console.print(table)
    text = out.getvalue()
    for expected in ("Pages checked", "Seconds per page", "2.00", "image-alt", "1.1.1", "horizontal-scroll",
                     "1.4.10", "Needs review", "color-contrast"):
        assert expected in text


def test_browser_network_errors_are_reworded():
    result = PageResult("http://127.0.0.1:1/", [Problem("load", "browser-error", "http://127.0.0.1:1/",
                                                        "unknown error: net::ERR_CONNECTION_REFUSED")])
    reports.explain_load(result)
    assert result.problems[0].rule == "unreachable"
    assert result.problems[0].message == "http://127.0.0.1:1/ could not be reached (ERR_CONNECTION_REFUSED)"


# -- JSON ------------------------------------------------------------------------------------------------------------

def test_json_keeps_the_page_entries_and_adds_a_summary(tmp_path):
    path = tmp_path / "out" / "report.json"
    size = reports.write_json(sample(), path)
    data = json.loads(path.read_text())
    assert size == path.stat().st_size
    page = data["pages"][1]
    assert {"url", "problems", "needs_review"} <= set(page)
    first = page["problems"][0]
    assert (first["check"], first["rule"], first["target"], first["width"], first["status"], first["wcag"]) == (
        "axe", "image-alt", "img", 1280, "new", ["1.1.1"])
    assert first["html"] == '<img src="a.png">' and first["screenshot"] is True
    assert data["summary"]["needs_review"] == {"color-contrast": 3, "aria-hidden-focus": 1}
    assert data["summary"]["pages_failed"] == 2
    assert data["seconds_per_page"] == 2.0


# -- JUnit -----------------------------------------------------------------------------------------------------------

def test_junit_validates_against_the_schema_and_has_one_case_per_page_and_check():
    xmlschema = pytest.importorskip("xmlschema")
    report = sample()
    data = reports.to_junit(report)
    xmlschema.XMLSchema(str(SCHEMA)).validate(io.BytesIO(data))
    root = ElementTree.fromstring(data)
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    checks = len(reports.CHECKS)
    assert len(cases) == int(suite.get("tests")) == 3 * checks
    by_page = {}
    for case in cases:
        by_page.setdefault(case.get("classname"), []).append(case)
    assert list(by_page) == ["/", "/apply/", "/down"]
    assert [c.get("name") for c in by_page["/"]] == list(reports.CHECKS)
    failed = {(c.get("classname"), c.get("name")) for c in cases if c.find("failure") is not None}
    assert failed == {("/apply/", "axe"), ("/apply/", "reflow"), ("/apply/", "console"), ("/down", "load")}
    assert int(suite.get("failures")) == len(failed)
    skipped = [c for c in by_page["/down"] if c.find("skipped") is not None]
    assert len(skipped) == checks - 1 and int(suite.get("skipped")) == checks - 1
    axe = next(c for c in by_page["/apply/"] if c.get("name") == "axe").find("failure")
    assert axe.get("type") == "image-alt" and "3 barrier(s)" in axe.get("message")
    assert "color-contrast" in axe.text
    console = next(c for c in by_page["/apply/"] if c.get("name") == "console").find("failure")
    assert "\x07" not in console.text and "<b>&" in console.text  # control characters made XML-safe


def test_junit_without_the_keyboard_walk_has_no_focus_case():
    report = Report([PageResult("http://a/", [])], keyboard=False)
    names = [c.get("name") for c in ElementTree.fromstring(reports.to_junit(report)).iter("testcase")]
    assert "focus" not in names and "axe" in names


# -- HTML ------------------------------------------------------------------------------------------------------------

class Resources(html.parser.HTMLParser):
    """Everything in a page that could load something, and its headings."""

    def __init__(self):
        super().__init__()
        self.tags, self.urls, self.lang, self.headings, self.images = [], [], None, [], []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "img":
            self.images.append(values)
        for name in ("src", "srcset", "data", "poster"):
            if values.get(name):
                self.urls.append(values[name])
        if tag == "link":
            self.urls.append(values.get("href"))


def parse(text: str) -> Resources:
    parser = Resources()
    parser.feed(text)
    return parser


def test_html_is_one_self_contained_file_with_everything_a_fixer_needs(tmp_path):
    path = tmp_path / "report.html"
    reports.write_html(sample(), path)
    text = path.read_text()
    page = parse(text)
    assert page.lang == "en"
    assert "script" not in page.tags and "link" not in page.tags and "iframe" not in page.tags
    assert all(url.startswith("data:image/png;base64,") for url in page.urls)
    assert "url(" not in text and "@import" not in text
    assert len(page.images) == 1 and page.images[0]["alt"].startswith("Screenshot of img at 1280px")
    for expected in ("1.1.1 Non-text Content", "1.4.3 Contrast (Minimum)", "1.4.10 Reflow", "&lt;img src=&#34;a.png",
                     "Element does not have an alt attribute", ALT.help_url, "320px in dark mode",
                     "http://127.0.0.1:9/down could not be reached", "Needs review", "aria-hidden-focus"):
        assert expected in text, expected
    assert "1280px; 320px" in text  # one entry for the same element at both widths
    assert text.count("<code>image-alt</code>: Images must") == 1


def test_html_lists_needs_review_by_rule_with_counts_capped():
    many = PageResult("http://a/", [], needs_review=[f"color-contrast at 320px: td:nth-child({n})"
                                                     for n in range(reports.MAX_REVIEW_ITEMS + 7)])
    text = reports.to_html(Report([many]))
    assert f"<code>color-contrast</code>: {reports.MAX_REVIEW_ITEMS + 7}</h3>" in text
    assert "... and 7 more" in text


def test_html_caps_screenshots():
    results = []
    for n in range(reports.MAX_REPORT_SHOTS + 5):
        problem = Problem("axe", "image-alt", f"#i{n}", "no alt", "", 1280)
        result = PageResult(f"http://a/{n}", [problem])
        result.evidence = {problem: {"html": "<img>", "summary": "", "png": PNG}}
        results.append(result)
    assert len(parse(reports.to_html(Report(results))).images) == reports.MAX_REPORT_SHOTS


def test_french_report():
    report = sample()
    report.lang = "fr"
    text = reports.to_html(report)
    assert parse(text).lang == "fr"
    for expected in ("Rapport d'accessibilité", "Sommaire", "À vérifier", "Comment corriger",
                     "1.4.3 Contraste (minimum)", "1.4.10 Redistribution", "en mode sombre"):
        assert expected in text.replace("&#39;", "'"), expected
    assert reports.closing_line(report).startswith("1 réussie(s), 2 en échec")
    assert b"obstacle(s)" in reports.to_junit(report)
