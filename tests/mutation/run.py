"""Semantic mutation run: break wetkit on purpose, one way at a time, and check that the suite notices.

Each mutation in :mod:`tests.mutation.catalogue` names a file, a piece of its text and what to replace it with
(dropping a ``for``, an id from ``aria-describedby``, a focus style, a width of the audit...), and the tests that
claim to guard it. For each one the runner copies the working tree into a temporary folder once, applies the
mutation there, runs those tests with the same Python, and restores the file: exit 1 from pytest means *caught*,
exit 0 means *survived*; anything else (the mutation no longer applies, a collection error) is an *error* and fails
the run, so a catalogue that has drifted from the code cannot pass quietly.

A survivor needs a written ``reason`` in the catalogue (why no test should catch it); an unexplained survivor or a
caught share under ``--min`` fails the run. The report goes to ``reports/mutants.md`` and ``reports/mutants.json``.

    python -m tests.mutation [--only NAME ...] [--layer LAYER ...] [--min 0.9] [--list]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from tests.mutation.catalogue import MUTATIONS, Mutation

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "reports"
#: Big or machine-made folders the copy links to instead of copying.
LINKED = ("node_modules",)
#: Seconds one mutation's tests may take before it counts as an error.
TIMEOUT = 900


def copy_tree(target: Path) -> None:
    """The files git knows (tracked, and untracked but not ignored), as they are in the working tree."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        source = ROOT / name
        if not source.is_file():
            continue  # deleted in the working tree
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)
    for name in LINKED:
        if (ROOT / name).exists():
            (target / name).symlink_to(ROOT / name)


def apply(mutation: Mutation, tree: Path) -> str:
    """Apply in place; return the original text. Raises ValueError when the text to replace is not there once."""
    path = tree / mutation.file
    original = path.read_text(encoding="utf-8")
    count = original.count(mutation.find)
    if count != 1:
        raise ValueError(
            f"{mutation.file}: the text to replace occurs {count} times (expected once): {mutation.find!r}"
        )
    path.write_text(original.replace(mutation.find, mutation.replace), encoding="utf-8")
    return original


def run_tests(mutation: Mutation, tree: Path) -> tuple[str, float, str]:
    """('caught' | 'survived' | 'error', seconds, last lines of output).

    A mutation whose tests are ``unit(first...)`` runs its named files alone first: most mutations are caught there
    in seconds, without collecting the whole unit suite. Only when they all pass does the whole selection run, so
    "survived" always means every selected test passed."""
    from tests.mutation.catalogue import UNIT

    selections = [mutation.tests]
    if mutation.tests[-len(UNIT):] == UNIT and len(mutation.tests) > len(UNIT):
        selections.insert(0, mutation.tests[:-len(UNIT)])
    started = time.monotonic()
    for selection in selections:
        outcome, tail = _pytest(selection, tree, deadline=started + TIMEOUT)
        if outcome != "survived":
            break
    return outcome, time.monotonic() - started, tail


