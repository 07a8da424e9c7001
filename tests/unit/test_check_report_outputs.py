"""`wetkit check` reports read whole: the exact JUnit XML a CI server parses, the exact JSON fields a script reads,
the HTML report's findings and review sections, the terminal lines and summary tables, the baseline lines.

test_check_reports.py proves the shape (schema, self-contained HTML, French); these tests pin every word and number
of a small run, so a report that drops a field, swaps a count or loses a finding fails here.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from wetkit import __version__
from wetkit.audit import reports
from wetkit.audit.baseline import Key
from wetkit.audit.checks import Problem
from wetkit.audit.reports import Report
from wetkit.audit.runner import PageResult
from wetkit.audit.targets import Unreachable

STARTED = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
PNG = b"\x89PNG fake"  # base64: iVBORyBmYWtl
ALT = Problem("axe", "image-alt", "img.logo", "Images must have alternative text (critical): <img>",
              "https://h/image-alt", 1280)
DARK = Problem("axe", "color-contrast", ".hint", "Low contrast (serious)", "https://h/color-contrast", 320, "dark")
WIDE = Problem("reflow", "horizontal-scroll", "div.wide (right edge 608px)", "page is 608px wide", width=320)
DOWN = Problem("load", "unreachable", "http://s.test/down", "http://s.test/down could not be reached")
RULES = {"image-alt": {"help": "Images must have alternative text", "help_url": "https://h/image-alt",
                       "tags": ["wcag2a", "wcag111"]},
         "color-contrast": {"help": "Contrast", "help_url": "https://h/cc", "tags": ["wcag2aa", "wcag143"]}}


def small(**options) -> Report:
    """One page with three new barriers (one with evidence) and two review items, one page that did not load."""
    apply = PageResult("http://s.test/apply?step=2", [ALT, DARK, WIDE],
                       needs_review=["color-contrast at 320px: td", "odd item"])
    apply.evidence = {ALT: {"html": '<img class="logo">', "summary": "Fix any of the following:\n  add alt",
                            "png": PNG}}
    apply.rules = RULES
    down = PageResult("http://s.test/down", [DOWN])
    return Report([apply, down], elapsed=3.0, engine="4.14.1", started=STARTED, **options)


def known_run(tmp_path) -> Report:
    """A second run against a baseline: the image is known, the label is new, /gone is fixed, /other unchecked."""
    path = tmp_path / "known.json"
    label = Problem("axe", "label", "input#q", "Form elements must have labels", "", 1280)
    first = Report([PageResult("http://s.test/a", [ALT]), PageResult("http://s.test/gone", [label]),
                    PageResult("http://s.test/other", [label])])
    first.apply_baseline(str(path))
    report = Report([PageResult("http://s.test/a", [ALT, label]), PageResult("http://s.test/gone", [])],
                    elapsed=1.0, engine="4.14.1", started=STARTED)
    report.apply_baseline(str(path))
    return report


# -- counts, grouping and baselines ----------------------------------------------------------------------------------

def test_rules_with_the_most_new_then_known_findings_come_first_then_by_check_and_rule(tmp_path):
    path = tmp_path / "baseline.json"
    b1 = Problem("axe", "b", "#1", "m")
    b2 = Problem("axe", "b", "#2", "m")
    a1 = Problem("axe", "a", "#1", "m")
    z1 = Problem("ids", "a", "#1", "m")
    Report([PageResult("http://s.test/", [b2])]).apply_baseline(str(path))
    report = Report([PageResult("http://s.test/", [z1, a1, b1, b2]),
                     PageResult("http://s.test/x", [b1])])
    report.apply_baseline(str(path))
    # b: 2 new (#1 twice) and 1 known (#2); a and ids/a: one new each, ordered by check then rule
    assert report.by_rule() == [("axe", "b", 2, 1), ("axe", "a", 1, 0), ("ids", "a", 1, 0)]
    known = Report([PageResult("http://s.test/", [a1, b2])])
    known.apply_baseline(str(path))
    assert known.by_rule() == [("axe", "a", 1, 0), ("axe", "b", 0, 1)]


def test_review_groups_count_items_and_pages_with_axe_help_most_frequent_first():
    one = PageResult("http://s.test/1", [], needs_review=["region at 1280px: #a", "region at 320px: #b",
                                                          "aria-x at 1280px in dark mode: main > p"])
    one.rules = {"region": {"help": "All content in landmarks", "help_url": "https://h/region"}}
    two = PageResult("http://s.test/2", [], needs_review=["aria-x at 320px: #c", "no rule here"])
    report = Report([one, two])
    groups = report.review()
    assert [(g.rule, g.count, sorted(g.pages), g.help, g.help_url) for g in groups] == [
        ("aria-x", 2, ["http://s.test/1", "http://s.test/2"], "", ""),
        ("region", 2, ["http://s.test/1"], "All content in landmarks", "https://h/region"),
        ("no rule here", 1, ["http://s.test/2"], "", ""),
    ]
    assert groups[0].items == [("http://s.test/1", "1280px in dark mode", "main > p"),
                               ("http://s.test/2", "320px", "#c")]
    assert groups[2].items == [("http://s.test/2", "", "")]
    assert report.review_total() == 5


def test_only_pages_that_loaded_count_as_checked():
    report = small()
    assert report.checked_pages() == {"/apply?step=2"}
    assert report.failed_pages() == [0, 1]
    assert report.seconds_per_page == 1.5
    assert Report([]).seconds_per_page == 0.0


def test_the_baseline_file_names_the_engine_and_wetkit(tmp_path):
    path = tmp_path / "baseline.json"
    report = small()
    report.apply_baseline(str(path))
    data = json.loads(path.read_text())
    assert (data["wetkit"], data["axe_core"], data["format"], data["tool"]) == (__version__, "4.14.1", 1,
                                                                                 "wetkit check")
    assert report.baseline_path == str(path)


def test_an_update_lists_the_entries_it_dropped_as_fixed(tmp_path):
    path = tmp_path / "baseline.json"
    Report([PageResult("http://s.test/a", [ALT, WIDE])]).apply_baseline(str(path))
    report = Report([PageResult("http://s.test/a", [WIDE, DARK])])
    report.apply_baseline(str(path), update=True)
    assert report.baseline_action == "updated"
    assert report.comparison.fixed == [Key("/a", "axe", "image-alt", "img.logo")]
    assert report.comparison.known == {Key("/a", "axe", "color-contrast", ".hint"),
                                       Key("/a", "reflow", "horizontal-scroll", "div.wide")}
    assert report.comparison.new == set()
    assert [f.known for f in report.all_findings()] == [True, True]


def test_criteria_come_from_axe_tags_only_for_axe_findings():
    tagged = {"tags": ["wcag2a", "wcag111"]}
    reflow = reports.Finding("http://s.test/", "/", WIDE, rule_info=tagged)
    axe_error = reports.Finding("http://s.test/", "/", Problem("axe-error", "image-alt", "img", "m"),
                                rule_info=tagged)
    assert reflow.criteria() == ["1.4.10"]
    assert axe_error.criteria() == ["1.1.1"]


def test_an_unreadable_target_becomes_a_load_finding():
    result = reports.unreachable_result(Unreachable("http://s.test/map.xml", "sitemap-invalid", "not XML"))
    assert (result.url, result.problems) == (
        "http://s.test/map.xml", [Problem("load", "sitemap-invalid", "http://s.test/map.xml", "not XML")])


@pytest.mark.parametrize("problem", [
    Problem("load", "timeout", "http://s.test/", "net::ERR_TIMED_OUT after 30 s"),
    Problem("console", "browser-error", "http://s.test/", "net::ERR_FAILED"),
    Problem("load", "browser-error", "http://s.test/", "tab crashed"),
])
def test_only_browser_network_errors_are_reworded(problem):
    result = PageResult("http://s.test/", [problem])
    reports.explain_load(result)
    assert result.problems == [problem]


# -- terminal --------------------------------------------------------------------------------------------------------

def test_terminal_lines_for_new_known_and_reviewed_findings(tmp_path):
    report = small()
    assert reports.page_lines(report, 0, verbose=True) == [
        "FAIL  http://s.test/apply?step=2 (2 to review by hand)",
        "http://s.test/apply?step=2 at 1280px: [axe] image-alt: img.logo\n"
        "      Images must have alternative text (critical): <img>\n      help: https://h/image-alt",
        "http://s.test/apply?step=2 at 320px in dark mode: [axe] color-contrast: .hint\n"
        "      Low contrast (serious)\n      help: https://h/color-contrast",
        "http://s.test/apply?step=2 at 320px: [reflow] horizontal-scroll: div.wide (right edge 608px)\n"
        "      page is 608px wide",
        "      review: color-contrast at 320px: td",
        "      review: odd item",
    ]
    assert reports.page_lines(report, 1) == [
        "FAIL  http://s.test/down",
        "http://s.test/down: [load] unreachable: http://s.test/down\n      http://s.test/down could not be reached",
    ]
    known = known_run(tmp_path)
    assert reports.page_lines(known, 0) == [
        "FAIL  http://s.test/a",
        "http://s.test/a at 1280px: [axe] label: input#q\n      Form elements must have labels",
        "      known: [axe] image-alt: img.logo (1280px)",
    ]
    assert reports.page_lines(known, 1) == ["ok    http://s.test/gone"]
    all_known = Report([PageResult("http://s.test/a", [WIDE, DARK])], lang="fr")
    all_known.apply_baseline(str(tmp_path / "other.json"))
    assert reports.page_lines(all_known, 0) == [
        "known http://s.test/a",
        "      connu: [reflow] horizontal-scroll: div.wide (right edge 608px) (320 px)",
        "      connu: [axe] color-contrast: .hint (320 px en mode sombre)"]


def test_french_terminal_lines_say_where_in_french():
    report = small(lang="fr")
    assert reports.page_lines(report, 0)[2] == ("http://s.test/apply?step=2 à 320 px en mode sombre: [axe] "
                                                "color-contrast: .hint\n      Low contrast (serious)\n"
                                                "      help: https://h/color-contrast")
    assert reports.where(Problem("axe", "r", "t", "m", "", None, "forced-colors"), "fr") == \
        "en mode couleurs forcées"
    assert reports.where(Problem("axe", "r", "t", "m", "", 320, "light")) == "320px"


def test_closing_and_review_lines():
    report = small()
    assert reports.closing_line(report) == "0 passed, 2 failed (2 pages, axe-core 4.14.1, 3.0s)"
    assert reports.review_line(report) == "needs review: 2 result(s) on 1 page(s): color-contrast 1, odd item 1"
    assert reports.review_line(Report([PageResult("http://s.test/", [])])) is None


def test_baseline_lines_say_what_was_recorded_updated_or_compared(tmp_path):
    path = tmp_path / "baseline.json"
    recorded = small()
    recorded.apply_baseline(str(path))
    assert reports.baseline_lines(recorded) == [
        f"baseline recorded: 3 finding(s) in {path}; later runs fail only on new ones"]
    updated = Report([PageResult("http://s.test/apply?step=2", [ALT])])
    updated.apply_baseline(str(path), update=True)
    assert reports.baseline_lines(updated) == [
        f"baseline updated: 1 finding(s) in {path}",
        "fixed since baseline: /apply?step=2: [axe] color-contrast: .hint; "
        "/apply?step=2: [reflow] horizontal-scroll: div.wide"]
    assert reports.baseline_lines(known_run(tmp_path)) == [
        f"baseline {tmp_path / 'known.json'}: 1 new, 1 known, 1 fixed",
        "fixed since baseline: /gone: [axe] label: input#q"]
    assert reports.baseline_lines(small()) == []


def _cells(table) -> list[list[str]]:
    return [[column.header, *column.cells] for column in table.columns]


def test_summary_tables_hold_the_run_in_numbers(tmp_path):
    overview, by_rule, review = reports.summary_tables(small())
    assert overview.title == "Summary" and not overview.show_header
    assert _cells(overview) == [
        ["Summary", "Pages checked", "Pages with new barriers", "Barriers (new)", "Barriers (known)", "Needs review",
         "Seconds per page"],
        ["count", "2", "2", "4", "0", "2", "1.50"],
    ]
    assert [c.justify for c in overview.columns] == ["left", "right"]
    assert by_rule.title == "Barriers by rule"
    assert _cells(by_rule) == [
        ["Check", "axe", "axe", "load", "reflow"],
        ["Rule", "color-contrast", "image-alt", "unreachable", "horizontal-scroll"],
        ["WCAG success criterion", "1.4.3", "1.1.1", "-", "1.4.10"],
        ["new", "1", "1", "1", "1"],
        ["known", "0", "0", "0", "0"],
    ]
    assert [c.justify for c in by_rule.columns] == ["left", "left", "left", "right", "right"]
    assert review.title == "Needs review"
    assert _cells(review) == [["Rule", "color-contrast", "odd item"], ["count", "1", "1"], ["Pages checked", "1", "1"]]
    assert [c.justify for c in review.columns] == ["left", "right", "right"]
    compared, _ = reports.summary_tables(known_run(tmp_path))
    assert _cells(compared)[0][5:7] == ["Fixed since the baseline", "Needs review"]
    assert _cells(compared)[1][1:] == ["2", "1", "1", "1", "1", "0", "0.50"]
    assert len(reports.summary_tables(Report([PageResult("http://s.test/", [])]))) == 1


# -- JSON ------------------------------------------------------------------------------------------------------------

def test_json_report_fields(tmp_path):
    data = reports.to_json(small())
    pages = data.pop("pages")
    assert data == {
        "tool": "wetkit check", "wetkit": __version__, "axe_core": "4.14.1", "lang": "en",
        "started": "2026-01-02T03:04:05+00:00", "seconds": 3.0, "seconds_per_page": 1.5,
        "summary": {"pages": 2, "pages_failed": 2, "new": 4, "known": 0,
                    "by_rule": [{"check": "axe", "rule": "color-contrast", "new": 1, "known": 0},
                                {"check": "axe", "rule": "image-alt", "new": 1, "known": 0},
                                {"check": "load", "rule": "unreachable", "new": 1, "known": 0},
                                {"check": "reflow", "rule": "horizontal-scroll", "new": 1, "known": 0}],
                    "needs_review": {"color-contrast": 1, "odd item": 1}},
        "notes": [],
    }
    assert pages == [
        {"url": "http://s.test/apply?step=2", "page": "/apply?step=2", "ok": False,
         "needs_review": ["color-contrast at 320px: td", "odd item"],
         "problems": [
             {"check": "axe", "rule": "image-alt", "target": "img.logo", "help_url": "https://h/image-alt",
              "message": "Images must have alternative text (critical): <img>", "width": 1280, "scheme": None,
              "status": "new", "page": "/apply?step=2", "wcag": ["1.1.1"], "html": '<img class="logo">',
              "fix": "Fix any of the following:\n  add alt", "screenshot": True},
             {"check": "axe", "rule": "color-contrast", "target": ".hint", "message": "Low contrast (serious)",
              "help_url": "https://h/color-contrast", "width": 320, "scheme": "dark", "status": "new",
              "page": "/apply?step=2", "wcag": ["1.4.3"]},
             {"check": "reflow", "rule": "horizontal-scroll", "target": "div.wide (right edge 608px)",
              "message": "page is 608px wide", "help_url": "", "width": 320, "scheme": None, "status": "new",
              "page": "/apply?step=2", "wcag": ["1.4.10"]}]},
        {"url": "http://s.test/down", "page": "/down", "ok": False, "needs_review": [],
         "problems": [{"check": "load", "rule": "unreachable", "target": "http://s.test/down",
                       "message": "http://s.test/down could not be reached", "help_url": "", "width": None,
                       "scheme": None, "status": "new", "page": "/down", "wcag": []}]},
    ]
    shotless = Report([PageResult("http://s.test/", [ALT], evidence={ALT: {"html": "<img>"}})])
    entry = reports.to_json(shotless)["pages"][0]["problems"][0]
    assert (entry["html"], entry["fix"], entry["screenshot"]) == ("<img>", "", False)


def test_json_report_with_a_baseline(tmp_path):
    data = reports.to_json(known_run(tmp_path))
    assert data["baseline"] == {
        "path": str(tmp_path / "known.json"), "action": "compared",
        "fixed": [{"page": "/gone", "check": "axe", "rule": "label", "target": "input#q"}],
        "not_checked": [{"page": "/other", "check": "axe", "rule": "label", "target": "input#q"}],
    }
    assert [p["status"] for p in data["pages"][0]["problems"]] == ["known", "new"]
    assert [p["ok"] for p in data["pages"]] == [False, True]
    assert (data["summary"]["new"], data["summary"]["known"]) == (1, 1)
    assert "baseline" not in reports.to_json(small())


def test_json_file_is_utf8_indented_and_ends_with_a_newline(tmp_path):
    path = tmp_path / "deep" / "er" / "report.json"
    report = small(lang="fr", notes=["--max-pages 1: 2 more page(s) found were not checked"])
    size = reports.write_json(report, path)
    raw = path.read_bytes()
    assert size == len(raw)
    assert raw.endswith(b"}\n") and raw.startswith(b'{\n  "tool": "wetkit check",\n')
    assert json.loads(raw) == reports.to_json(report)
    assert json.loads(raw)["notes"] == ["--max-pages 1: 2 more page(s) found were not checked"]


def test_json_keeps_non_ascii_text_readable(tmp_path):
    path = tmp_path / "report.json"
    problem = Problem("axe", "label", "#prénom", "Élément sans étiquette")
    reports.write_json(Report([PageResult("http://s.test/", [problem])]), path)
    assert "#prénom" in path.read_text(encoding="utf-8")


# -- JUnit -----------------------------------------------------------------------------------------------------------

JUNIT = """<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="wetkit check" tests="14" failures="3" errors="0" time="3.000">
  <testsuite name="wetkit check" tests="14" failures="3" errors="0" skipped="6" time="3.000" \
