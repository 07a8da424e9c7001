"""Audit pages in one reused browser: axe at each width in light and dark mode, reflow at 320 px, text spacing,
duplicate ids, a keyboard focus walk in light, dark and forced-colors mode, console errors.

Colour schemes are emulated through CDP (``prefers-color-scheme`` and ``forced-colors``), never left to the host's
setting. What runs where, and why, is in :meth:`Auditor.audit_current`.

A page that fails to load or hangs is reported as a problem and the browser is restarted, so the audit goes on.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from wetkit.audit.axe import OUT_OF_VIEW, AxeRunner
from wetkit.audit.browser import PAGE_LOAD_TIMEOUT, emulate_scheme, set_viewport, start_browser
from wetkit.audit.checks import (
    Problem,
    check_console,
    check_duplicate_ids,
    check_focus_visible,
    check_reflow,
    check_text_spacing,
    recheck_focus_visible,
)

WIDTHS = (1280, 320)
#: What an audit covers. "full": every check. "presentation": the checks whose outcome a page's stylesheet values can
#: change when its HTML and scripts are those of a page audited in full: a theme variant (a theme only sets custom
#: property values, and no token feeds a property that decides whether an element is rendered: display, visibility,
#: content, opacity, clip, position, overflow; tests/unit/test_presentation_scope.py holds every theme to that).
#: So the rules that read the markup (names, roles, ARIA, labels, landmarks, language, ids) give the same answer as
#: on the page audited in full and are not run again; axe runs the colour rules (``AxeRunner.colour_rules``) and
#: ``PRESENTATION_RULES`` (sizes and scrolling), in light and dark at every width; reflow, text spacing, the focus
#: walks in light, dark and forced colours run as in "full", and the console is read at the end without waiting for
#: late script errors (the scripts are the base page's). Duplicate ids are not checked again.
SCOPES = ("full", "presentation")
PRESENTATION_RULES = ("scrollable-region-focusable", "target-size")
REFLOW_WIDTH = 320
CONSOLE_SETTLE_MS = 1000  # console errors are read no sooner than this long after the page started loading
QUIT_TIMEOUT = 10.0  # seconds a browser may take to quit before it is killed


@dataclass
class PageResult:
    url: str
    problems: list[Problem] = field(default_factory=list)
    needs_review: list[str] = field(default_factory=list)
    # For reports: per axe problem, the node's ``html``, axe's ``summary`` (how to fix) and, with
    # ``Auditor(screenshots=N)``, ``png`` (the element's screenshot); per axe rule seen: help, help_url, tags.
    evidence: dict[Problem, dict] = field(default_factory=dict)
    rules: dict[str, dict] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def report(self, name: str | None = None) -> str:
        label = name or self.url
        return "\n".join(p.describe(label) for p in self.problems)


class Auditor:
    """One browser, reused for every page. Use as a context manager, or call ``close()``."""

    def __init__(self, remote_url: str | None = None, axe_script=None, widths: Iterable[int] = WIDTHS,
                 page_load_timeout: float = PAGE_LOAD_TIMEOUT, screenshots: int = 0, axe_locale: dict | None = None):
        """``screenshots``: at most this many PNG crops of failing axe elements per page (0: none; see
        :func:`capture_element`). ``axe_locale``: an axe-core locale object (``axe-core/locales/fr.json``) for axe's
        messages."""
        self.screenshots = screenshots
        self.axe_locale = axe_locale
        self._rule_tags: dict[str, list[str]] | None = None
        self.remote_url = remote_url
        self.page_load_timeout = page_load_timeout
        self.axe_script = axe_script
        self.widths = tuple(widths)
        self.driver = None
        self.axe: AxeRunner | None = None
        self.pages_audited = 0
        self.style_only_widths = 0  # further widths whose light axe run kept only the layout and colour rules
        self.needs_review: dict[str, list[str]] = {}  # page -> axe results a person must judge

    def __enter__(self) -> Auditor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _ensure_browser(self) -> None:
        if self.driver is None:
            self.driver = start_browser(self.remote_url, self.page_load_timeout)
            self.axe = AxeRunner(self.driver, self.axe_script, locale=self.axe_locale)

    def close(self) -> None:
        """Quit the browser. A renderer stuck in a script loop can keep ``quit()`` waiting for minutes: after
        ``QUIT_TIMEOUT`` seconds the browser is killed instead (``pool.kill_browser``), so the audit goes on."""
        if self.driver is not None:
            from wetkit.audit.pool import kill_browser

            driver, self.driver, self.axe = self.driver, None, None
            quitting = threading.Thread(target=_quietly_quit, args=(driver,), daemon=True, name="wetkit-quit")
            quitting.start()
            quitting.join(QUIT_TIMEOUT)
            if quitting.is_alive():
                kill_browser(driver, self.remote_url)
                quitting.join(QUIT_TIMEOUT)

    def audit(self, url: str, allow: Iterable[str] = (), focus_walk: bool = True, scope: str = "full") -> PageResult:
        """Load ``url`` and run every check of ``scope`` (see ``SCOPES``). ``allow`` lists axe rule ids the page's
        spec excuses (with reasons)."""
        _check_scope(scope)
        from selenium.common.exceptions import TimeoutException, WebDriverException

        self._ensure_browser()
        try:
            check_console(self.driver)  # drain logs left by the previous page
            set_viewport(self.driver, self.widths[0], next_frame=False)
            self.driver.get(url)
            landed = self.driver.execute_script(_LANDED)
        except TimeoutException as err:
            self.close()
            return self._failed(url, "timeout", f"page did not finish loading: {err.msg}")
        except WebDriverException as err:
            self.close()
            return self._failed(url, "browser-error", str(err.msg or err).splitlines()[0])
        if landed["href"].startswith("chrome-error:"):  # Chromium shows its own error page and WebDriver says nothing
            landed = self._error_code_of(landed)
            check_console(self.driver)
            return self._failed(url, "unreachable", f"{url} could not be reached ({landed['error'] or 'no answer'})")
        if landed["status"] >= 400:  # the server's error page is not the page that was asked for
            check_console(self.driver)
            return self._failed(url, "http-error", f"{url} answered HTTP {landed['status']}")
        return self.audit_current(allow, focus_walk, label=url, scope=scope)

    def _error_code_of(self, landed: dict, wait_s: float = 3.0) -> dict:
        """Chromium's error page fills in its ``ERR_…`` code from its own script, which may not have run yet on a
        busy machine when ``get`` returns: ask again for up to ``wait_s`` before calling it "no answer"."""
        deadline = time.monotonic() + wait_s
        while not landed["error"] and time.monotonic() < deadline:
            time.sleep(0.1)
            landed = self.driver.execute_script(_LANDED)
        return landed

    def audit_current(self, allow: Iterable[str] = (), focus_walk: bool = True,
                      label: str | None = None, scope: str = "full") -> PageResult:
        """Every check on the page the browser shows now (a state reached by clicks or a form post).

        At each width: axe with every rule of the suite's tags in light mode, then axe's colour rules only
        (``AxeRunner.colour_rules``: color-contrast, link-in-text-block) in dark mode, the only rules whose outcome a
        colour scheme can change; reflow at 320 px. At the first width, once: text spacing, duplicate ids, and the
        focus walk: Tab through the page in light mode, then the same focus order again in dark and in forced-colors
        mode (see ``recheck_focus_visible``; a Tab walk again if it cannot be replayed).

        Not run in forced-colors mode: axe. Chromium's emulation does force the computed colours (text, backgrounds,
        borders take the system palette), but the canvas behind the page keeps a transparent computed background, so
        axe measures forced text against an assumed white: it misses a ``forced-color-adjust: none`` box whose
        author colours sit on a black canvas, and the forced pairs themselves are the user's chosen palette. Measured
        in 4.14: no finding in forced colours that the light pass lacks. So forced colours get the focus walk, where
        they really remove things (box-shadows, background changes).

        At a further width, when the document and the set of elements rendered are exactly as they were at the
        first (``_RENDERED``: the whole markup, and per element whether it is rendered, has a box, sits off-screen or
        is clipped), the light axe run keeps only the rules that read layout and colour (those of the "presentation"
        scope): every other rule of the suite reads the markup and what is rendered, which did not change. A page
        whose width hides, shows or rewrites anything gets every rule again. ``style_only_widths`` counts them.

        ``scope="presentation"`` narrows the light-mode axe runs and drops the duplicate-id check (see ``SCOPES``).

        Each problem carries its ``width`` and ``scheme``. The focus walk moves focus; a flow test that needs its
        focus state should assert it before auditing. The browser is left at the first width, in light mode.
        """
        from selenium.common.exceptions import TimeoutException, WebDriverException

        _check_scope(scope)
        self._ensure_browser()
        driver = self.driver
        result = PageResult(label or driver.current_url)
        allowed = set(allow)
        self.pages_audited += 1
        try:
            self.axe.inject()
            first, *others = self.widths
            # Ordered so the browser switches scheme once per width: each switch restyles the page (~10-40 ms).
            emulate_scheme(driver, "light")
            set_viewport(driver, first)
            style_rules = self.axe.colour_rules + PRESENTATION_RULES
            light_rules = None if scope == "full" else style_rules
            self._light_at(first, result, allowed, light_rules)
            signature = driver.execute_script(_RENDERED) if light_rules is None else None
            result.problems += [_at(p, first) for p in check_text_spacing(driver)]
            if scope == "full":
                result.problems += check_duplicate_ids(driver)
            walks = ("forced-colors", "dark") if focus_walk else ()
            if walks:
                result.problems += self._focus_walks(first, walks)
            if walks[-1:] != ("dark",):
                emulate_scheme(driver, "dark")
            scheme = "dark"
            self._axe_at(first, result, allowed, scheme="dark", rules=self.axe.colour_rules)
            for width in others:  # the scheme in force first, then the other one
                set_viewport(driver, width)
                for current in (scheme, "light" if scheme == "dark" else "dark"):
                    if current != scheme:
                        emulate_scheme(driver, current)
                        scheme = current
                    if current == "light":
                        rules = light_rules
                        if signature is not None and driver.execute_script(_RENDERED) == signature:
                            rules = style_rules  # same markup, same elements rendered: see audit_current
                            self.style_only_widths += 1
                        self._light_at(width, result, allowed, rules)
                    else:
                        self._axe_at(width, result, allowed, scheme="dark", rules=self.axe.colour_rules)
            if scheme != "light":
                emulate_scheme(driver, "light")
            if others:
                set_viewport(driver, first)
            # A stylesheet's failures (a 404, a CSP refusal) are logged while the page loads; errors a script throws
            # later are the base page's, which waits for them.
            result.problems += check_console(driver, CONSOLE_SETTLE_MS if scope == "full" else 0)
            if result.needs_review:
                self.needs_review[result.url] = list(result.needs_review)
        except TimeoutException as err:
            result.problems.append(Problem("load", "timeout", result.url, f"script did not finish: {err.msg}"))
            self.close()
        except WebDriverException as err:
            result.problems.append(Problem("load", "browser-error", result.url, str(err.msg or err).splitlines()[0]))
            self.close()
        return result

    def _light_at(self, width: int, result: PageResult, allowed: set[str],
                  rules: tuple[str, ...] | None = None) -> None:
        """Light mode at ``width``: axe with every rule of the suite's tags (or only ``rules``), and reflow at a
        narrow width."""
        self._axe_at(width, result, allowed, rules=rules)
        if width <= REFLOW_WIDTH:
            result.problems += check_reflow(self.driver, width)

    def _focus_walks(self, width: int, schemes: tuple[str, ...] = ("forced-colors", "dark")) -> list[Problem]:
        """Tab through the page in light mode, then check the same focus order in each of ``schemes``: forced-colors
        mode removes box-shadows and background changes, and in dark mode a focus ring drawn in a token colour can
        vanish. The browser is left in the last scheme."""
        found = [_at(p, width, "light") for p in check_focus_visible(self.driver)]
        for scheme in schemes:
            emulate_scheme(self.driver, scheme)
            again = recheck_focus_visible(self.driver)
            if again is None:  # the order could not be replayed by script focus: press Tab again
                again = check_focus_visible(self.driver)
            found += [_at(p, width, scheme) for p in again]
        return found

    def _failed(self, url: str, rule: str, message: str) -> PageResult:
        self.pages_audited += 1
        return PageResult(url, [Problem("load", rule, url, message)])

    def _axe_at(self, width: int, result: PageResult, allowed: set[str], scheme: str = "light",
                rules: tuple[str, ...] | None = None) -> None:
        """axe in the page as it is now (``width`` and ``scheme`` are what the browser emulates): every violation, of
        any impact, is a problem unless its rule is ``allowed``; so is an incomplete result whose check threw."""
        found = self._judged_in_view(self.axe.run(rules=rules))
        where = f"{width}px" + ("" if scheme == "light" else f" in {scheme} mode")
        self._note_rules(found, result)
        for rule in found["violations"]:
            if rule["id"] in allowed:
                continue
            for node in rule["nodes"]:
                result.problems.append(Problem(
                    "axe", rule["id"], " ".join(map(str, node["target"])),
                    f"{rule['help']} ({rule['impact']}): {node['html'][:160]}", rule["helpUrl"], width, scheme,
                ))
                self._keep_evidence(result, node)
        for rule in found["incomplete"]:
            for node in rule["nodes"]:
                target = " ".join(map(str, node["target"]))
                if node["errors"]:
                    result.problems.append(Problem(
                        "axe-error", rule["id"], target, "; ".join(node["errors"]), rule["helpUrl"], width, scheme))
                else:
                    result.needs_review.append(f"{rule['id']} at {where}: {target}")

    def _judged_in_view(self, found: dict) -> dict:
        """axe leaves an element's contrast undecided when it is out of view: a cell scrolled out of its table's
        scroll region, say (``OUT_OF_VIEW``). A person can scroll to it, so the audit does too: such elements are
        judged again scrolled into view (:meth:`AxeRunner.judge_in_view`); what axe then decides replaces the
        undecided result, violations included. Elements it still cannot judge stay "needs review"."""
        for rule in found["incomplete"]:
            waiting = [node for node in rule["nodes"] if _out_of_view(node)]
            if not waiting:
                continue
            again = self.axe.judge_in_view(rule["id"], [node["target"][0] for node in waiting])
            rule["nodes"] = [node for node in rule["nodes"] if node not in waiting] + again["incomplete"]
            if again["violations"]:
                found["violations"].append({**rule, "impact": again["impact"], "nodes": again["violations"]})
        found["incomplete"] = [rule for rule in found["incomplete"] if rule["nodes"]]
        return found

    def _note_rules(self, found: dict, result: PageResult) -> None:
        """What reports show about each rule seen: its help text and URL, and its tags (``wcag143`` -> WCAG 1.4.3),
        read once per browser from ``axe.getRules()``."""
        if self._rule_tags is None:
            self._rule_tags = self.driver.execute_script(
                "var out = {}; axe.getRules().forEach(function (r) { out[r.ruleId] = r.tags; }); return out;") or {}
        for rule in found["violations"] + found["incomplete"]:
            result.rules.setdefault(rule["id"], {"help": rule["help"], "help_url": rule["helpUrl"],
                                                 "tags": list(self._rule_tags.get(rule["id"], []))})

    def _keep_evidence(self, result: PageResult, node: dict) -> None:
        """The failing node's HTML and axe's fix summary; a screenshot while the page's budget lasts."""
        evidence = {"html": node["html"], "summary": node.get("summary", "")}
        result.evidence[result.problems[-1]] = evidence
        taken = sum(1 for item in result.evidence.values() if "png" in item)
        if taken < self.screenshots:
            png = capture_element(self.driver, node["target"])
            if png:
                evidence["png"] = png


