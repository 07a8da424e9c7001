"""Browser fixtures: one site server and one reused browser per test worker, and the a11y session's accounting.

The suite runs in parallel with pytest-xdist (``nox -s a11y`` passes ``-n`` and ``--dist loadgroup``):

- every session fixture here (the built site, its server, the Auditor and its browser) exists once per worker;
- the demo pages of test_a11y.py are handed out one at a time to whichever worker is free; every other module in this
  folder is one group, so its tests run in one worker, in file order, on one browser, as they do serially (flows,
  keyboard and JS behaviour tests, the fault pages, the Grid). The grouping is this file's own xdist scheduler (see
  ``pytest_xdist_make_scheduler``: with pytest 9.2, xdist's ``xdist_group`` marks never reach its scheduler);
- each test's report carries what the worker's Auditor did during it (pages audited, "needs review" results) as
  report attributes, which xdist sends to the controller with the report. The controller merges them: the needs-review
  file, the page count and the closing line ``a11y: N pages audited in S s (X s per page, W workers)``. Report
  attributes rather than per-worker files: nothing on disk that two concurrent runs in one checkout could mix up, and
  the pages a worker audited before it crashed are still counted;
- no silent passes: when all of test_a11y.py ran (no ``-k``, ``-m``, ``--lf`` or node-id selection), the session fails
  unless every page in the built site's manifest.json was audited.

The same hooks work without xdist (``-n 0``, or plain pytest): the one process is then both worker and controller.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from wetkit.audit.runner import Auditor

REPORTS = Path(__file__).resolve().parents[2] / "reports"
HERE = Path(__file__).resolve().parent
A11Y_FILE = "test_a11y.py"
A11Y_TEST = "test_page_has_no_barriers"

_AUDITORS: list[Auditor] = []  # this process's session Auditor(s)
_BUILT_PAGES: list[int] = []  # pages in the manifest.json of the site this worker built
_WORK = pytest.StashKey[tuple[int, dict[str, list[str]]]]()


class _Run:
    """What the controller learns about the session (from its own collection, or from the workers' reports)."""

    start = time.perf_counter()
    config: pytest.Config | None = None
    a11y_ids: set[str] | None = None  # the test_a11y.py page tests this run selected (None: the file is not in it)
    audited_ids: set[str] = set()  # ... of which the auditor audited a page
    pages = 0  # pages audited by all the workers' auditors, all tests
    built_pages: int | None = None
    review: dict[str, list[str]] = {}
    failure: str | None = None


# --- fixtures ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site_url(built_site):
    from wetkit.serve import serve_in_thread

    manifest = json.loads((built_site / "manifest.json").read_text(encoding="utf-8"))
    _BUILT_PAGES[:] = [len(manifest["pages"])]
    server, url = serve_in_thread(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def auditor():
    """One browser for the whole worker; restarted by the Auditor itself if a page wedges it."""
    with Auditor() as auditor:
        _AUDITORS.append(auditor)
        yield auditor


@pytest.fixture(scope="session")
def axe_in(auditor):
    """``axe_in(lang)``: the auditor's next audits report axe's messages in ``lang`` (axe-core's own locale file;
    English is axe's built-in language). Locales are read once per worker."""
    from wetkit.audit.axe import load_axe_locale

    locales: dict[str, dict | None] = {}

    def use(lang: str) -> None:
        if lang not in locales:
            locales[lang] = load_axe_locale(lang)
        auditor.axe_locale = locales[lang]
        if auditor.axe is not None:  # a running browser's runner applies it at its next injection
            auditor.axe.locale = locales[lang]

    yield use
    use("en")


@pytest.fixture(scope="session")
def driver(auditor):
    """The auditor's browser, for tests that drive pages directly (keyboard, flows)."""
    auditor._ensure_browser()
    return auditor.driver


@pytest.fixture(autouse=True)
def _fresh_console(request):
    """Tests share one browser per worker: drop console entries a previous test left, so a flow test's own audit
    (``audit_current``) sees only what its pages logged."""
    if "auditor" in request.fixturenames:
        auditor = request.getfixturevalue("auditor")
        if auditor.driver is not None:
            from selenium.common.exceptions import WebDriverException

            from wetkit.audit.checks import check_console

            try:
                check_console(auditor.driver)
            except WebDriverException:  # a browser a previous test wedged: the Auditor restarts it when next used
                auditor.close()
    yield


@pytest.fixture(scope="session")
def selenium_grid(tmp_path_factory):
    """URL of a Selenium Grid 4 standalone server on 127.0.0.1 whose node runs this machine's chromedriver and
    Chromium (see grid.py); stopped at the end of the session. Skipped only when there is no Java."""
    import shutil

    from grid import selenium_grid as start_grid

    from wetkit.audit.browser import find_chromium

    if shutil.which("java") is None:
        pytest.skip("java not found: the Selenium Grid server is a Java program "
                    "(scripts/test-setup.sh installs default-jre-headless)")
    chromedriver = find_chromium()[1]
    if chromedriver is None:
        pytest.fail("no chromedriver for the Grid's node: apt-get install -y chromium-driver")
    with start_grid(tmp_path_factory.mktemp("grid"), chromedriver) as url:
        yield url


# --- scheduling -------------------------------------------------------------------------------------------------


def pytest_configure(config):
    _Run.config = config
    _Run.start = time.perf_counter()


def _is_worker(config) -> bool:
    return hasattr(config, "workerinput")


def _is_a11y_page_test(nodeid: str) -> bool:
    path, _, name = nodeid.partition("::")
    return path.replace("\\", "/").endswith("browser/" + A11Y_FILE) and name.startswith(A11Y_TEST + "[")


def _grouped(path: Path) -> bool:
    """A module whose tests run together in one worker: every browser test module but test_a11y.py."""
    return path.parent == HERE and path.name != A11Y_FILE


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the xdist_group marks
def pytest_collection_modifyitems(config, items):
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if _grouped(item.path):
            item.add_marker(pytest.mark.xdist_group(f"browser-{item.path.stem}"))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadgroup`` that does not depend on the marks reaching the scheduler.

    xdist applies ``xdist_group`` by appending ``@group`` to ``item._nodeid``; pytest 9.2 derives ``nodeid`` from
    ``item._id``, so with xdist 3.8 the suffix never arrives and every test is scheduled alone (the marks above are
    still set for the versions where they work). This scheduler groups by what the controller sees, the node id: one
    work unit per grouped module, one per demo page; ``@group`` suffixes are honoured when present.
    """
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class BrowserGroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            if _grouped((config.rootpath / path).resolve()):
                return path
            return nodeid.rsplit("@", 1)[-1] if "@" in nodeid.split("::", 1)[-1] else nodeid

    return BrowserGroupScheduling(config, log)


def pytest_collection_finish(session):
    """Without xdist: which page tests were selected (xdist's controller hears it from the workers, below)."""
    if not _is_worker(session.config) and session.items:
        _Run.a11y_ids = {item.nodeid for item in session.items if _is_a11y_page_test(item.nodeid)} or None


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node, ids):
    _Run.a11y_ids = {nodeid for nodeid in ids if _is_a11y_page_test(nodeid)} or None


# --- per-test accounting (worker side) --------------------------------------------------------------------------


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    before = {id(a): (a.pages_audited, dict(a.needs_review)) for a in _AUDITORS}
    try:
        return (yield)
    finally:
        pages, review = 0, {}
        for auditor in _AUDITORS:
            count, seen = before.get(id(auditor), (0, {}))
            pages += auditor.pages_audited - count
            review.update({page: list(items) for page, items in auditor.needs_review.items()
                           if seen.get(page) != items})
        item.stash[_WORK] = (pages, review)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if call.when == "call" and _WORK in item.stash:
        report.wetkit_pages, report.wetkit_review = item.stash[_WORK]
        if _BUILT_PAGES and _is_a11y_page_test(item.nodeid):
            report.wetkit_built_pages = _BUILT_PAGES[0]
    return report


# --- merging (controller side) ----------------------------------------------------------------------------------


def pytest_runtest_logreport(report):
    if report.when != "call" or (_Run.config is not None and _is_worker(_Run.config)):
        return
    pages = getattr(report, "wetkit_pages", 0)
    _Run.pages += pages
    _Run.review.update(getattr(report, "wetkit_review", None) or {})
    if pages and _is_a11y_page_test(report.nodeid):
        _Run.audited_ids.add(report.nodeid)
    built = getattr(report, "wetkit_built_pages", None)
    if built is not None:
        _Run.built_pages = max(built, _Run.built_pages or 0)


def _unaudited(session, exitstatus) -> str | None:
    """Why the session must fail although every test passed: pages of the manifest that no auditor scanned."""
    if _Run.a11y_ids is None or exitstatus == pytest.ExitCode.INTERRUPTED or session.shouldstop or session.shouldfail:
        return None
    from wetkit.site import SiteBuilder

    listed = len(SiteBuilder().page_list())
    if len(_Run.a11y_ids) < listed:  # a selection (-k, -m, --lf, node ids): not every page was meant to run
        return None
    built = _Run.built_pages if _Run.built_pages is not None else listed
    audited = len(_Run.audited_ids & _Run.a11y_ids)
    if audited >= built and len(_Run.a11y_ids) >= built:
        return None
    missing = sorted(nodeid.partition("[")[2].rstrip("]") for nodeid in _Run.a11y_ids - _Run.audited_ids)
    shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
    return (f"a11y: only {audited} of the {built} pages in the site manifest were audited "
            f"({len(_Run.a11y_ids)} page tests ran)" + (f"; not audited: {shown}" if shown else ""))


def pytest_sessionfinish(session, exitstatus):
    if _is_worker(session.config):
        return
    _Run.failure = _unaudited(session, exitstatus)
    if _Run.failure and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def _workers(config) -> int:
    if getattr(config.option, "dist", "no") != "no":
        return len(getattr(config.option, "tx", None) or []) or 1
    return 1


def pytest_terminal_summary(terminalreporter, config):
    """axe's "needs review" results are not failures, but a person must look at them: count and list them. Then
    the session's page count and speed, and the no-silent-pass verdict."""
    if _is_worker(config):
        return
    if _Run.review:
        REPORTS.mkdir(exist_ok=True)
        target = REPORTS / "a11y-needs-review.txt"
        lines = [f"{page}\n" + "\n".join(f"  {item}" for item in items) for page, items in sorted(_Run.review.items())]
        target.write_text("\n".join(lines) + "\n")
        total = sum(map(len, _Run.review.values()))
        terminalreporter.write_line(
            f"axe: {total} result(s) on {len(_Run.review)} page(s) need a person's review: {target}")
    if _Run.failure:
        terminalreporter.write_line(_Run.failure, red=True, bold=True)
    if _Run.pages:
        elapsed = time.perf_counter() - _Run.start
        workers = _workers(config)
        terminalreporter.write_line(
            f"a11y: {_Run.pages} pages audited in {elapsed:.1f} s ({elapsed / _Run.pages:.2f} s per page, "
            f"{workers} worker{'' if workers == 1 else 's'})")