timestamp="2026-01-02T03:04:05" hostname="localhost">
    <testcase classname="/apply?step=2" name="load" />
    <testcase classname="/apply?step=2" name="axe">
      <failure type="image-alt" message="2 barrier(s) found by axe">http://s.test/apply?step=2 at 1280px: [axe] \
image-alt: img.logo
      Images must have alternative text (critical): &lt;img&gt;
      help: https://h/image-alt
http://s.test/apply?step=2 at 320px in dark mode: [axe] color-contrast: .hint
      Low contrast (serious)
      help: https://h/color-contrast</failure>
    </testcase>
    <testcase classname="/apply?step=2" name="reflow">
      <failure type="horizontal-scroll" message="1 barrier(s) found by reflow">http://s.test/apply?step=2 at 320px: \
[reflow] horizontal-scroll: div.wide (right edge 608px)
      page is 608px wide</failure>
    </testcase>
    <testcase classname="/apply?step=2" name="text-spacing" />
    <testcase classname="/apply?step=2" name="ids" />
    <testcase classname="/apply?step=2" name="focus" />
    <testcase classname="/apply?step=2" name="console" />
    <testcase classname="/down" name="load">
      <failure type="unreachable" message="1 barrier(s) found by load">http://s.test/down: [load] unreachable: \