# Where a load ended: Chromium's error page (its URL is chrome-error://, its code in .error-code) or the HTTP status.
_LANDED = """
var nav = performance.getEntriesByType("navigation")[0], code = document.querySelector(".error-code");
var error = code ? code.textContent.trim().replace(/^net::/, "") : "";
if (!error && location.href.indexOf("chrome-error:") === 0) {
  error = (document.documentElement.outerHTML.match(/ERR_[A-Z_]+/) || [""])[0];
}
return {href: location.href, status: (nav && nav.responseStatus) || 0, error: error};
"""
# A digest of the document as the markup rules see it: its whole markup, and for every element whether it is rendered
# (checkVisibility with opacity and visibility), has an empty box, lies off-screen to the top or start, or is clipped.
_RENDERED = """
var parts = [document.documentElement.outerHTML];
document.querySelectorAll("*").forEach(function (el) {
  var r = el.getBoundingClientRect(), cs = getComputedStyle(el);
  parts.push((el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) ? "v" : "h") +
    (r.width && r.height ? "b" : "e") + (r.right + scrollX <= 0 || r.bottom + scrollY <= 0 ? "o" : "i") +
    (cs.clip !== "auto" || cs.clipPath !== "none" ? "c" : "u"));
});
var text = parts.join("|"), hash = 2166136261;
for (var i = 0; i < text.length; i++) { hash ^= text.charCodeAt(i); hash = Math.imul(hash, 16777619) >>> 0; }
return text.length + ":" + hash;
"""
MAX_SHOT_CSS_PX = (640, 400)  # a crop larger than this is scaled down (CDP) or, without CDP, not taken
MAX_SHOT_BYTES = 120_000

