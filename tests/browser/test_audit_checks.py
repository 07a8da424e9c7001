"""The audit itself must catch barriers: a corpus of planted faults, each failing exactly the check that claims it.

Each folder in ``faults/`` holds ``fault.html`` (one known barrier) and ``fixed.html``, its clean twin: the same page
with the barrier fixed, which must pass every check. ``FAULTS`` says what each fault must produce, as a set of
``(check, rule, width, scheme)``: nothing missing (the check works where the fault is) and nothing more (the other
checks do not fire on it, and the fault shows only at the width and in the colour scheme it was built for). Width and
scheme are None for checks that run once per page.

The faults are chosen so that breaking the audit breaks a test: axe at one width only (``contrast-320``), keeping
only critical violations (every colour fault is "serious"), skipping the dark pass (``contrast-dark``, ``link-dark``,
``focus-dark``), skipping forced colours (``shadow-focus``), a console check that passes everything (``late-error``
and the other console faults), a focus walk that takes an element it never saw unfocused as changed
(``focus-added``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wetkit.audit.checks import Problem, check_console, check_focus_visible, recheck_focus_visible
from wetkit.audit.runner import CONSOLE_SETTLE_MS, PRESENTATION_RULES
from wetkit.serve import serve_in_thread

pytestmark = pytest.mark.browser

FAULTS_DIR = Path(__file__).with_name("faults")
WIDE, NARROW = 1280, 320


def _axe(rule: str, widths=(WIDE, NARROW), schemes=("light",)) -> set[tuple]:
    return {("axe", rule, width, scheme) for width in widths for scheme in schemes}


def _focus(*schemes: str) -> set[tuple]:
    return {("focus", "focus-not-visible", WIDE, scheme) for scheme in schemes}


CONSOLE = {("console", "console-error", None, None)}

FAULTS: dict[str, set[tuple]] = {
    # axe, every rule of the suite's tags, in light mode; a markup fault on a page whose markup and rendered elements
    # are the same at 320 px is found once, at 1280 px (the narrow run keeps the layout and colour rules only)
    "missing-alt": _axe("image-alt", widths=(WIDE,)),  # critical
    "name-mismatch": _axe("label-content-name-mismatch", widths=(WIDE,)),
    # a button whose only words are hidden at 320 px: a markup rule, at one width; the narrow run must not keep only
    # the layout rules here (the rendered elements differ from 1280 px)
    "name-320": _axe("button-name", widths=(NARROW,)),  # serious; WCAG 2.5.3, in the wcag21a tag in 4.14
    # axe's colour rules, also in dark mode: these pages have no dark styles, so a light barrier is a dark one too
    "contrast-320": _axe("color-contrast", widths=(NARROW,), schemes=("light", "dark")),  # serious, one width
    "contrast-dark": _axe("color-contrast", schemes=("dark",)),  # the light grey kept on a dark background
    "link-dark": _axe("link-in-text-block", schemes=("dark",)),  # a link told apart by colour alone, in dark only
    # a low-contrast cell out of its scroll region's view at every width: axe alone only asks for a review
    "contrast-scrolled": _axe("color-contrast", schemes=("light", "dark")),
    # checks of our own
    "duplicate-id": {("ids", "duplicate-id", None, None)},  # axe 4.14's own duplicate-id rule is deprecated
    # an id that aria-describedby points at, used twice: axe's duplicate-id-aria only asks for a review
    "duplicate-id-aria": {("ids", "duplicate-id", None, None)},
    "too-wide": {("reflow", "horizontal-scroll", NARROW, None)},
    "clipped-text": {("text-spacing", "text-clipped", WIDE, None)},  # clipped only with the 1.4.12 spacing
    "hidden-focus": _focus("light", "dark", "forced-colors"),
    "transparent-focus": _focus("light", "dark"),  # forced colours paint the transparent outline
    "focus-dark": _focus("dark"),
    "shadow-focus": _focus("forced-colors"),  # forced colours remove the shadow
    "focus-added": _focus("light", "dark", "forced-colors"),  # a control that appears during the walk
    "missing-script": CONSOLE,
    "inline-script": CONSOLE,  # blocked by the server's Content-Security-Policy
    "late-error": CONSOLE,  # thrown 600 ms after load, from a timer
    # right-to-left faults (physical properties): invisible to this left-to-right audit; test_rtl.py catches them
    "rtl-physical": set(),
    "rtl-overflow": set(),
}


@pytest.fixture(scope="module")
def faults_url():
    server, url = serve_in_thread(FAULTS_DIR)
    yield url
    server.shutdown()


def _found(result) -> set[tuple]:
    return {(p.check, p.rule, p.width, p.scheme) for p in result.problems}


# The faults a stylesheet can cause (colours, sizes, spacing, focus styles): the "presentation" scope, which theme
# variants of already-audited pages get, must find each exactly as the full audit does.
STYLE_RULES = {"color-contrast", "link-in-text-block", *PRESENTATION_RULES}
STYLE_FAULTS = sorted(name for name, expected in FAULTS.items() if expected and all(
    check in ("reflow", "text-spacing", "focus") or (check == "axe" and rule in STYLE_RULES)
    for check, rule, _, _ in expected))


@pytest.mark.parametrize("name", STYLE_FAULTS)
def test_presentation_scope_finds_every_fault_a_stylesheet_can_cause(auditor, faults_url, name):
    result = auditor.audit(f"{faults_url}{name}/fault.html", scope="presentation")
    assert _found(result) == FAULTS[name], result.report(name)


def test_presentation_scope_leaves_the_markup_rules_to_the_full_audit(auditor, faults_url):
    """What it does not run, on purpose: an image without alt text is the same in every theme."""
    assert _found(auditor.audit(f"{faults_url}missing-alt/fault.html", scope="presentation")) == set()
    # a file that fails to load is logged during the load: found without the wait for late script errors
    assert _found(auditor.audit(f"{faults_url}missing-script/fault.html", scope="presentation")) == CONSOLE
    with pytest.raises(ValueError, match="unknown audit scope 'markup': use one of full, presentation"):
        auditor.audit(f"{faults_url}missing-alt/fault.html", scope="markup")


def test_out_of_view_contrast_is_judged_not_left_for_review(auditor, faults_url):
    """The fixed twin of ``contrast-scrolled``: its far cell is judged once scrolled into view, so nothing is left
    "needs review", and the scroll region is back where it was."""
    result = auditor.audit(f"{faults_url}contrast-scrolled/fixed.html")
    assert result.ok and result.needs_review == [], result.needs_review
    assert auditor.driver.execute_script("return document.querySelector('.scroller').scrollLeft;") == 0


def test_the_table_lists_every_fault_page():
    folders = {path.name for path in FAULTS_DIR.iterdir() if path.is_dir()}
    assert folders == set(FAULTS)
    for name in folders:
        assert (FAULTS_DIR / name / "fault.html").is_file() and (FAULTS_DIR / name / "fixed.html").is_file(), name


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_fault_fails_exactly_its_check(auditor, faults_url, name):
    result = auditor.audit(f"{faults_url}{name}/fault.html")
    assert _found(result) == FAULTS[name], result.report(name)


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_fixed_twin_passes_every_check(auditor, faults_url, name):
    result = auditor.audit(f"{faults_url}{name}/fixed.html")
    assert result.ok, result.report(name)


def test_console_check_waits_for_errors_thrown_after_load(driver, faults_url):
    """The page has loaded when ``get`` returns; its error comes 600 ms later, and must still be caught."""
    check_console(driver)  # empty the log
    driver.get(f"{faults_url}late-error/fault.html")
    found = check_console(driver, CONSOLE_SETTLE_MS)
    assert any("late failure" in p.message for p in found), found


def test_problem_says_where_it_was_found():
    problem = Problem("axe", "color-contrast", "p.note", "low contrast", width=320, scheme="dark")
    assert problem.describe("page.html").startswith("page.html at 320px in dark mode: [axe] color-contrast: p.note")
    assert Problem("focus", "focus-not-visible", "a", "x", width=1280, scheme="forced-colors").describe("p").startswith(
        "p at 1280px in forced-colors mode:")
    assert Problem("axe", "image-alt", "img", "x", width=1280, scheme="light").describe("p").startswith(
        "p at 1280px: [axe]")


def test_focus_recheck_gives_up_when_the_walk_cannot_be_replayed(driver, faults_url):
    """The dark and forced-colors focus checks replay the Tab walk by script; a page that changed since is walked
    with Tab again (None here), never passed."""
    driver.get(f"{faults_url}hidden-focus/fixed.html")
    assert check_focus_visible(driver) == []
    assert recheck_focus_visible(driver) == []
    driver.execute_script("document.getElementById('more').remove();")
    assert recheck_focus_visible(driver) is None


def test_focus_walk_sees_a_focus_the_page_hides_from_its_listener(driver, faults_url):
    """Tab presses go in batches and a listener on window records each focus; a page handler that stops the focus
    event before it reaches window must not hide the fault: the walk notices and goes press by press."""
    driver.get(f"{faults_url}hidden-focus/fault.html")
    expected = [(p.rule, p.target) for p in check_focus_visible(driver)]
    assert expected == [("focus-not-visible", 'a#more "fine print"')]
    driver.get(f"{faults_url}hidden-focus/fault.html")
    driver.execute_script("document.addEventListener('focusin', function (e) { e.stopPropagation(); }, true);")
    assert [(p.rule, p.target) for p in check_focus_visible(driver)] == expected


def test_focus_walk_passes_through_a_focus_guard(driver, faults_url):
    """An element that sends focus straight on (a focus guard) is not a stop a keyboard user sees: only where focus
    lands is compared, as when reading the focus after each press."""
    driver.get(f"{faults_url}hidden-focus/fixed.html")
    driver.execute_script("""
        var guard = document.createElement("span"); guard.tabIndex = 0; guard.id = "guard";
        guard.addEventListener("focus", function () { document.getElementById("more").focus(); });
        document.querySelector("main").prepend(guard);""")
    assert check_focus_visible(driver) == []
    assert driver.execute_script("return window.__wetkitWalk.order.map(function (el) { return el.id; });") == ["more"]


def test_focus_walk_that_hits_its_limit_is_reported(driver, faults_url):
    driver.get(f"{faults_url}duplicate-id/fixed.html")
    found = check_focus_visible(driver, limit=1)
    assert [(p.check, p.rule) for p in found] == [("focus", "focus-walk-incomplete")]


class _NoLogDriver:
    """A WebDriver without ``get_log`` (selenium's plain Remote driver)."""

    def execute_async_script(self, *args):  # pragma: no cover - not reached without settle_ms
        raise AssertionError("not called")


class _FailingLogDriver:
    def __init__(self, error):
        self.error = error

    def get_log(self, log_type):
        raise self.error


def test_console_check_reports_a_browser_log_it_cannot_read():
    from selenium.common.exceptions import UnknownMethodException, WebDriverException

    for driver in (_NoLogDriver(), _FailingLogDriver(UnknownMethodException("no such method")),
                   _FailingLogDriver(WebDriverException("unknown command: session/1/se/log"))):
        found = check_console(driver)
        assert [(p.check, p.rule) for p in found] == [("console", "console-unavailable")], driver


def test_console_check_raises_other_errors():
    from selenium.common.exceptions import WebDriverException

    for error in (WebDriverException("disconnected: not connected to DevTools"), RuntimeError("boom")):
        with pytest.raises(type(error)):
            check_console(_FailingLogDriver(error))


def test_engine_is_the_pinned_axe(auditor, faults_url):
    auditor.audit(f"{faults_url}missing-alt/fixed.html")
    assert auditor.axe.version.startswith("4.14.")
    assert all(count > 0 for count in auditor.axe.rule_counts.values())
    # the dark pass runs axe's colour rules among the suite's tags, and no others
    assert auditor.axe.colour_rules == ("color-contrast", "link-in-text-block")


def test_a_page_with_an_axe_of_its_own_is_audited_with_the_pinned_one(auditor, faults_url):
    """axe is registered for new documents after a browser's first page (AxeRunner.inject); a page whose own script
    defines another ``axe`` (here, one registered after wetkit's, so it runs later, as the page's would) must still be
    audited by the pinned engine, not by what the page calls axe."""
    auditor.audit(f"{faults_url}missing-alt/fixed.html")  # the first page: axe checked and registered
    driver = auditor.driver
    own = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                                 {"source": "window.axe = {version: '3.5.0'};"})
    try:
        result = auditor.audit(f"{faults_url}missing-alt/fault.html")
        assert {(p.check, p.rule) for p in result.problems} == {("axe", "image-alt")}, result.report()
        assert driver.execute_script("return axe.version;").startswith("4.14.")
    finally:
        driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": own["identifier"]})