http://s.test/down
      http://s.test/down could not be reached</failure>
    </testcase>
""" + "".join(f"""    <testcase classname="/down" name="{check}">
      <skipped message="not run: the page did not load" />
    </testcase>
""" for check in ("axe", "reflow", "text-spacing", "ids", "focus", "console")) + """\
    <system-out>needs review: 2 result(s) on 1 page(s): color-contrast 1, odd item 1</system-out>
  </testsuite>
</testsuites>
"""


def test_junit_report_whole(tmp_path):
    path = tmp_path / "ci" / "junit.xml"
    size = reports.write_junit(small(), path)
    assert path.read_text(encoding="utf-8") == JUNIT
    assert size == len(JUNIT.encode("utf-8"))


def test_junit_known_findings_go_to_the_case_output_and_the_baseline_to_the_suite_output(tmp_path):
    data = reports.to_junit(known_run(tmp_path)).decode()
    assert """    <testcase classname="/a" name="axe">
      <failure type="label" message="1 barrier(s) found by axe">http://s.test/a at 1280px: [axe] label: input#q
      Form elements must have labels</failure>
      <system-out>known (in the baseline): http://s.test/a at 1280px: [axe] image-alt: img.logo
      Images must have alternative text (critical): &lt;img&gt;
      help: https://h/image-alt</system-out>
    </testcase>