def _pytest(selection: tuple[str, ...], tree: Path, deadline: float) -> tuple[str, str]:
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", *selection]
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True,
                              timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        return "error", f"tests took over {TIMEOUT} s"
    lines = (done.stdout + done.stderr).strip().splitlines()
    outcome = {0: "survived", 1: "caught"}.get(done.returncode, "error")
    if outcome == "caught":  # name the test that noticed
        return outcome, next((line for line in lines if line.startswith("FAILED ")), "")
    return outcome, "\n".join(lines[-6:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.mutation", description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", default=[], help="run only these mutations (by name)")
    parser.add_argument("--layer", nargs="*", default=[], help="run only these layers")
    parser.add_argument("--min", type=float, default=0.9, help="smallest caught share that passes (default 0.9)")
    parser.add_argument("--list", action="store_true", help="list the catalogue and stop")
    args = parser.parse_args(argv)

    chosen = [
        m for m in MUTATIONS if (not args.only or m.name in args.only) and (not args.layer or m.layer in args.layer)
    ]
    if args.list:
        for m in chosen:
            print(f"{m.layer:10} {m.name:45} {m.file}")
        return 0
    if not chosen:
        print("mutants: no mutation matches the selection", file=sys.stderr)
        return 2

    results = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="wetkit-mutants-") as folder:
        tree = Path(folder)
        copy_tree(tree)
        for index, mutation in enumerate(chosen, 1):
            try:
                original = apply(mutation, tree)
            except ValueError as err:
                outcome, seconds, tail = "error", 0.0, str(err)
            else:
                try:
                    outcome, seconds, tail = run_tests(mutation, tree)
                finally:
                    (tree / mutation.file).write_text(original, encoding="utf-8")
            results.append(
                {
                    "name": mutation.name,
                    "layer": mutation.layer,
                    "file": mutation.file,
                    "outcome": outcome,
                    "seconds": round(seconds, 1),
                    "reason": mutation.reason,
                    "what": mutation.what,
                    "output": tail,
                }
            )
            print(
                f"[{index}/{len(chosen)}] {outcome:8} {seconds:6.1f}s  {mutation.layer:8} {mutation.name}", flush=True
            )
    total_seconds = time.monotonic() - started
    return report(results, total_seconds, args.min)


def report(results: list[dict], seconds: float, minimum: float) -> int:
    """Write reports/mutants.{md,json}, print the summary; the exit code says whether the run passes."""
    counts = Counter(r["outcome"] for r in results)
    scored = counts["caught"] + counts["survived"]
    share = counts["caught"] / scored if scored else 0.0
    by_layer: dict[str, Counter] = {}
    for r in results:
        by_layer.setdefault(r["layer"], Counter())[r["outcome"]] += 1
    unexplained = [r for r in results if r["outcome"] == "survived" and not r["reason"]]
    errors = [r for r in results if r["outcome"] == "error"]

    lines = [
        f"# Mutation run: {counts['caught']}/{scored} caught ({share:.0%}) in {seconds:.0f} s",
        "",
        "| layer | caught | survived | error |",
        "|---|---:|---:|---:|",
    ]
    for layer, c in sorted(by_layer.items()):
        lines.append(f"| {layer} | {c['caught']} | {c['survived']} | {c['error']} |")
    lines += [
        "",
        "| mutation | layer | outcome | s | what it breaks | caught by, or why it may survive |",
        "|---|---|---|---:|---|---|",
    ]
    for r in results:
        by = r["output"].removeprefix("FAILED ").split(" - ")[0] if r["outcome"] == "caught" else r["reason"]
        lines.append(f"| {r['name']} | {r['layer']} | {r['outcome']} | {r['seconds']} | {r['what']} | {by} |")
    for r in results:
        if r["outcome"] != "caught" and r["output"]:
            lines += ["", f"## {r['name']} ({r['outcome']})", "```", r["output"], "```"]
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "mutants.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (REPORTS / "mutants.json").write_text(json.dumps({"seconds": round(seconds, 1), "results": results}, indent=2))

    print()
    for layer, c in sorted(by_layer.items()):
        print(f"  {layer:10} caught {c['caught']:3}  survived {c['survived']:3}  error {c['error']:3}")
    print(
        f"mutants: {counts['caught']}/{scored} caught ({share:.0%}), {counts['survived']} survived "
        f"({len(unexplained)} without a reason), {len(errors)} error(s), {seconds:.0f} s; report: reports/mutants.md"
    )
    failed = False
    for r in unexplained:
        print(f"  SURVIVED without a reason: {r['name']} ({r['file']}): {r['what']}")
        failed = True
    for r in errors:
        print(f"  ERROR: {r['name']} ({r['file']}): {r['output']}")
        failed = True
    if share < minimum:
        print(f"  caught share {share:.0%} is under the minimum {minimum:.0%}")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