def test_hanging_page_is_reported_and_the_audit_goes_on(faults_url):
    import socket
    import threading

    from wetkit.audit.browser import PAGE_LOAD_TIMEOUT
    from wetkit.audit.runner import Auditor

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    held = []
    stop = threading.Event()

    def accept_and_hold():  # accepts connections and never answers
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept_and_hold, daemon=True)
    thread.start()
    try:
        with Auditor(page_load_timeout=3) as auditor:
            hung = auditor.audit(f"http://127.0.0.1:{listener.getsockname()[1]}/")
            # The browser was restarted; give the next page the usual time (a cold start on a busy machine is slow).
            auditor.page_load_timeout = PAGE_LOAD_TIMEOUT
            after = auditor.audit(f"{faults_url}missing-alt/fixed.html")
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        listener.close()
    assert [(p.check, p.rule) for p in hung.problems] == [("load", "timeout")]
    assert after.ok, after.report()


def test_cli_check_exit_codes(faults_url, tmp_path, capsys):
    from wetkit.cli import main

    assert main(["check", f"{faults_url}missing-alt/fixed.html"]) == 0
    assert "1 passed, 0 failed" in capsys.readouterr().out
    report = tmp_path / "report.json"
    assert main(["check", f"{faults_url}contrast-dark/fault.html", "--json", str(report)]) == 1
    out = capsys.readouterr().out
    assert "in dark mode: [axe] color-contrast" in out and "0 passed, 1 failed" in out
    assert '"scheme": "dark"' in report.read_text()