""" in data
    assert (f"    <system-out>baseline {tmp_path / 'known.json'}: 1 new, 1 known, 1 fixed\n"
            "fixed since baseline: /gone: [axe] label: input#q</system-out>\n  </testsuite>") in data
    assert 'tests="14" failures="1" errors="0" skipped="0" time="1.000"' in data


def test_junit_lists_a_check_that_is_not_one_of_the_usual_ones():
    report = Report([PageResult("http://s.test/", [Problem("axe-error", "aria-x", "#a", "axe threw")])],
                    keyboard=False)
    data = reports.to_junit(report).decode()
    names = [line.split(' name="')[1].split('"')[0] for line in data.splitlines() if "<testcase " in line]
    assert names == ["load", "axe", "reflow", "text-spacing", "ids", "console", "axe-error"]
    assert '<testcase classname="/" name="console" />' in data
    assert "<system-out>" not in data and "skipped" not in data.split("<testcase")[0].replace('skipped="0"', "")


# -- HTML ------------------------------------------------------------------------------------------------------------

HTML_MAIN = """<h1>Accessibility report</h1>
<p>Checked on 2026-01-02 03:04 UTC with axe-core 4.14.1 and wetkit {version}: axe rules for WCAG 2.0, 2.1 and 2.2 A \
and AA and best practices, reflow at 320 CSS px, text spacing, keyboard focus, console errors.</p>
<h2 id="summary">Summary</h2>
<table>
<tbody>
<tr><th scope="row">Pages checked</th><td class="n">2</td></tr>
<tr><th scope="row">Pages with new barriers</th><td class="n">2</td></tr>
<tr><th scope="row">New barriers</th><td class="n">4</td></tr>
<tr><th scope="row">Known barriers (in the baseline, still present)</th><td class="n">0</td></tr>
<tr><th scope="row">Needs review</th><td class="n">2</td></tr>
<tr><th scope="row">Seconds per page</th><td class="n">1.50</td></tr>
</tbody>
</table>
<h2 id="by-rule">Barriers by rule</h2>
<ul>
<li><code>color-contrast</code> (axe; WCAG 1.4.3):
1 new, 0 known</li>
<li><code>image-alt</code> (axe; WCAG 1.1.1):
1 new, 0 known</li>
<li><code>unreachable</code> (load):
1 new, 0 known</li>
<li><code>horizontal-scroll</code> (reflow; WCAG 1.4.10):
1 new, 0 known</li>
</ul>
<h2 id="barriers">Barriers</h2>
<h3>http://s.test/apply?step=2</h3>
<div class="finding">
<h4><span class="badge new">new</span> <code>image-alt</code>: Images must have alternative text</h4>
<dl>
<dt>WCAG success criterion</dt>
<dd><a href="https://www.w3.org/WAI/WCAG22/Understanding/non-text-content">1.1.1 Non-text Content</a></dd>
<dt>Check</dt><dd>axe (1280px)</dd>
<dt>Element</dt><dd><code>img.logo</code></dd>
<dt>HTML</dt><dd><pre><code>&lt;img class=&#34;logo&#34;&gt;</code></pre></dd><dt>Screenshot</dt><dd>\
<img src="data:image/png;base64,iVBORyBmYWtl" alt="Screenshot of img.logo at 1280px"></dd>
<dt>How to fix</dt><dd><pre>Fix any of the following:
  add alt</pre></dd>
