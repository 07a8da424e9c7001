"""Python mutation run: mutmut mutates wetkit's pure-Python logic, one module at a time, and the unit tests must notice.

Where :mod:`tests.mutation.run` applies a hand-written catalogue (templates, JS, SCSS, Python), this run lets
`mutmut <https://mutmut.readthedocs.io>`_ (3.x) make every small change it knows (``<`` to ``<=``, ``and`` to
``or``, a string changed, a call argument dropped...) in the modules listed in :data:`MODULES`, and runs the
module's own fast test selection against each mutant. mutmut writes a ``mutants/`` folder and reads its settings
from ``[tool.mutmut]`` in ``pyproject.toml``, so it runs in a copy of the working tree (the files git knows, made
by :func:`tests.mutation.run.copy_tree`); the settings are written into the copy's ``pyproject.toml`` only.

Outcomes per mutant: *killed* (a test failed), *timeout* (the tests hung; counted as caught, shown apart),
*survived* (every test passed), *no tests* (no selected test runs that function: a survivor too), or an *error*
(mutmut could not judge it). A survivor either gets a test that catches it, or a written reason in
``tests/mutation/pymut_reasons.yaml`` (an equivalent mutant: no behaviour a user could notice changes). The run
fails (exit 1) on a survivor without a reason, on an error, or on a module whose killed share is under ``--min``;
a reason that matches no surviving mutant any more is reported as stale. The report goes to
``reports/pymutants.md`` and ``reports/pymutants.json``.

    python -m tests.mutation.pymut [--only MODULE ...] [--min 0.9] [--jobs N] [--list]

A module listed in :data:`MODULES` whose file, or whose tests, are not in the tree yet is skipped with a note.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.mutation.run import LINKED, REPORTS, ROOT, copy_tree

REASONS_FILE = Path(__file__).with_name("pymut_reasons.yaml")
#: The tests every module's selection includes: the ones written to kill mutants.
KILLS = "tests/unit/test_mutant_kills.py"
#: Seconds one module's whole mutmut run may take.
TIMEOUT = 4 * 3600
#: Options for every test run under mutmut (no cache writes, quiet, no random order; this module as a plugin).
PYTEST_ARGS = ["-p", "no:cacheprovider", "-p", "no:randomly", "-q", "-p", "tests.mutation.pymut"]
#: Third-party modules the fork server imports once (never wetkit or the tests: they must import under the mutant).
PRELOAD = ("pytest", "_pytest.python", "_pytest.fixtures", "_pytest.assertion.rewrite", "_pytest.terminal", "difflib",
           "jinja2", "jinja2.ext", "markupsafe", "yaml", "sass", "rjsmin", "html5lib", "hypothesis",
           "hypothesis.strategies", "defusedxml.ElementTree", "flask", "wtforms")
#: CPU seconds added to each mutant's time limit: every mutant's tests import wetkit and collect the test modules
#: afresh (see :func:`configure`), which the limit mutmut derives from the clean run's test durations leaves out.
TIMEOUT_CONSTANT = 30.0


@dataclass(frozen=True)
class Module:
    """One source file to mutate, the tests that guard it (paths or globs), and optionally only some functions."""

    path: str
    tests: tuple[str, ...]
    #: Only these functions (``name`` or ``Class.method``); empty means the whole module.
    functions: tuple[str, ...] = ()
    note: str = ""


UNIT = "tests/unit/"
#: The modules, in the order they run. Audit modules without a browser-free test file yet are skipped with a note.
MODULES: list[Module] = [
    Module("wetkit/policy.py", (UNIT + "test_hardening.py", KILLS)),
    Module("wetkit/params.py", (UNIT + "test_contract.py", UNIT + "test_hardening.py", UNIT + "test_specs.py", KILLS)),
    Module("wetkit/rules.py", (UNIT + "test_forms_choices.py", UNIT + "test_forms_summary.py",
                               UNIT + "test_forms_text.py", UNIT + "test_hardening.py", KILLS)),
    Module("wetkit/audit/axe.py", (UNIT + "test_audit_setup.py", UNIT + "test_check_axe_engine.py", KILLS),
           functions=("find_axe_script", "load_axe_locale", "AxeRunner.__init__", "AxeRunner.inject",
                      "AxeRunner._check_engine", "AxeRunner.run"),
           note="the engine check, options and result handling, against a stand-in driver; the engine check's and "
                "the locale's JavaScript against the pinned axe-core in a Node.js context "
                "(test_check_axe_engine.py); axe on a real page is the browser suite's job"),
    Module("wetkit/audit/reports.py", (UNIT + "test_check_*.py", KILLS)),
    Module("wetkit/audit/baseline.py", (UNIT + "test_check_*.py", KILLS)),
    Module("wetkit/audit/targets.py", (UNIT + "test_check_*.py", KILLS)),
    Module("wetkit/audit/i18n.py", (UNIT + "test_check_audit_words.py", UNIT + "test_check_reports.py",
                                    UNIT + "test_check_report_outputs.py", KILLS),
           note="the report words and WCAG names (module-level tables are data, not mutated)"),
    Module("wetkit/audit/checks.py", (UNIT + "test_check_audit_words.py", KILLS),
           functions=("Problem.describe", "_focus_problems"),
           note="what a problem says and which focus states are problems; the in-page checks: BROWSER_ONLY"),
    Module("wetkit/audit/runner.py", (UNIT + "test_check_audit_words.py", KILLS),
           functions=("PageResult.ok", "PageResult.report", "_at"),
           note="a page's result and where a problem was found; the Auditor's page loop: BROWSER_ONLY"),
    Module("wetkit/audit/browser.py", (UNIT + "test_check_audit_words.py", UNIT + "test_audit_setup.py", KILLS),
           functions=("find_chromium", "chrome_options", "remote_options", "_is_loopback"),
           note="which browser and driver, with which flags; starting it and CDP: BROWSER_ONLY"),
    # Last: the contrast gate is the part of sass.py with logic of its own; compiling is proven by test_theme.
    Module("wetkit/sass.py", (UNIT + "test_theme.py", KILLS),
           functions=("Theme.floor", "_contrast_pairs", "_channel", "luminance", "contrast_ratio", "contrast_report",
                      "_shown", "check_contrast"),
           note="the contrast gate only (floors, pairs, ratios, the failure message)"),
]

#: Audit code that only does something in a browser (driving Chromium, scripts run in the page, worker threads
#: around browsers): mutmut's unit selections cannot run it, so it is not mutated here. What holds each part instead
#: (semantic-catalogue entries in tests/mutation/catalogue.py, browser tests) is listed, and printed in the report.
BROWSER_ONLY: dict[str, str] = {
    "wetkit/audit/runner.py": (
        "Auditor (the page loop: widths, colour schemes, which checks run where, allow-lists, evidence, restarts): "
        "catalogue axe-only-at-1280, axe-critical-only, axe-no-dark-pass, reflow-not-at-320, text-spacing-skipped, "
        "duplicate-ids-unchecked, focus-walk-light-only; tests/browser/test_audit_checks.py::"
        "test_fault_fails_exactly_its_check and ::test_fixed_twin_passes_every_check (one planted fault and its "
        "clean twin per check), ::test_hanging_page_is_reported_and_the_audit_goes_on"),
    "wetkit/audit/checks.py": (
        "check_reflow, check_text_spacing, check_duplicate_ids, check_focus_visible, recheck_focus_visible, "
        "check_console and their in-page JavaScript: catalogue console-never-reports; "
        "tests/browser/test_audit_checks.py::test_fault_fails_exactly_its_check (a planted fault per check), "
        "::test_console_check_waits_for_errors_thrown_after_load, ::test_focus_walk_that_hits_its_limit_is_reported, "
        "::test_focus_recheck_gives_up_when_the_walk_cannot_be_replayed, "
        "::test_console_check_reports_a_browser_log_it_cannot_read, ::test_console_check_raises_other_errors"),
    "wetkit/audit/axe.py": (
        "_RUN (the script that runs axe in the page and shapes its results; module-level, so mutmut leaves it): "
        "catalogue axe-critical-only; tests/browser/test_audit_checks.py::test_engine_is_the_pinned_axe and "
        "::test_fault_fails_exactly_its_check (the serious-not-critical contrast fault)"),
    "wetkit/audit/browser.py": (
        "start_browser, _start_remote, set_viewport, emulate_scheme: every browser test starts its browser through "
        "them; tests/unit/test_audit_setup.py::test_missing_browser_says_how_to_install; tests/browser/test_grid.py "
        "(a remote WebDriver, one that is down); the catalogue's width and dark-mode entries (a wrong viewport or "
        "scheme hides their planted faults)"),
    "wetkit/audit/pool.py": (
        "audit_pages and its worker threads, the hang watchdog, kill_browser: tests/browser/test_pool.py (one and "
        "two workers give the same results in order, a hung or crashed page is reported and the run goes on, "
        "--prepare in every new browser, a failing --prepare stops the run, workers must be a whole number)"),
    "wetkit/audit/pytest_plugin.py": (
        "the wetkit_check fixture and its WSGI server: tests/browser/test_pytest_plugin.py (clean pages pass, a "
        "missing label fails with the rule's name, assets come from the app, an HTML string)"),
}

#: mutmut's exit code -> status (as in mutmut 3.x ``mutmut.stats``); used when mutmut's own table cannot be imported.
_STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped", 35: "suspicious",
           36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout", 37: "caught by type check",
           -11: "segfault", -9: "segfault", 2: "check was interrupted by user", None: "not checked"}


def status_of(exit_code: int | None) -> str:
    if exit_code in (2, 255):
        # pytest exits 2 when collecting the tests failed, and the fork-server worker exits -1 (255) when pytest
        # itself raised (a selected test id no longer exists): under the mutant the tests could not even be collected
        # (an import or a parametrisation broke). mutmut's table calls these "interrupted" and "timeout"; the clean
        # run collected the same tests, so the mutant broke them: a kill.
        return "killed (tests could not be collected)"
    try:
        from mutmut.stats import status_by_exit_code
    except Exception:  # any trouble importing mutmut's table: use the copy
        return _STATUS.get(exit_code, "suspicious")
    return status_by_exit_code[exit_code]


def outcome_of(status: str) -> str:
    """killed | timeout | survived | no tests | error."""
    if status.startswith("killed") or status == "caught by type check":
        return "killed"
    if status in ("timeout", "survived", "no tests"):
        return status
    return "error"


def mutmut_command() -> list[str]:
    """``mutmut`` next to this Python (a venv or nox session), else on PATH. (``python -m mutmut`` re-executes
    mutmut's ``__main__`` and mutmut warns against it.)"""
    beside = Path(sys.executable).with_name("mutmut")
    found = str(beside) if beside.exists() else shutil.which("mutmut")
    if not found:
        raise SystemExit("pymutants: mutmut is not installed: pip install mutmut (or run `nox -s mutants`)")
    return [found]


# ---- mutant names and changes ---------------------------------------------------------------------------------


def function_of(mutant: str, dotted_module: str) -> str:
    """``wetkit.policy.xǁPolicyViolationǁ__init____mutmut_2`` -> ``PolicyViolation.__init__``."""
    name = mutant.removeprefix(dotted_module + ".")
    name = re.sub(r"__mutmut_\d+$", "", name)
    if name.startswith("xǁ"):
        return ".".join(name[2:].split("ǁ"))
    return name.removeprefix("x_")


def name_globs(module: Module) -> list[str]:
    """mutmut mutant-name patterns for the chosen functions of ``module``."""
    dotted = dotted_name(module.path)
    globs = []
    for function in module.functions:
        if "." in function:
            cls, method = function.split(".", 1)
            globs.append(f"{dotted}.xǁ{cls}ǁ{method}__mutmut_*")
        else:
            globs.append(f"{dotted}.x_{function}__mutmut_*")
    return globs


def dotted_name(path: str) -> str:
    return path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def change_of(diff: str) -> str:
    """The change a mutant makes, from ``mutmut show``'s diff: the removed lines, ``->``, the added lines, each
    stripped and joined with `` / ``. Stable while the mutated line is unchanged (mutant numbers are not)."""
    removed = [line[1:].strip() for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:].strip() for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    return f"{' / '.join(removed)} -> {' / '.join(added)}"


def normalise(text: str) -> str:
    return " ".join(str(text).split())


# ---- reasons ------------------------------------------------------------------------------------------------------


def load_reasons() -> list[dict]:
    """The entries of pymut_reasons.yaml: ``{module, function, change, reason}`` (or ``mutant`` instead of
    ``function`` + ``change``, for a name mutmut gave)."""
    if not REASONS_FILE.is_file():
        return []
    entries = yaml.safe_load(REASONS_FILE.read_text(encoding="utf-8")) or []
    if not isinstance(entries, list):
        raise SystemExit(f"{REASONS_FILE}: expected a list of {{module, function, change, reason}}")
    for index, entry in enumerate(entries):
        keys = set(entry) if isinstance(entry, dict) else set()
        if not ({"module", "reason"} <= keys and ({"function", "change"} <= keys or "mutant" in keys)):
            raise SystemExit(f"{REASONS_FILE}: entry {index} needs module, reason, and function + change (or mutant)")
        if not str(entry["reason"]).strip():
            raise SystemExit(f"{REASONS_FILE}: entry {index} has an empty reason")
    return entries


def reason_matches(entry: dict, result: dict) -> bool:
    if entry["module"] != result["module"]:
        return False
    if "mutant" in entry:
        return entry["mutant"] == result["mutant"]
    return entry["function"] == result["function"] and normalise(entry["change"]) == normalise(result["change"])


# ---- one module ---------------------------------------------------------------------------------------------------


def toml_list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


def configure(tree: Path, module: Module, tests: list[str], isolation: str) -> None:
    """Write ``[tool.mutmut]`` for ``module`` into the copy's pyproject.toml (replacing a previous one).

    wetkit does real work at import time and caches it: the registry loads every spec and builds each parameter's
    check (``params._make_check``), ``rules`` registers its rules, test modules build their parametrisations from
    the registry, compiled themes are cached. mutmut's ``fork`` isolation forks each mutant from the process that
    ran the clean tests, where all of that already happened with the original code: a mutant there can make a test
    fail (a sure kill) but its survival proves nothing when the mutated code ran at import or fed a cache. So each
    module runs twice (:func:`run_module`): ``fork`` for every mutant (fast), then ``forkserver`` for the
    survivors, each in a fresh child of a fork server that has imported only third-party modules
    (:data:`PRELOAD`): wetkit and the tests are imported under the mutant. The plugin hooks below give functions
    called at import time every test of the selection.
    """
    preload = tree / "pymut-preload.txt"
    preload.write_text("\n".join(PRELOAD) + "\n", encoding="utf-8")
    pyproject = tree / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8").split("\n# -- pymut --\n")[0]
    section = "\n".join([
        "", "# -- pymut --", "[tool.mutmut]",
        'source_paths = ["wetkit"]',
        f"only_mutate = {toml_list([module.path])}",
        'also_copy = ["components", "themes"]',
        f"pytest_add_cli_args_test_selection = {toml_list(tests)}",
        f"pytest_add_cli_args = {toml_list(PYTEST_ARGS)}",
        f"process_isolation = {json.dumps(isolation)}",
        'forkserver_warmup = "import"',
        f"preload_modules_file = {json.dumps(str(preload))}",
        f"timeout_constant = {TIMEOUT_CONSTANT}",
        "",
    ])
    pyproject.write_text(text.rstrip("\n") + "\n" + section, encoding="utf-8")


def selected_tests(tree: Path, module: Module) -> list[str]:
    """The module's test files that exist in the copy (globs expanded, the kills file only if it exists)."""
    found: list[str] = []
    for pattern in module.tests:
        for name in sorted(glob.glob(pattern, root_dir=tree)):
            if name not in found:
                found.append(name)
    return found


def tree_for(root: Path, module: Module) -> Path:
    """The copy of the working tree a module's run uses: ``root/<module path with _>`` (refreshed each run)."""
    tree = root / module.path.replace("/", "_").removesuffix(".py")
    for name in LINKED:  # copy_tree links these afresh
        if (tree / name).is_symlink():
            (tree / name).unlink()
    copy_tree(tree)
    return tree


def run_module(root: Path, module: Module, jobs: int, timeout: float) -> dict:
    """Run mutmut on one module in its copy under ``root``; the module's summary and one result per mutant.

    Two passes (see :func:`configure`): every mutant under ``fork``, then the survivors under ``forkserver``; the
    second pass's verdict stands. A copy that already holds mutmut's results for the module (``--work``) is
    resumed: mutants not checked yet are run, mutmut drops the results of functions whose code changed, and the
    survivors are run again in the second pass, so new tests count. A mutmut stopped by a signal (a shared
    machine) is resumed up to :data:`RESUMES` times.
    """
    started = time.monotonic()
    summary = {"module": module.path, "functions": list(module.functions), "note": module.note, "results": [],
               "skipped": "", "error": "", "tests": [], "resumed": False}
    if not (ROOT / module.path).is_file():
        summary["skipped"] = f"{module.path} is not in the tree yet"
        return summary
    tree = tree_for(root, module)
    tests = selected_tests(tree, module)
    summary["tests"] = tests
    if not [t for t in tests if t != KILLS]:
        summary["skipped"] = f"no test file for it yet ({', '.join(t for t in module.tests if t != KILLS)})"
        return summary
    meta = tree / "mutants" / (module.path + ".meta")
    summary["resumed"] = meta.is_file()
    log = REPORTS / "pymutants-logs" / (module.path.replace("/", "_") + ".log")
    log.parent.mkdir(parents=True, exist_ok=True)
    summary["log"] = str(log.relative_to(ROOT))
    deadline = started + timeout
    with log.open("a" if summary["resumed"] else "w", encoding="utf-8") as out:
        configure(tree, module, tests, "fork")
        returncode = _mutmut_run(tree, name_globs(module), jobs, deadline, out, meta)
        again = [name for name, code in _exit_codes(meta, module).items()
                 if outcome_of(status_of(code)) in ("survived", "no tests")] if returncode == 0 else []
        if again:
            print(f"    {len(again)} survivor(s) of the fast pass: running them again, each under a fresh import",
                  flush=True)
            configure(tree, module, tests, "forkserver")
            returncode = _mutmut_run(tree, again, jobs, deadline, out, meta)
    summary["seconds"] = round(time.monotonic() - started, 1)
    if returncode != 0 or not meta.is_file():
        tail = "\n".join(_tail(log, 15))
        summary["error"] = (f"mutmut took over {timeout:.0f} s" if returncode is None else
                            f"mutmut exit {returncode}") + f"; end of {summary['log']}:\n{tail}"
        return summary
    env = _env()
    for mutant, code in _exit_codes(meta, module).items():
        status = status_of(code)
        result = {"module": module.path, "mutant": mutant, "function": function_of(mutant, dotted_name(module.path)),
                  "status": status, "outcome": outcome_of(status), "change": "", "reason": ""}
        if result["outcome"] != "killed":
            shown = subprocess.run([*mutmut_command(), "show", mutant], cwd=tree, env=env, capture_output=True,
                                   text=True)
            result["change"] = change_of(shown.stdout)
        summary["results"].append(result)
    summary["seconds"] = round(time.monotonic() - started, 1)
    return summary


#: How many times a mutmut stopped by a signal is resumed within one run.
RESUMES = 3


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONPATH", None)
    return env


def _mutmut_run(tree: Path, names: list[str], jobs: int, deadline: float, out, meta: Path) -> int | None:
    """``mutmut run [names]`` in ``tree``; its exit code, or None when the deadline passed."""
    command = [*mutmut_command(), "run", *(["--max-children", str(jobs)] if jobs else []), *names]
    for attempt in range(1, RESUMES + 2):
        out.flush()
        try:
            done = subprocess.run(command, cwd=tree, env=_env(), stdout=out, stderr=subprocess.STDOUT,
                                  timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            return None
        if done.returncode >= 0 or not meta.is_file() or attempt > RESUMES:
            return done.returncode
        print(f"    mutmut was stopped by signal {-done.returncode}; resuming ({attempt}/{RESUMES})", flush=True)
    return done.returncode


def _exit_codes(meta: Path, module: Module) -> dict[str, int | None]:
    """mutmut's exit code per mutant of the module's chosen functions, in source order."""
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    dotted, wanted = dotted_name(module.path), set(module.functions)
    return {name: codes[name] for name in sorted(codes, key=_natural)
            if not wanted or function_of(name, dotted) in wanted}


def _tail(path: Path, count: int) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()[-count:]
    except OSError:
        return []


def _natural(name: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name))


# ---- pytest plugin, loaded in mutmut's test runs (``-p tests.mutation.pymut``) ----------------------------------
#
# mutmut runs a mutant against the tests that called the mutated function during the clean "stats" run, and it
# records a call against the test running at the time. Two kinds of call have no single owner: a call made while
# pytest collects (the registry building every check when a test module does ``REGISTRY = get_registry()``) is
# given by mutmut to the first test only, and a call made while a module- or session-scoped fixture is set up (the
# ``wet`` environment) to the first test that used the fixture. So a broken check would be run against one test.
# These hooks give collection calls to every test, and setup calls to every later test of the same file: such a
# mutant runs against all of them (stopping at the first failure). Outside mutmut's stats run nothing is recorded
# and the hooks do nothing.

_COLLECTION_CALLS: set[str] = set()
_SETUP_CALLS: dict[str, set[str]] = {}


def _recorded() -> set[str] | None:
    """mutmut's set of functions called since the last test ended (None without mutmut)."""
    try:
        from mutmut.state import state
    except ImportError:
        return None
    return state()._stats


def pytest_collection_finish(session) -> None:
    calls = _recorded()
    if calls:
        _COLLECTION_CALLS.update(calls)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    calls = _recorded()
    before = set(calls) if calls is not None else set()
    yield
    if calls:
        _SETUP_CALLS.setdefault(str(item.path), set()).update(calls - before)


@pytest.hookimpl(tryfirst=True)  # before mutmut's own teardown hook takes the calls
def pytest_runtest_teardown(item, nextitem) -> None:
    calls = _recorded()
    if calls is not None:
        calls.update(_COLLECTION_CALLS, _SETUP_CALLS.get(str(item.path), ()))


# ---- the run ------------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.mutation.pymut", description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", default=[], help="run only these modules (paths like wetkit/policy.py)")
    parser.add_argument("--min", type=float, default=0.9, help="smallest killed share per module (default 0.9)")
    parser.add_argument("--jobs", type=int, default=0, help="mutants tested at once (default: mutmut's, one a core)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds one module's run may take")
    parser.add_argument("--work", type=Path, help="keep the copies in this folder (one per module) and resume "
                        "there next time; `mutmut show NAME` works in WORK/<module>")
    parser.add_argument("--list", action="store_true", help="list the modules and stop")
    args = parser.parse_args(argv)

    chosen = [m for m in MODULES if not args.only or m.path in args.only]
    if args.list or not chosen:
        for m in MODULES:
            print(f"{m.path:28} {' '.join(m.tests)}" + (f"  [{', '.join(m.functions)}]" if m.functions else ""))
        for path, held_by in BROWSER_ONLY.items():
            print(f"{path:28} browser only: {held_by}")
        return 0 if chosen else 2
    reasons = load_reasons()
    mutmut_command()  # fail early when mutmut is missing

    modules = []
    started = time.monotonic()
    root = args.work.resolve() if args.work else Path(tempfile.mkdtemp(prefix="wetkit-pymutants-"))
    try:
        for index, module in enumerate(chosen, 1):
            print(f"[{index}/{len(chosen)}] {module.path} ...", flush=True)
            summary = run_module(root, module, args.jobs, args.timeout)
            for result in summary["results"]:
                if result["outcome"] in ("survived", "no tests"):
                    entry = next((e for e in reasons if reason_matches(e, result)), None)
                    result["reason"] = entry["reason"].strip() if entry else ""
            modules.append(summary)
            print("    " + module_line(summary), flush=True)
    finally:
        if not args.work:
            shutil.rmtree(root, ignore_errors=True)
    return report(modules, reasons, time.monotonic() - started, args.min)


def counts_of(summary: dict) -> Counter:
    counts = Counter(r["outcome"] for r in summary["results"])
    counts["total"] = len(summary["results"])
    counts["explained"] = sum(1 for r in summary["results"] if r["reason"])
    return counts


def share(caught: int, total: int) -> float:
    return caught / total if total else 0.0


def killed_share(summary: dict) -> float:
    c = counts_of(summary)
    return share(c["killed"] + c["timeout"], c["total"])


def module_line(summary: dict) -> str:
    if summary["skipped"]:
        return f"{summary['module']}: skipped: {summary['skipped']}"
    if summary["error"]:
        return f"{summary['module']}: ERROR: {summary['error'].splitlines()[0]}"
    c = counts_of(summary)
    caught = c["killed"] + c["timeout"]
    return (f"{summary['module']}: killed {caught}/{c['total']} ({share(caught, c['total']):.0%}), "
            f"timeout {c['timeout']}, survived {c['survived']}, no tests {c['no tests']} "
            f"({c['explained']} with a reason), error {c['error']}, {summary.get('seconds', 0):.0f} s")


def report(modules: list[dict], reasons: list[dict], seconds: float, minimum: float) -> int:
    """Write reports/pymutants.{md,json}, print the summary; the exit code says whether the run passes."""
    results = [r for m in modules for r in m["results"]]
    total = len(results)
    caught = sum(1 for r in results if r["outcome"] in ("killed", "timeout"))
    run_modules = {m["module"] for m in modules if not m["skipped"] and not m["error"]}
    stale = [e for e in reasons if e["module"] in run_modules
             and not any(reason_matches(e, r) for r in results if r["outcome"] in ("survived", "no tests"))]
    unexplained = [r for r in results if r["outcome"] in ("survived", "no tests") and not r["reason"]]
    errors = [r for r in results if r["outcome"] == "error"]
    low = [m for m in modules if m["module"] in run_modules and killed_share(m) < minimum]

    lines = [f"# Python mutation run (mutmut): {caught}/{total} killed ({share(caught, total):.0%}) in {seconds:.0f} s",
             "", "Timeouts count as killed. Every survivor has a test that should catch it or a reason below "
             "(`tests/mutation/pymut_reasons.yaml`).", "",
             "| module | killed | total | share | timeout | survived | no tests | explained | error | s | tests |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for m in modules:
        if m["skipped"] or m["error"]:
            state = "skipped: " + m["skipped"] if m["skipped"] else "ERROR: " + m["error"].splitlines()[0]
            lines.append(f"| {m['module']} | | | | | | | | | {m.get('seconds', '')} | {state} |")
            continue
        c = counts_of(m)
        k = c["killed"] + c["timeout"]
        scope = f" (only {', '.join(m['functions'])})" if m["functions"] else ""
        lines.append(f"| {m['module']}{scope} | {k} | {c['total']} | {share(k, c['total']):.0%} | {c['timeout']} | "
                     f"{c['survived']} | {c['no tests']} | {c['explained']} | {c['error']} | {m['seconds']} | "
                     f"{', '.join(t.removeprefix('tests/unit/') for t in m['tests'])} |")
    lines += ["", "## Survivors", "", "| module | function | mutant | outcome | change | reason |",
              "|---|---|---|---|---|---|"]
    for r in results:
        if r["outcome"] != "killed":
            change = r["change"].replace("|", "\\|")
            reason = (r["reason"] or "**NO REASON**").replace("|", "\\|").replace("\n", " ")
            lines.append(f"| {r['module']} | {r['function']} | {r['mutant'].rsplit('_', 1)[-1]} | {r['outcome']} | "
                         f"`{change}` | {reason} |")
    lines += ["", "## Audit code only a browser runs (not mutated here; what holds it)", ""]
    lines += [f"- `{path}`: {held_by}" for path, held_by in BROWSER_ONLY.items()]
    if stale:
        lines += ["", "## Stale reasons (no surviving mutant matches them any more)", ""]
        lines += [f"- {e['module']} {e.get('function', e.get('mutant'))}: `{e.get('change', '')}`" for e in stale]
    for m in modules:
        if m["error"]:
            lines += ["", f"## {m['module']} (error)", "```", m["error"], "```"]
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "pymutants.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (REPORTS / "pymutants.json").write_text(json.dumps(
        {"seconds": round(seconds, 1), "killed": caught, "total": total, "modules": modules,
         "stale_reasons": stale}, indent=2, ensure_ascii=False), encoding="utf-8")

    print()
    for m in modules:
        print("  " + module_line(m))
    print(f"pymutants: {caught}/{total} killed ({share(caught, total):.0%}), {len(unexplained)} survivor(s) without a "
          f"reason, {len(errors)} error(s), {seconds:.0f} s; report: reports/pymutants.md")
    for e in stale:
        print(f"  STALE reason: {e['module']} {e.get('function', e.get('mutant'))}: {e.get('change', '')}")
    failed = False
    for r in unexplained:
        print(f"  {r['outcome'].upper()} without a reason: {r['module']} {r['function']} ({r['mutant']}): "
              f"{r['change']}")
        failed = True
    for r in errors:
        print(f"  ERROR: {r['module']} {r['mutant']}: {r['status']}")
        failed = True
    for m in modules:
        if m["error"]:
            print(f"  ERROR: {m['module']}: {m['error']}")
            failed = True
    for m in low:
        print(f"  {m['module']}: killed share under the minimum {minimum:.0%}")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
