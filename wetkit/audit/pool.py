"""Audit many pages with several browsers at once: the parallel engine behind ``wetkit check``.

::

    from wetkit.audit.pool import audit_pages

    results = audit_pages(urls, workers=2)                     # local Chromium, two browsers
    results = audit_pages(urls, workers=4, remote_url=GRID)    # a Selenium Grid (or WETKIT_WEBDRIVER_URL)
    results = audit_pages(urls, workers=2, prepare=log_in)     # log_in(driver) runs in each browser before its pages

How it works:

- ``workers`` threads each own one :class:`~wetkit.audit.runner.Auditor` (one browser, reused for all of that thread's
  pages). Threads are enough: the work happens in the browsers, and a Python thread only waits on WebDriver calls.
  Pages are handed out one at a time from a shared queue, so a slow page never holds up the others. ``workers`` is
  capped at the number of pages.
- The results come back **in the order of** ``urls``, whatever browser audited each page and whenever it finished,
  so one and several workers give the same list (a page's result depends only on the page).
- A page that does not load in time, or that crashes or wedges the browser, is reported as a ``load`` problem on that
  page; its browser is closed and a fresh one starts for the thread's next page (``prepare`` runs again in it). An
  unexpected error in the audit of a page (an axe error, a lost connection to the Grid) is reported the same way, as
  ``load`` / ``audit-error``. The run goes on either way. A page whose browser was lost (crashed, killed, or already
  dead before the page began) gets one more try in a fresh browser before it is reported, so a browser that dies
  between pages is not blamed on the next one; hangs are not retried.
- A watchdog covers the hangs that WebDriver's own timeouts miss. A renderer stuck in a script loop can block a
  chromedriver command, and then ``quit()``, for minutes each: when one page's audit takes longer than
  ``page_timeout`` seconds (default ``3 * (page_load_timeout + script timeout)``, 150 s), its browser is killed
  (chromedriver and the browser processes it started; on a remote WebDriver, its session is deleted), the page is
  reported as ``load`` / ``timeout`` and the thread goes on with a new browser.
- A browser that cannot start at all (no Chromium, a Grid that does not answer) is not a finding about a page: the
  run stops and :class:`~wetkit.errors.BrowserNotFound` is raised, naming the WebDriver URL for a remote one. An
  exception raised by ``prepare`` also stops the run and is raised as it is: every page after a failed login would
  be audited in the wrong state.
- ``prepare(driver)`` is called once in each new browser (after a restart too) before its first page: log in, set
  cookies, accept a consent banner. It gets the selenium WebDriver.
- ``on_result(index, result)``, if given, is called as each page finishes (from the worker threads, one call at a
  time), for progress output; ``index`` is the page's position in ``urls``.

``auditor_options`` are passed to each Auditor (``axe_script``, ``widths``, ``page_load_timeout``); ``allow`` (axe rule
ids excused on every page) and ``focus_walk`` to each page's audit.

On a 2-core machine two browsers are about as many as pay off; a Grid spreads browsers over machines.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import threading
import time
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from wetkit.audit.browser import PAGE_LOAD_TIMEOUT, SCRIPT_TIMEOUT
from wetkit.audit.checks import Problem
from wetkit.audit.runner import Auditor, PageResult
from wetkit.errors import BrowserNotFound

Prepare = Callable[[object], None]
_LOST = ("browser-error", "audit-error")  # load problems after which the Auditor has closed its browser


def audit_pages(urls: Sequence[str], workers: int = 1, remote_url: str | None = None, *,
                prepare: Prepare | None = None, allow: Iterable[str] = (), focus_walk: bool = True,
                on_result: Callable[[int, PageResult], None] | None = None, page_timeout: float | None = None,
                **auditor_options) -> list[PageResult]:
    """Audit ``urls`` with ``workers`` browsers; one :class:`PageResult` per URL, in the order given (see the module
    docstring). Raises BrowserNotFound when a browser cannot start, and whatever ``prepare`` raises."""
    urls = list(urls)
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise ValueError(f"workers must be a whole number of at least 1, not {workers!r}")
    if page_timeout is None:
        page_timeout = 3 * (auditor_options.get("page_load_timeout", PAGE_LOAD_TIMEOUT) + SCRIPT_TIMEOUT)
    remote = remote_url or os.environ.get("WETKIT_WEBDRIVER_URL")
    allow = tuple(allow)
    results: list[PageResult | None] = [None] * len(urls)
    todo: queue.SimpleQueue[int] = queue.SimpleQueue()
    for index in range(len(urls)):
        todo.put(index)
    stop = threading.Event()
    fatal: list[BaseException] = []
    report_lock = threading.Lock()
    slots = [_Slot() for _ in range(min(workers, len(urls)))]

    def audit(slot: _Slot, auditor: Auditor, url: str) -> tuple[PageResult, bool]:
        """One attempt at one page: (result, whether the browser was lost for a reason other than a hang)."""
        if auditor.driver is None:
            auditor._ensure_browser()  # BrowserNotFound stops the run (caught in work)
            if prepare is not None:
                prepare(auditor.driver)
        slot.begin(auditor.driver)
        result = _audit_one(auditor, url, allow, focus_walk)
        if slot.end():  # the watchdog killed this browser: whatever came back is about the kill
            auditor.close()
            return PageResult(url, [Problem(
                "load", "timeout", url, f"the audit did not finish in {page_timeout:g} s; the browser was stopped "
                "and a new one started for the next page")]), False
        lost = auditor.driver is None and any(p.check == "load" and p.rule in _LOST for p in result.problems)
        return result, lost

    def work(slot: _Slot) -> None:
        auditor = Auditor(remote_url=remote_url, **auditor_options)
        try:
            while not stop.is_set():
                try:
                    index = todo.get_nowait()
                except queue.Empty:
                    return
                result, lost = audit(slot, auditor, urls[index])
                if lost:  # the browser died (perhaps before this page): the page gets one more try, in a new one
                    result, _ = audit(slot, auditor, urls[index])
                results[index] = result
                if on_result is not None:
                    with report_lock:
                        on_result(index, result)
        except BaseException as err:  # noqa: BLE001 - handed to the caller's thread below
            fatal.append(err)
            stop.set()
        finally:
            slot.end()
            auditor.close()

    threads = [threading.Thread(target=work, args=(slot,), name=f"wetkit-audit-{n + 1}", daemon=True)
               for n, slot in enumerate(slots)]
    for thread in threads:
        thread.start()
    watchdog = threading.Thread(target=_watch, args=(slots, threads, page_timeout, remote), daemon=True,
                                name="wetkit-audit-watchdog")
    watchdog.start()
    try:
        for thread in threads:
            thread.join()
    except KeyboardInterrupt:  # let each browser finish its page and close, rather than leave it running
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        raise
    watchdog.join()
    if fatal:
        raise fatal[0]
    missing = [urls[i] for i, result in enumerate(results) if result is None]
    if missing:  # cannot happen unless a worker died silently; never return fewer results than pages
        raise RuntimeError(f"{len(missing)} page(s) were not audited: {', '.join(missing[:5])}")
    return results  # type: ignore[return-value]


def _audit_one(auditor: Auditor, url: str, allow: tuple[str, ...], focus_walk: bool) -> PageResult:
    """One page; any error that is not about the browser's existence becomes a finding on the page."""
    try:
        return auditor.audit(url, allow=allow, focus_walk=focus_walk)
    except BrowserNotFound:
        raise
    except Exception as err:  # noqa: BLE001 - reported on the page; the run goes on in a fresh browser
        auditor.close()
        message = f"{type(err).__name__}: {err}".splitlines()[0][:300]
        return PageResult(url, [Problem("load", "audit-error", url, f"the audit of this page failed: {message}")])