<dt>Read about image-alt</dt><dd><a href="https://h/image-alt">https://h/image-alt</a></dd>
</dl>
</div>
<div class="finding">
<h4><span class="badge new">new</span> <code>color-contrast</code>: Contrast</h4>
<dl>
<dt>WCAG success criterion</dt>
<dd><a href="https://www.w3.org/WAI/WCAG22/Understanding/contrast-minimum">1.4.3 Contrast (Minimum)</a></dd>
<dt>Check</dt><dd>axe (320px in dark mode)</dd>
<dt>Element</dt><dd><code>.hint</code></dd>
<dt>How to fix</dt><dd><pre>Low contrast (serious)</pre></dd>
<dt>Read about color-contrast</dt><dd><a href="https://h/color-contrast">https://h/color-contrast</a></dd>
</dl>
</div>
<div class="finding">
<h4><span class="badge new">new</span> <code>horizontal-scroll</code>: page is 608px wide</h4>
<dl>
<dt>WCAG success criterion</dt>
<dd><a href="https://www.w3.org/WAI/WCAG22/Understanding/reflow">1.4.10 Reflow</a></dd>
<dt>Check</dt><dd>reflow (320px)</dd>
<dt>Element</dt><dd><code>div.wide (right edge 608px)</code></dd>
<dt>How to fix</dt><dd><pre>page is 608px wide</pre></dd>
</dl>
</div>
<h3>http://s.test/down</h3>
<div class="finding">
<h4><span class="badge new">new</span> <code>unreachable</code>: http://s.test/down could not be reached</h4>
<dl>
<dt>WCAG success criterion</dt>
<dd>none (best practice or a wetkit check)</dd>
<dt>Check</dt><dd>load</dd>
<dt>Element</dt><dd><code>http://s.test/down</code></dd>
<dt>How to fix</dt><dd><pre>http://s.test/down could not be reached</pre></dd>
</dl>
</div>
<h2 id="review">Needs review</h2>
<p>axe could not decide these and a person must look. They do not fail a page.</p>
<h3><code>color-contrast</code>: 1</h3>
<p>Contrast (<a href="https://h/cc">Read about color-contrast</a>)</p>
<details>
<summary>Pages and elements (1)</summary>
<ul>
<li>http://s.test/apply?step=2 (320px): <code>td</code></li>
</ul>
</details>
<h3><code>odd item</code>: 1</h3>
<details>
<summary>Pages and elements (1)</summary>
<ul>
<li>http://s.test/apply?step=2</li>
</ul>
</details>
"""


def _main(html: str) -> str:
    return html.split("<main>\n", 1)[1].split("</main>", 1)[0]


def test_html_report_findings_and_review_whole(tmp_path):
    path = tmp_path / "site" / "report.html"
    size = reports.write_html(small(), path)
    html = path.read_text(encoding="utf-8")
    assert size == len(html.encode("utf-8"))
    assert _main(html) == HTML_MAIN.format(version=__version__)
    assert "<title>wetkit check: 4 barrier(s) on 2 page(s)</title>" in html
    assert '<html lang="en">' in html


def test_html_report_lists_one_entry_per_element_with_every_width_and_the_first_screenshot():
    narrow = Problem("axe", "image-alt", "img.logo", "at 320", "https://h/image-alt", 320)
    result = PageResult("http://s.test/", [ALT, narrow])
    result.evidence = {narrow: {"html": "<img>", "summary": "narrow fix", "png": b"narrow"},
                       ALT: {"html": "<img>", "summary": "wide fix", "png": b"wide"}}
    html = reports.to_html(Report([result]))
    assert html.count('<div class="finding">') == 1
    assert "<dt>Check</dt><dd>axe (1280px; 320px)</dd>" in html
    assert 'src="data:image/png;base64,d2lkZQ==" alt="Screenshot of img.logo at 1280px; 320px"' in html
    assert "<pre>wide fix</pre>" in html and "narrow" not in html


def test_html_report_puts_new_findings_before_known_ones_and_shows_the_baseline(tmp_path):
    html = reports.to_html(known_run(tmp_path))
    main = _main(html)
    assert main.index('<span class="badge new">new</span> <code>label</code>') < main.index(
        '<span class="badge known">known</span> <code>image-alt</code>')
    assert '<tr><th scope="row">Fixed since the baseline</th><td class="n">1</td></tr>' in main
    assert f"<p>Baseline: <code>{tmp_path / 'known.json'}</code></p>" in main
    assert '<h2 id="fixed">Fixed since the baseline</h2>\n<ul><li>/gone: [axe] label: input#q</li></ul>' in main
    assert ('<h2 id="not-checked">In the baseline, on pages not checked in this run</h2>\n'
            "<ul><li>/other: [axe] label: input#q</li></ul>") in main
    assert "<p>Nothing needs review.</p>" in main
    assert '<h2 id="barriers">Barriers</h2>\n<h3>http://s.test/a</h3>' in main


def test_html_report_without_barriers_says_so():
    main = _main(reports.to_html(Report([PageResult("http://s.test/", [])], started=STARTED)))
    assert '<h2 id="barriers">Barriers</h2>\n<p>No barriers found.</p>' in main
    assert "<h3>" not in main and "<p>Nothing needs review.</p>" in main
    assert 'id="by-rule"' not in main and 'id="fixed"' not in main


def test_html_report_screenshots_stop_at_the_cap_and_later_ones_are_left_out():
    results = []
    for n in range(reports.MAX_REPORT_SHOTS + 1):
        problem = Problem("axe", "image-alt", f"#i{n}", "no alt", "", 1280)
        results.append(PageResult(f"http://s.test/{n}", [problem], evidence={problem: {"png": bytes([n])}}))
    html = reports.to_html(Report(results))
    assert html.count("<dt>Screenshot</dt>") == reports.MAX_REPORT_SHOTS
    last = html.split("<h3>http://s.test/40</h3>")[1].split("</div>")[0]
    assert "Screenshot" not in last
    assert 'src="data:image/png;base64,Jw=="' in html  # shot 39 is the last one shown


def test_html_review_list_stops_at_the_cap_exactly():
    items = [f"region at 320px: #e{n}" for n in range(reports.MAX_REVIEW_ITEMS)]
    html = reports.to_html(Report([PageResult("http://s.test/", [], needs_review=items)]))
    assert html.count("(320px): <code>#e") == reports.MAX_REVIEW_ITEMS
    assert "more</li>" not in html


# -- French, rounding, and the edges of each output ------------------------------------------------------------------

def test_french_summary_tables_and_baseline_lines(tmp_path):
    report = small(lang="fr")
    overview, by_rule, review = reports.summary_tables(report)
    assert overview.title == "Sommaire"
    assert _cells(overview) == [
        ["Sommaire", "Pages vérifiées", "Pages avec de nouveaux obstacles", "Obstacles (nouveau)",
         "Obstacles (connu)", "À vérifier", "Secondes par page"],
        ["nombre", "2", "2", "4", "0", "2", "1.50"],
    ]
    assert by_rule.title == "Obstacles par règle"
    assert [column.header for column in by_rule.columns] == ["Vérification", "Règle", "Critère de succès WCAG",
                                                             "nouveau", "connu"]
    assert review.title == "À vérifier"
    assert [column.header for column in review.columns] == ["Règle", "nombre", "Pages vérifiées"]
    path = tmp_path / "fr.json"
    report.apply_baseline(str(path))
    assert reports.baseline_lines(report) == [
        f"référence enregistrée : 3 constat(s) dans {path}; les prochaines exécutions n'échouent que sur les "
        "nouveaux"]
    updated = Report([PageResult("http://s.test/apply?step=2", [ALT])], lang="fr")
    updated.apply_baseline(str(path), update=True)
    assert reports.baseline_lines(updated) == [
        f"référence mise à jour : 1 constat(s) dans {path}",
        "corrigés depuis la référence : /apply?step=2: [axe] color-contrast: .hint; "
        "/apply?step=2: [reflow] horizontal-scroll: div.wide"]
    compared = Report([PageResult("http://s.test/apply?step=2", [])], lang="fr")
    compared.apply_baseline(str(path))
    assert reports.baseline_lines(compared) == [
        f"référence {path} : 0 nouveau(x), 0 connu(s), 1 corrigé(s)",
        "corrigés depuis la référence : /apply?step=2: [axe] image-alt: img.logo"]


def test_french_junit_words():
    data = reports.to_junit(small(lang="fr")).decode()
    assert ('<failure type="image-alt" message="2 obstacle(s) trouvé(s) par axe">http://s.test/apply?step=2 à 1280 px: '
            "[axe] image-alt: img.logo") in data
    assert "http://s.test/apply?step=2 à 320 px en mode sombre: [axe] color-contrast: .hint" in data
    assert data.count("<skipped message=\"non exécuté : la page ne s'est pas chargée\" />") == 6
    assert "<system-out>à vérifier : 2 résultat(s) sur 1 page(s) : color-contrast 1, odd item 1</system-out>" in data


def test_a_known_finding_without_a_width_is_listed_without_brackets(tmp_path):
    ids = Problem("ids", "duplicate-id", "#x", "twice")
    Report([PageResult("http://s.test/", [ids])]).apply_baseline(str(tmp_path / "b.json"))
    report = Report([PageResult("http://s.test/", [ids])])
    report.apply_baseline(str(tmp_path / "b.json"))
    assert reports.page_lines(report, 0) == ["known http://s.test/", "      known: [ids] duplicate-id: #x"]


def test_control_characters_become_the_replacement_character_in_junit():
    report = Report([PageResult("http://s.test/", [Problem("console", "console-error", "app.js", "a\x07b\x1fc")])])
    data = reports.to_junit(report).decode()
    assert "http://s.test/: [console] console-error: app.js\n      a\ufffdb\ufffdc</failure>" in data


def test_json_rounds_seconds_to_hundredths_and_fills_missing_evidence():
    result = PageResult("http://s.test/", [ALT], evidence={ALT: {"summary": "add alt"}})
    report = Report([result, PageResult("http://s.test/2", []), PageResult("http://s.test/3", [])], elapsed=2.345678)
    data = reports.to_json(report)
    assert (data["seconds"], data["seconds_per_page"]) == (2.35, 0.78)
    entry = data["pages"][0]["problems"][0]
    assert (entry["html"], entry["fix"], entry["screenshot"]) == ("", "add alt", False)


def test_a_load_failure_kept_in_an_old_baseline_is_not_marked_skipped(tmp_path):
    """Baselines never record load failures, but one written by hand (or by an old wetkit) may hold one: the page's
    load case is still the check that ran, never 'not run'."""
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"findings": [{"page": "/down", "check": "load", "rule": "unreachable",
                                              "target": "http://s.test/down"}]}))
    report = Report([PageResult("http://s.test/down", [DOWN])])
    report.apply_baseline(str(path))
    data = reports.to_junit(report).decode()
    assert '<testcase classname="/down" name="load">\n      <system-out>known (in the baseline): ' in data
    assert data.count("<skipped ") == len(reports.CHECKS) - 1


def test_html_report_shows_the_screenshot_of_whichever_width_has_one():
    narrow = Problem("axe", "image-alt", "img.logo", "at 320", "https://h/image-alt", 320)
    result = PageResult("http://s.test/", [ALT, narrow])
    result.evidence = {ALT: {"html": "<img>", "summary": "wide fix"},
                       narrow: {"html": "<img>", "summary": "narrow fix", "png": b"narrow"}}
    html = reports.to_html(Report([result]))
    assert 'src="data:image/png;base64,bmFycm93" alt="Screenshot of img.logo at 1280px; 320px"' in html
    assert "<pre>narrow fix</pre>" in html


def test_html_report_screenshot_of_a_finding_found_at_no_particular_width():
    problem = Problem("ids", "duplicate-id", "#x", "twice")
    html = reports.to_html(Report([PageResult("http://s.test/", [problem], evidence={problem: {"png": b"x"}})]))
    assert 'alt="Screenshot of #x at -"' in html


def test_html_report_in_french_and_with_its_own_styles():
    html = reports.to_html(small(lang="fr"))
    assert "<title>wetkit check : 4 obstacle(s) sur 2 page(s)</title>" in html
    assert "alt=\"Capture d&#39;écran de img.logo à 1280 px\"" in html
    assert "<style>" + reports._CSS.strip() + "</style>" in html


def test_among_rules_with_as_many_new_findings_the_one_with_more_known_comes_first(tmp_path):
    path = tmp_path / "b.json"
    x, y1, y2 = (Problem("axe", "x", "#1", "m"), Problem("axe", "y", "#1", "m"), Problem("axe", "y", "#2", "m"))
    Report([PageResult("http://s.test/", [y1, y2])]).apply_baseline(str(path))
    report = Report([PageResult("http://s.test/", [x, y1, y2, Problem("axe", "y", "#3", "m")])])
    report.apply_baseline(str(path))
    assert report.by_rule() == [("axe", "y", 1, 2), ("axe", "x", 1, 0)]


def test_results_without_rules_or_evidence_still_report():
    """A result object of the older shape (url, problems, needs_review only) is reported all the same."""
    class Result:
        url = "http://s.test/"
        problems = [ALT]
        needs_review = ["region at 320px: #a"]

    report = Report([Result()])
    assert report.findings[0][0].rule_info == {} and report.findings[0][0].evidence == {}
    assert [(g.rule, g.help) for g in report.review()] == [("region", "")]
    assert reports.to_json(report)["pages"][0]["problems"][0]["wcag"] == []


def test_french_known_findings_in_junit_and_the_fixed_count_in_the_summary(tmp_path):
    path = tmp_path / "b.json"
    label = Problem("axe", "label", "input#q", "Form elements must have labels", "", 1280)
    Report([PageResult("http://s.test/a", [ALT, label]), PageResult("http://s.test/b", [WIDE])]).apply_baseline(
        str(path))
    report = Report([PageResult("http://s.test/a", [ALT, label]), PageResult("http://s.test/b", [])], lang="fr")
    report.apply_baseline(str(path))
    data = reports.to_junit(report).decode()
    assert ("<system-out>connu (dans la référence) : http://s.test/a à 1280 px: [axe] image-alt: img.logo\n"
            "      Images must have alternative text (critical): &lt;img&gt;\n      help: https://h/image-alt\n"
            "connu (dans la référence) : http://s.test/a à 1280 px: [axe] label: input#q\n"
            "      Form elements must have labels</system-out>") in data
    overview = reports.summary_tables(report)[0]
    assert _cells(overview)[0][5] == "Corrigés depuis la référence"
    assert _cells(overview)[1][5] == "1"


def test_a_rule_about_several_criteria_lists_them_all_in_the_table():
    result = PageResult("http://s.test/", [ALT])
    result.rules = {"image-alt": {"tags": ["wcag2a", "wcag111", "wcag412"]}}
    _, by_rule = reports.summary_tables(Report([result]))
    assert _cells(by_rule)[2] == ["WCAG success criterion", "1.1.1, 4.1.2"]


def test_each_finding_knows_its_page_url_and_key():
    report = small()
    assert [(f.url, f.page) for f in report.all_findings()] == [
        ("http://s.test/apply?step=2", "/apply?step=2")] * 3 + [("http://s.test/down", "/down")]
