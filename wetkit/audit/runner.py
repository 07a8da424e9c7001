"""Audit pages in one reused browser: axe at each width, reflow at 320 px, keyboard focus walk, console errors.

A page that fails to load or hangs is reported as a problem and the browser is restarted, so the audit goes on.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from wetkit.audit.axe import AxeRunner
from wetkit.audit.browser import PAGE_LOAD_TIMEOUT, set_viewport, start_browser
from wetkit.audit.checks import (
    Problem,
    check_console,
    check_focus_visible,
    check_reflow,
    check_text_spacing,
    emulate_forced_colors,
)

WIDTHS = (1280, 320)
REFLOW_WIDTH = 320


@dataclass
class PageResult:
    url: str
    problems: list[Problem] = field(default_factory=list)
    needs_review: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def report(self, name: str | None = None) -> str:
        label = name or self.url
        return "\n".join(p.describe(label) for p in self.problems)


class Auditor:
    """One browser, reused for every page. Use as a context manager, or call ``close()``."""

    def __init__(self, remote_url: str | None = None, axe_script=None, widths: Iterable[int] = WIDTHS,
                 page_load_timeout: float = PAGE_LOAD_TIMEOUT):
        self.remote_url = remote_url
        self.page_load_timeout = page_load_timeout
        self.axe_script = axe_script
        self.widths = tuple(widths)
        self.driver = None
        self.axe: AxeRunner | None = None
        self.pages_audited = 0
        self.needs_review: dict[str, list[str]] = {}  # page -> axe results a person must judge

    def __enter__(self) -> Auditor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _ensure_browser(self) -> None:
        if self.driver is None:
            self.driver = start_browser(self.remote_url, self.page_load_timeout)
            self.axe = AxeRunner(self.driver, self.axe_script)

    def close(self) -> None:
        if self.driver is not None:
            with contextlib.suppress(Exception):  # a wedged browser may refuse to quit; it is gone either way
                self.driver.quit()
            self.driver = None
            self.axe = None

    def audit(self, url: str, allow: Iterable[str] = (), focus_walk: bool = True) -> PageResult:
        """Load ``url`` and run every check. ``allow`` lists axe rule ids the page's spec excuses (with reasons)."""
        from selenium.common.exceptions import TimeoutException, WebDriverException

        self._ensure_browser()
        try:
            check_console(self.driver)  # drain logs left by the previous page
            set_viewport(self.driver, self.widths[0])
            self.driver.get(url)
        except TimeoutException as err:
            self.close()
            return self._failed(url, "timeout", f"page did not finish loading: {err.msg}")
        except WebDriverException as err:
            self.close()
            return self._failed(url, "browser-error", str(err.msg or err).splitlines()[0])
        return self.audit_current(allow, focus_walk, label=url)

    def audit_current(self, allow: Iterable[str] = (), focus_walk: bool = True,
                      label: str | None = None) -> PageResult:
        """Every check on the page the browser shows now (a state reached by clicks or a form post).

        The focus walk moves focus; a flow test that needs its focus state should assert it before auditing.
        """
        from selenium.common.exceptions import TimeoutException, WebDriverException

        self._ensure_browser()
        driver = self.driver
        result = PageResult(label or driver.current_url)
        allowed = set(allow)
        self.pages_audited += 1
        try:
            self.axe.inject()
            for index, width in enumerate(self.widths):
                set_viewport(driver, width)
                self._axe_at(width, result, allowed)
                if width <= REFLOW_WIDTH:
                    result.problems += check_reflow(driver, width)
                if index == 0:
                    result.problems += [_at(p, width) for p in check_text_spacing(driver)]
                    if focus_walk:
                        result.problems += [_at(p, width) for p in check_focus_visible(driver)]
                        result.problems += self._forced_colors_focus(width)
            set_viewport(driver, self.widths[0])
            result.problems += check_console(driver)
            if result.needs_review:
                self.needs_review[result.url] = list(result.needs_review)
        except TimeoutException as err:
            result.problems.append(Problem("load", "timeout", result.url, f"script did not finish: {err.msg}"))
            self.close()
        except WebDriverException as err:
            result.problems.append(Problem("load", "browser-error", result.url, str(err.msg or err).splitlines()[0]))
            self.close()
        return result

    def _forced_colors_focus(self, width: int) -> list[Problem]:
        """The focus walk again in forced-colors mode, where box-shadows and backgrounds are overridden."""
        emulate_forced_colors(self.driver, True)
        try:
            found = check_focus_visible(self.driver)
        finally:
            emulate_forced_colors(self.driver, False)
        return [Problem("forced-colors", p.rule, p.target, p.message + " in forced-colors mode", p.help_url, width)
                for p in found]

    def _failed(self, url: str, rule: str, message: str) -> PageResult:
        self.pages_audited += 1
        return PageResult(url, [Problem("load", rule, url, message)])

    def _axe_at(self, width: int, result: PageResult, allowed: set[str]) -> None:
        found = self.axe.run()
        for rule in found["violations"]:
            if rule["id"] in allowed:
                continue
            for node in rule["nodes"]:
                result.problems.append(Problem(
                    "axe", rule["id"], " ".join(map(str, node["target"])),
                    f"{rule['help']} ({rule['impact']}): {node['html'][:160]}", rule["helpUrl"], width,
                ))
        for rule in found["incomplete"]:
            for node in rule["nodes"]:
                target = " ".join(map(str, node["target"]))
                if node["errors"]:
                    result.problems.append(Problem(
                        "axe-error", rule["id"], target, "; ".join(node["errors"]), rule["helpUrl"], width))
                else:
                    result.needs_review.append(f"{rule['id']} at {width}px: {target}")


def _at(problem: Problem, width: int) -> Problem:
    return Problem(problem.check, problem.rule, problem.target, problem.message, problem.help_url, width)