_LOCATE = """
var el = document.querySelector(arguments[0]);
if (!el) return null;
el.scrollIntoView({block: "center", inline: "nearest"});
var r = el.getBoundingClientRect();
return {x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height};
"""


def capture_element(driver, target) -> bytes | None:
    """A PNG of the element axe names by ``target`` (a top-document CSS selector; none for frames or shadow DOM),
    with a little margin, as the page looks now (width, colour scheme). A box larger than ``MAX_SHOT_CSS_PX`` is cut
    to that height and scaled to that width through CDP ``Page.captureScreenshot``; without CDP (some remote
    drivers) WebDriver's element screenshot is used. None when the element has no box, or the PNG would exceed
    ``MAX_SHOT_BYTES``. Never raises: a report without a picture is better than no report."""
    import base64

    if len(target) != 1 or not isinstance(target[0], str):
        return None
    try:
        box = driver.execute_script(_LOCATE, target[0])
        if not box or box["width"] < 1 or box["height"] < 1:
            return None
        if hasattr(driver, "execute_cdp_cmd"):
            max_width, max_height = MAX_SHOT_CSS_PX
            x, y = max(box["x"] - 4, 0), max(box["y"] - 4, 0)
            width, height = box["width"] + 8, min(box["height"] + 8, max_height)
            clip = {"x": x, "y": y, "width": width, "height": height, "scale": min(1.0, max_width / width)}
            shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "clip": clip})
            png = base64.b64decode(shot["data"])
        else:
            from selenium.webdriver.common.by import By

            if box["width"] > MAX_SHOT_CSS_PX[0] or box["height"] > MAX_SHOT_CSS_PX[1]:
                return None
            png = driver.find_element(By.CSS_SELECTOR, target[0]).screenshot_as_png
        driver.execute_script("window.scrollTo(0, 0);")
    except Exception:  # noqa: BLE001 - evidence is best effort
        return None
    return png if len(png) <= MAX_SHOT_BYTES else None


def _quietly_quit(driver) -> None:
    with contextlib.suppress(Exception):  # a wedged browser may refuse to quit; it is killed or gone either way
        driver.quit()


def _check_scope(scope: str) -> None:
    if scope not in SCOPES:
        raise ValueError(f"unknown audit scope {scope!r}: use one of {', '.join(SCOPES)}")


def _out_of_view(node: dict) -> bool:
    """An undecided axe node that scrolling can settle: no check threw, axe said it was out of view, and its target
    is one selector in the top document."""
    target = node["target"]
    return (not node["errors"] and bool(OUT_OF_VIEW & set(node.get("reasons", ())))
            and len(target) == 1 and isinstance(target[0], str))


def _at(problem: Problem, width: int, scheme: str | None = None) -> Problem:
    return replace(problem, width=width, scheme=scheme or problem.scheme)
