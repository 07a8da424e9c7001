"""The benchmark figures in the READMEs are the recorded results, as the generator writes them, never typed by hand.

``nox -s bench -- --write-readme`` records ``benchmarks/results.json`` and writes the block between the bench markers
in ``README.md`` and ``benchmarks/README.md`` with ``benchmarks/bench_report.py``. These tests regenerate the block
from the recorded results and compare: a hand-edited figure, a stale table or a results file that no README matches
fails. Nothing here is timed.
"""

from __future__ import annotations

import copy
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_report():
    spec = importlib.util.spec_from_file_location("bench_report", ROOT / "benchmarks" / "bench_report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


report = _load_report()
READMES = [ROOT / "README.md", ROOT / "benchmarks" / "README.md"]


@pytest.fixture(scope="module")
def recorded() -> dict:
    assert report.RECORDED.is_file(), "benchmarks/results.json is missing: run `nox -s bench -- --write-readme`"
    return report.load()


def _table_lines(block: str) -> list[str]:
    return [line for line in block.splitlines() if line.startswith("|")]


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


@pytest.mark.parametrize("readme", READMES, ids=lambda p: str(p.relative_to(ROOT)))
def test_readme_block_is_the_generated_table_of_the_recorded_results(readme: Path, recorded: dict) -> None:
    block = report.block_of(readme.read_text(encoding="utf-8"))
    expected = report.render_block(recorded)
    assert block.strip() == expected.strip(), (
        f"{readme.relative_to(ROOT)}: the bench block differs from benchmarks/results.json; do not edit it by hand, "
        "run `nox -s bench -- --write-readme` (or `python benchmarks/bench_report.py` after a wording change)"
    )


@pytest.mark.parametrize("readme", READMES, ids=lambda p: str(p.relative_to(ROOT)))
def test_readme_table_has_the_generators_shape(readme: Path, recorded: dict) -> None:
    lines = _table_lines(report.block_of(readme.read_text(encoding="utf-8")))
    assert _cells(lines[0]) == list(report.HEADER)
    assert re.fullmatch(r"\|(-{3}\|)(-{3}:\|){3}(-{3}\|)", lines[1])
    rows = [_cells(line) for line in lines[2:]]
    assert [row[0] for row in rows] == [row[0] for row in report.table_rows(recorded)]
    assert all(len(row) == len(report.HEADER) for row in rows)
    headline = rows[0]
    assert headline[0] == "page render, CPU median (ms)" and headline[4].startswith("ratio <=")
    # the headline ratio is the ratio of the two medians shown beside it, to the two decimals shown
    wetkit, govuk, ratio = (float(cell.replace(",", "")) for cell in headline[1:4])
    medians = recorded["page_render"]["wetkit"]["cpu"]["median"], recorded["page_render"]["govuk"]["cpu"]["median"]
    assert (wetkit, govuk) == tuple(round(m, 2) for m in medians)
    assert ratio == round(medians[0] / medians[1], 2)


def test_recorded_results_are_production_settings_interleaved(recorded: dict) -> None:
    for name in ("wetkit", "govuk"):
        settings = recorded["settings"][name]
        assert settings["auto_reload"] is False and settings["autoescape"] is True
    assert recorded["page_render"]["order"].startswith("alternating")
    for clock in ("cpu", "wall"):
        assert recorded["page_render"]["wetkit"][clock]["n"] == recorded["page_render"]["rounds"]


def test_a_hand_edited_figure_no_longer_matches(recorded: dict) -> None:
    text = (ROOT / "benchmarks" / "README.md").read_text(encoding="utf-8")
    headline = _table_lines(report.block_of(text))[2]
    figure = _cells(headline)[1]
    edited = text.replace(headline, headline.replace(f"| {figure} |", "| 0.01 |", 1))
    assert edited != text
    assert report.block_of(edited).strip() != report.render_block(recorded).strip()


def test_changed_results_change_the_block(recorded: dict) -> None:
    faster = copy.deepcopy(recorded)
    faster["page_render"]["wetkit"]["cpu"]["median"] /= 2
    assert report.render_block(faster) != report.render_block(recorded)


def test_without_the_peer_the_table_keeps_its_rows_and_says_why(recorded: dict) -> None:
    alone = copy.deepcopy(recorded)
    for key in ("page_render", "page_render_dev", "button_call", "assets"):
        alone[key].update(govuk=None, paired_ratio=None, peer_missing="govuk-frontend-jinja is not installed")
    alone["html"].pop("govuk", None)
    rows = report.table_rows(alone)
    assert [row[0] for row in rows] == [row[0] for row in report.table_rows(recorded)]
    assert all(row[2] == report.MISSING and row[3] == report.MISSING for row in rows)
    assert "GOV.UK column missing for page render: govuk-frontend-jinja is not installed" in report.render_block(alone)


def test_replace_block_rewrites_only_between_the_markers() -> None:
    text = f"before\n{report.START}\nold figures\n{report.END}\nafter\n"
    new = report.replace_block(text, "new figures\n")
    assert new.startswith("before\n") and new.endswith("after\n")
    assert report.block_of(new).strip() == "new figures"
    assert report.replace_block(new, "new figures\n") == new  # idempotent


MISPLACED = ["no markers", f"{report.END} {report.START}", f"{report.START}{report.START}{report.END}"]


@pytest.mark.parametrize("text", MISPLACED)
def test_misplaced_markers_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="bench:start"):
        report.block_of(text)
