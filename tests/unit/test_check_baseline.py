"""`wetkit check --baseline`: record, compare (new / known / fixed), update; stable keys; never hide a finding."""

from __future__ import annotations

import json

import pytest

from wetkit.audit import baseline as b
from wetkit.audit.checks import Problem
from wetkit.audit.reports import Report
from wetkit.audit.runner import PageResult

ALT = Problem("axe", "image-alt", "img", "Images must have alternative text (critical): <img>", "https://h/alt", 1280)
ALT_320 = Problem("axe", "image-alt", "img", "Images must have alternative text (critical): <img src=x>", "", 320)
LABEL = Problem("axe", "label", "input", "Form elements must have labels", "https://h/label", 1280)
WIDE = Problem("reflow", "horizontal-scroll", "div.wide (right edge 608px)", "page is 608px wide", width=320)
DOWN = Problem("load", "unreachable", "http://x/down", "could not be reached")


def run(*pages, port=1000) -> list[PageResult]:
    return [PageResult(f"http://127.0.0.1:{port}{path}", list(problems)) for path, problems in pages]


def test_stable_keys_ignore_messages_widths_origins_and_measurements():
    first = Report(run(("/a", [ALT, WIDE]), port=1000))
    second = Report(run(("/a", [ALT_320, Problem("reflow", "horizontal-scroll", "div.wide (right edge 700px)",
                                                  "page is 700px wide", width=320)]), port=2000))
    assert {f.key for f in first.all_findings()} == {f.key for f in second.all_findings()}
    assert b.Key("/a", "reflow", "horizontal-scroll", "div.wide") in {f.key for f in first.all_findings()}


def test_first_run_records_and_passes(tmp_path):
    path = tmp_path / "baseline.json"
    report = Report(run(("/a", [ALT, ALT_320]), ("/b", [LABEL])))
    report.apply_baseline(str(path))
    assert report.baseline_action == "recorded"
    assert report.exit_code == 0
    assert all(f.known for f in report.all_findings())
    data = json.loads(path.read_text())
    assert data["findings"] == [
        {"page": "/a", "check": "axe", "rule": "image-alt", "target": "img"},
        {"page": "/b", "check": "axe", "rule": "label", "target": "input"},
    ]
    assert "started" not in data and "date" not in json.dumps(data)  # no timestamp: diffs cleanly


def test_later_run_fails_only_on_new_and_lists_fixed(tmp_path):
    path = tmp_path / "baseline.json"
    Report(run(("/a", [ALT]), ("/b", [LABEL]))).apply_baseline(str(path))
    before = path.read_text()

    same = Report(run(("/a", [ALT_320]), ("/b", [LABEL])))
    same.apply_baseline(str(path))
    assert same.exit_code == 0 and len(same.known_findings()) == 2 and same.comparison.fixed == []

    moved = Report(run(("/a", [ALT, LABEL]), ("/b", [])))
    moved.apply_baseline(str(path))
    assert moved.exit_code == 1
    assert [f.key for f in moved.new_findings()] == [b.Key("/a", "axe", "label", "input")]
    assert [f.key for f in moved.known_findings()] == [b.Key("/a", "axe", "image-alt", "img")]
    assert moved.comparison.fixed == [b.Key("/b", "axe", "label", "input")]
    assert path.read_text() == before  # comparing never rewrites the file


def test_known_findings_stay_listed_in_every_report(tmp_path):
    from wetkit.audit import reports

    path = tmp_path / "baseline.json"
    Report(run(("/a", [ALT]))).apply_baseline(str(path))
    report = Report(run(("/a", [ALT])))
    report.apply_baseline(str(path))
    assert report.exit_code == 0
    assert any("known: [axe] image-alt: img" in line for line in reports.page_lines(report, 0))
    assert reports.to_json(report)["pages"][0]["problems"][0]["status"] == "known"
    assert b"known (in the baseline)" in reports.to_junit(report)
    assert "image-alt" in reports.to_html(report) and ">known<" in reports.to_html(report)


def test_pages_not_checked_or_not_loaded_are_not_fixed(tmp_path):
    path = tmp_path / "baseline.json"
    Report(run(("/a", [ALT]), ("/b", [LABEL]))).apply_baseline(str(path))
    report = Report(run(("/a", [DOWN])))
    report.apply_baseline(str(path))
    assert report.comparison.fixed == []
    assert sorted(k.page for k in report.comparison.not_checked) == ["/a", "/b"]
    assert report.exit_code == 1  # the unreachable page is always new


def test_load_failures_are_never_recorded(tmp_path):
    path = tmp_path / "baseline.json"
    report = Report(run(("/a", [DOWN])))
    report.apply_baseline(str(path))
    assert json.loads(path.read_text())["findings"] == []
    assert report.exit_code == 1


def test_update_rewrites_checked_pages_and_keeps_others(tmp_path):
    path = tmp_path / "baseline.json"
    Report(run(("/a", [ALT]), ("/b", [LABEL]))).apply_baseline(str(path))
    report = Report(run(("/a", [LABEL])))
    report.apply_baseline(str(path), update=True)
    assert report.baseline_action == "updated" and report.exit_code == 0
    assert report.comparison.fixed == [b.Key("/a", "axe", "image-alt", "img")]
    assert b.load(path) == {b.Key("/a", "axe", "label", "input"), b.Key("/b", "axe", "label", "input")}


@pytest.mark.parametrize("content", ["not json", "[]", '{"findings": [{"page": "/a"}]}', '{"format": 99, '
                                                                                           '"findings": []}'])
def test_a_broken_baseline_is_a_usage_error(tmp_path, content):
    path = tmp_path / "baseline.json"
    path.write_text(content)
    with pytest.raises(b.BaselineError, match="baseline.json"):
        b.load(path)