class _Slot:
    """What one worker thread is doing, for the watchdog: the browser and since when its current page runs."""

    def __init__(self):
        self.lock = threading.Lock()
        self.driver = None
        self.started: float | None = None
        self.killed = False

    def begin(self, driver) -> None:
        with self.lock:
            self.driver, self.started, self.killed = driver, time.monotonic(), False

    def end(self) -> bool:
        """The page is done; True when the watchdog killed its browser meanwhile."""
        with self.lock:
            killed, self.driver, self.started, self.killed = self.killed, None, None, False
        return killed

    def overdue(self, limit: float):
        """The driver to kill when the current page has run longer than ``limit`` seconds (marks it killed)."""
        with self.lock:
            if self.started is None or self.killed or time.monotonic() - self.started <= limit:
                return None
            self.killed = True
            return self.driver


def _watch(slots: list[_Slot], threads: list[threading.Thread], limit: float, remote_url: str | None) -> None:
    while any(thread.is_alive() for thread in threads):
        for slot in slots:
            driver = slot.overdue(limit)
            if driver is not None:
                kill_browser(driver, remote_url)
        time.sleep(0.5)


def kill_browser(driver, remote_url: str | None = None) -> None:
    """Stop a browser that no longer answers, without asking it (``quit()`` would wait on the hung renderer).

    Local: SIGKILL for chromedriver and every process under it (found through /proc on Linux; elsewhere only
    chromedriver). Remote: DELETE the session on the Grid, which ends the browser on its node. Any WebDriver call
    still waiting on the browser then fails at once.
    """
    service = getattr(driver, "service", None)
    process = getattr(service, "process", None)
    if process is not None and process.poll() is None:
        for pid in [*_descendants(process.pid), process.pid]:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        return
    if remote_url and getattr(driver, "session_id", None):
        request = urllib.request.Request(f"{remote_url.rstrip('/')}/session/{driver.session_id}", method="DELETE")
        with contextlib.suppress(OSError), urllib.request.urlopen(request, timeout=10):
            pass


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid``, deepest last (empty where there is no /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if len(fields) > 1 and fields[1].isdigit():
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found
