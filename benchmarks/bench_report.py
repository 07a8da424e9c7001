"""The benchmark's results as markdown, and the README blocks that show them.

Pure: a results dict (what ``run.py`` writes to ``reports/bench.json``) in, text out. No clock, no wetkit import,
so the unit tests load it on any machine and check that the READMEs show exactly what the recorded results say.

The READMEs hold the generated block between two markers::

    <!-- bench:start -->
    ...everything here is written by render_block(results); never edit it by hand...
    <!-- bench:end -->

``python benchmarks/run.py --write-readme`` measures, records the results in ``benchmarks/results.json`` (committed)
and rewrites the blocks; ``python benchmarks/bench_report.py`` rewrites the blocks from the recorded results alone
(after a change of wording here, say). ``tests/unit/test_bench_readme.py`` fails when a block differs from
``render_block(recorded results)``, so a hand-typed figure cannot survive.
"""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RECORDED = BENCH_DIR / "results.json"  # the results the READMEs show (committed)
READMES = (BENCH_DIR / "README.md", ROOT / "README.md")
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
HEADER = ("measure", "wetkit", "govuk", "wetkit/govuk", "target")
UNITS = {"ms": "ms", "us": "µs"}
CLOCKS = {"cpu": "CPU", "wall": "wall"}
MISSING = "-"


def dig(section: Any, *keys: str) -> Any:
    """``section[k1][k2]...``, or None where the peer (or any level) is missing."""
    for key in keys:
        if not isinstance(section, dict):
            return None
        section = section.get(key)
    return section


def _num(value: float | int | None, decimals: int = 2) -> str:
    if value is None:
        return MISSING
    return f"{value:,}" if isinstance(value, int) else f"{value:,.{decimals}f}"


def _span(stats: dict | None) -> str:
    """The interquartile range p25–p75 of a timing summary."""
    if not stats:
        return MISSING
    return f"{_num(stats['p25'])}–{_num(stats['p75'])}"


def _ratio(ours: float | int | None, theirs: float | int | None) -> str:
    return _num(ours / theirs) if ours is not None and theirs else MISSING


