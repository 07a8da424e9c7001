"""The baseline file itself (`wetkit check --baseline`): its exact JSON, the words of each refusal, atomic writes,
which findings are recorded, and how new, known, fixed and not-checked are told apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wetkit.audit import baseline as b
from wetkit.audit.baseline import Key


def test_the_file_is_sorted_indented_json_with_the_run_details_and_no_timestamp(tmp_path):
    path = tmp_path / "new" / "folder" / "a11y-baseline.json"
    keys = [Key("/b", "axe", "label", "input"), Key("/a", "ids", "duplicate-id", "#x"),
            Key("/a", "axe", "label", "input"), Key("/b", "axe", "label", "input")]
    assert b.save(path, keys, {"wetkit": "1.2.3", "axe_core": "4.14.1"}) == 3
    assert path.read_text(encoding="utf-8") == """{
  "format": 1,
  "tool": "wetkit check",
  "wetkit": "1.2.3",
  "axe_core": "4.14.1",
  "findings": [
    {
      "page": "/a",
      "check": "axe",
      "rule": "label",
      "target": "input"
    },
    {
      "page": "/a",
      "check": "ids",
      "rule": "duplicate-id",
      "target": "#x"
    },
    {
      "page": "/b",
      "check": "axe",
      "rule": "label",
      "target": "input"
    }
  ]
}
"""
    assert b.load(path) == set(keys)
    assert [p.name for p in path.parent.iterdir()] == ["a11y-baseline.json"]  # no temporary file left behind


def test_save_without_run_details_and_with_non_ascii_selectors(tmp_path):
    path = tmp_path / "baseline.json"
    b.save(path, [Key("/é", "axe", "label", "#prénom")])
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data) == ["format", "tool", "findings"]
    assert '"#prénom"' in path.read_text(encoding="utf-8")


def test_a_failed_write_leaves_the_old_baseline_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "baseline.json"
    b.save(path, [Key("/a", "axe", "label", "input")])
    before = path.read_text()

    renames = []

    def refuse(source, target):
        renames.append((Path(source), Path(target)))
        raise OSError("disk full")

    monkeypatch.setattr(b.os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        b.save(path, [Key("/b", "axe", "label", "input")])
    assert path.read_text() == before
    # the new file is written beside the old one (same file system: the rename is atomic), hidden, then renamed
    [(source, target)] = renames
    assert target == path and source.parent == tmp_path
    assert source.name.startswith(".baseline.json.") and source.name.endswith(".tmp")
    assert [p.name for p in tmp_path.iterdir()] == ["baseline.json"]


def test_a_missing_file_is_no_baseline_yet(tmp_path):
    assert b.load(tmp_path / "absent.json") is None


@pytest.mark.parametrize(("content", "message"), [
    ("not json", "not a readable wetkit baseline (Expecting value: line 1 column 1 (char 0)); fix it, or delete it "
                 "to record a new one"),
    ("[]", "not a wetkit baseline (a JSON object with a 'findings' list)"),
    ('{"findings": {}}', "not a wetkit baseline (a JSON object with a 'findings' list)"),
    ('{"format": 2, "findings": []}', "written by a newer wetkit (format 2)"),
    ('{"findings": [{"page": "/a", "check": "axe", "rule": "r", "target": "t"}, {"page": "/a"}]}',
     "finding 2 needs page, check, rule and target"),
    ('{"findings": [7]}', "finding 1 needs page, check, rule and target"),
])
def test_a_broken_baseline_says_what_is_wrong(tmp_path, content, message):
    path = tmp_path / "baseline.json"
    path.write_text(content)
    with pytest.raises(b.BaselineError) as info:
        b.load(path)
    assert str(info.value) == f"--baseline {path}: {message}"


def test_a_baseline_in_another_encoding_is_refused_with_its_name(tmp_path):
    path = tmp_path / "baseline.json"
    path.write_bytes(b'{"findings": ["\xff"]}')
    with pytest.raises(b.BaselineError, match=r"^--baseline .*baseline\.json: not a readable wetkit baseline \("):
        b.load(path)


def test_the_current_format_and_an_older_file_without_one_are_read(tmp_path):
    path = tmp_path / "baseline.json"
    path.write_text('{"format": 1, "findings": [{"page": "/a", "check": "axe", "rule": "r", "target": 3}]}')
    assert b.load(path) == {Key("/a", "axe", "r", "3")}
    path.write_text('{"findings": []}')
    assert b.load(path) == set()


def test_keys_describe_themselves_as_reports_list_them():
    key = Key("/a?x=1", "reflow", "horizontal-scroll", "div.wide")
    assert key.describe() == "/a?x=1: [reflow] horizontal-scroll: div.wide"
    assert key.as_dict() == {"page": "/a?x=1", "check": "reflow", "rule": "horizontal-scroll", "target": "div.wide"}


@pytest.mark.parametrize(("check", "target", "stable"), [
    ("reflow", "div.wide (right edge 608px), table (width 900px), img (height 2px)", "div.wide, table, img"),
    ("reflow", "(right edge 608px), p", "p"),
    ("axe", "  div.wide (right edge 608px) ", "div.wide (right edge 608px)"),
    ("text-spacing", "p.x (width 30px)", "p.x (width 30px)"),
])
def test_only_reflow_targets_lose_their_measurements(check, target, stable):
    assert b.stable_target(check, target) == stable


def test_load_findings_are_never_recorded_and_the_rest_are():
    keys = {Key("/a", "load", "unreachable", "http://x/a"), Key("/a", "axe", "label", "input"),
            Key("/b", "console", "console-error", "app.js")}
    assert b.recordable(keys) == {Key("/a", "axe", "label", "input"), Key("/b", "console", "console-error", "app.js")}


def test_compare_sorts_fixed_and_not_checked():
    recorded = {Key("/b", "axe", "r", "t"), Key("/a", "axe", "z", "t"), Key("/a", "axe", "r", "t"),
                Key("/c", "axe", "r", "t"), Key("/a", "axe", "known", "t")}
    current = [Key("/a", "axe", "known", "t"), Key("/a", "axe", "new", "t")]
    result = b.compare(recorded, current, ["/a", "/b"])
    assert result.known == {Key("/a", "axe", "known", "t")}
    assert result.new == {Key("/a", "axe", "new", "t")}
    assert result.fixed == [Key("/a", "axe", "r", "t"), Key("/a", "axe", "z", "t"), Key("/b", "axe", "r", "t")]
    assert result.not_checked == [Key("/c", "axe", "r", "t")]


def test_merged_replaces_checked_pages_keeps_others_and_starts_from_nothing():
    recorded = {Key("/a", "axe", "old", "t"), Key("/b", "axe", "kept", "t")}
    current = [Key("/a", "axe", "now", "t"), Key("/a", "load", "timeout", "/a")]
    assert b.merged(recorded, current, ["/a"]) == {Key("/a", "axe", "now", "t"), Key("/b", "axe", "kept", "t")}
    assert b.merged(None, current, ["/a"]) == {Key("/a", "axe", "now", "t")}