def table_rows(results: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """The table the READMEs show, one tuple of cells per row (same labels whether or not the peer ran)."""
    targets = results["targets"]
    page, dev, call = results["page_render"], results["page_render_dev"], results["button_call"]
    rows: list[tuple[str, str, str, str, str]] = []

    def timing(section: dict, label: str, clock: str, target: str = "", spread: bool = True) -> None:
        unit = UNITS[section["unit"]]
        ours, theirs = dig(section, "wetkit", clock), dig(section, "govuk", clock)
        rows.append((f"{label}, {CLOCKS[clock]} median ({unit})",
                     _num(dig(ours, "median")), _num(dig(theirs, "median")),
                     _ratio(dig(ours, "median"), dig(theirs, "median")), target))
        if spread:
            # the ratio column of a spread row: p25–p75 of the per-round ratios (rounds are paired)
            rows.append((f"{label}, {CLOCKS[clock]} p25–p75 ({unit})",
                         _span(ours), _span(theirs), _span(dig(section, "paired_ratio", clock)), ""))

    timing(page, "page render", "cpu", f"ratio <= {targets['render_ratio']:.2f}")
    timing(page, "page render", "wall")
    rows.append(("page HTML (bytes)", _num(dig(results, "html", "wetkit", "bytes")),
                 _num(dig(results, "html", "govuk", "bytes")),
                 _ratio(dig(results, "html", "wetkit", "bytes"), dig(results, "html", "govuk", "bytes")), ""))
    timing(call, "button call", "cpu", spread=False)
    timing(call, "button call", "wall", spread=False)
    assets = results["assets"]
    for kind in ("css", "js"):
        for size in ("min", "gzip"):
            ours, theirs = dig(assets, "wetkit", kind, size), dig(assets, "govuk", kind, size)
            target = f"wetkit <= {targets[kind + '_gzip']:,}" if size == "gzip" else ""
            label = f"{kind.upper()} {'min+gzip' if size == 'gzip' else 'min'} (bytes)"
            rows.append((label, _num(ours), _num(theirs), _ratio(ours, theirs), target))
    timing(dev, "secondary: page render with dev settings (auto_reload=True)", "cpu", spread=False)
    return rows


def render_table(results: dict[str, Any]) -> str:
    """The markdown table, one line per row, ending with a newline."""
    lines = ["| " + " | ".join(HEADER) + " |", "|---|---:|---:|---:|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in table_rows(results)]
    return "\n".join(lines) + "\n"


def render_summary(results: dict[str, Any]) -> str:
    """Where and how the figures were measured, as one paragraph."""
    env, page, call = results["environment"], results["page_render"], results["button_call"]
    load = env["load_average"]
    peer = (f"govuk-frontend-jinja {env['govuk_frontend_jinja']}, govuk-frontend "
            f"{dig(results, 'assets', 'govuk_frontend', 'version') or MISSING} (npm, assets only)"
            if env["govuk_frontend_jinja"] else "govuk-frontend-jinja not installed")
    text = (
        f"Generated by `nox -s bench -- --write-readme` on {env['date']}: {env['cpus']} cores "
        f"({env['platform']}), load average {load['before']:.2f} before and {load['after']:.2f} after the run; "
        f"Python {env['python']}, Jinja2 {env['jinja2']}; wetkit {env['wetkit']} "
        f"({len(env['wetkit_components'])} components in the asset sizes), {peer}. "
        f"Page render: {page['rounds']} rounds of {page['number']} renders per toolkit and setting (production, "
        f"and dev for the secondary row) after {page['warmup']} warm-up renders; button call: {call['rounds']} "
        f"rounds of {call['number']} calls. Within a round the toolkits take turns (the order reverses every "
        f"round); times are per render or call, medians and p25–p75 of the "
        f"rounds, CPU time (`time.process_time`) and wall time (`time.perf_counter`). Ratios are wetkit's median "
        f"over GOV.UK's, both from this run; on a p25–p75 row the ratio column is the spread of the per-round "
        f"ratios."
    )
    return textwrap.fill(text, width=120, break_long_words=False, break_on_hyphens=False) + "\n"


def render_missing(results: dict[str, Any]) -> str:
    lines = [f"\nGOV.UK column missing for {label}: {results[key]['peer_missing']}\n"
             for label, key in (("page render", "page_render"), ("button call", "button_call"),
                                ("asset sizes", "assets")) if results[key].get("peer_missing")]
    return "".join(lines)


def render_block(results: dict[str, Any]) -> str:
    """What goes between the markers: the summary paragraph, the table, and why any peer figure is missing."""
    return f"{render_summary(results)}\n{render_table(results)}{render_missing(results)}"


def block_of(text: str) -> str:
    """The text between the markers (each must appear exactly once, start before end)."""
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise ValueError(f"expected one {START} followed by one {END}")
    return text[text.index(START) + len(START):text.index(END)]


def replace_block(text: str, block: str) -> str:
    """``text`` with the block between the markers replaced by ``block`` (blank lines around it, for markdown)."""
    old = block_of(text)
    head, tail = text.split(START + old + END)
    return f"{head}{START}\n\n{block}\n{END}{tail}"


def write_readmes(results: dict[str, Any], paths: Iterable[Path] = READMES) -> list[Path]:
    """Rewrite the block in each README; returns the files that changed."""
    block, texts = render_block(results), {}
    for path in paths:  # every README is checked for its markers before any is written
        text = path.read_text(encoding="utf-8")
        texts[path] = (text, replace_block(text, block))
    changed = [path for path, (old, new) in texts.items() if new != old]
    for path in changed:
        path.write_text(texts[path][1], encoding="utf-8")
    return changed


def load(path: Path = RECORDED) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    """``python benchmarks/bench_report.py [RESULTS.json]``: rewrite the README blocks from recorded results."""
    args = sys.argv[1:] if argv is None else argv
    changed = write_readmes(load(Path(args[0]) if args else RECORDED))
    print("rewrote " + ", ".join(str(p) for p in changed) if changed else "READMEs already match the results")
    return 0


if __name__ == "__main__":
    sys.exit(main())
