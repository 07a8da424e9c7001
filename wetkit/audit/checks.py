"""Checks beyond axe, run in the page: reflow at 320 px, text spacing, duplicate ids, visible focus on a real
keyboard walk (then again in dark and forced-colors mode), console errors.

Each check returns a list of :class:`Problem`; an empty list means the page passed. No check turns a failure of its
own into a pass: an error while checking is raised (the runner reports it on the page), and a check that cannot run
in this browser says so as a problem.
"""

from __future__ import annotations

from dataclasses import dataclass

from wetkit.audit.browser import emulate_scheme

SCHEME_NAMES = {"dark": "dark mode", "forced-colors": "forced-colors mode"}


@dataclass(frozen=True)
class Problem:
    """One barrier found on one page: what kind, which rule, which element, and where to read more.

    ``width`` (CSS px) and ``scheme`` (``light``, ``dark`` or ``forced-colors``) say where it was found, for the checks
    that run at several widths or in several colour schemes; None for the others.
    """

    check: str  # axe | axe-error | reflow | text-spacing | ids | focus | console | load
    rule: str
    target: str
    message: str
    help_url: str = ""
    width: int | None = None
    scheme: str | None = None

    def describe(self, page: str) -> str:
        at = f" at {self.width}px" if self.width else ""
        if self.scheme and self.scheme != "light":  # light is the default; said only when it is not
            at += " in " + SCHEME_NAMES.get(self.scheme, self.scheme)
        url = f"\n      help: {self.help_url}" if self.help_url else ""
        return f"{page}{at}: [{self.check}] {self.rule}: {self.target}\n      {self.message}{url}"


_NAME = """
function nameOf(el) {
  return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : "");
}
"""

_OVERFLOW = _NAME + """
var root = document.documentElement, limit = root.clientWidth;
if (root.scrollWidth <= limit) return [];
var wide = [];
document.querySelectorAll("body *").forEach(function (el) {
  var rect = el.getBoundingClientRect();
  if (rect.right > limit + 1 && rect.width > 0) {
    wide.push(nameOf(el) + " (right edge " + Math.round(rect.right) + "px)");
  }
});
return [root.scrollWidth, limit].concat(wide.slice(0, 5));
"""


def check_reflow(driver, width: int) -> list[Problem]:
    """WCAG 1.4.10: no horizontal scrolling at ``width`` CSS px."""
    found = driver.execute_script(_OVERFLOW)
    if not found:
        return []
    scroll, limit, *wide = found
    return [Problem("reflow", "horizontal-scroll", ", ".join(wide) or "document",
                    f"page is {scroll}px wide in a {limit}px viewport (WCAG 1.4.10 Reflow)", width=width)]


# The computed-style properties that can show focus, compared focused and unfocused.
_STYLE_SNAPSHOT = """
// What a sighted user can see change: properties only count when they draw something (a transparent outline,
// border or shadow draws nothing, except in forced colours, where the browser gives it a system colour).
var COLOUR = /(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\\([^)]*\\)/g;
function clear(colour) {  // fully transparent: rgba(0, 0, 0, 0), or an alpha of 0 after "/" or as a 4th value
  var inner = colour.slice(colour.indexOf("(") + 1, -1).trim();
  var alpha = inner.indexOf("/") >= 0 ? inner.split("/")[1] : (/^rgba|^hsla/.test(colour) ? inner.split(",")[3] : null);
  return alpha != null && parseFloat(alpha) === 0;
}
function drawn(colour) { return colour !== "transparent" && !clear(colour); }
function paint(cs) {
  var out = {};
  out.outline = cs.outlineStyle === "none" || parseFloat(cs.outlineWidth) === 0 || !drawn(cs.outlineColor) ? "none"
    : [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.outlineOffset].join(" ");
  var shadowColours = cs.boxShadow.match(COLOUR) || [];
  out.shadow = cs.boxShadow === "none" || (shadowColours.length && !shadowColours.some(drawn)) ? "none" : cs.boxShadow;
  out.background = (drawn(cs.backgroundColor) ? cs.backgroundColor : "transparent") + " " + cs.backgroundImage;
  out.color = cs.color;
  out.border = ["Top", "Right", "Bottom", "Left"].map(function (side) {
    var width = parseFloat(cs["border" + side + "Width"]), colour = cs["border" + side + "Color"];
    return width && cs["border" + side + "Style"] !== "none" && drawn(colour) ? width + " " + colour : "0";
  }).join("|");
  out.decoration = cs.textDecorationLine === "none" ? "none" : cs.textDecorationLine + " " + cs.textDecorationThickness;
  return out;
}
function snapshot(el) {
  var out = paint(getComputedStyle(el));
  var r = el.getBoundingClientRect();
  out.box = [Math.round(r.width), Math.round(r.height)].join("x");
  ["::before", "::after"].forEach(function (pseudo) {
    var cs = getComputedStyle(el, pseudo);
    if (cs.content === "none" || cs.content === "normal") { out[pseudo] = "none"; return; }
    var p = paint(cs);
    out[pseudo] = [p.outline, p.shadow, p.background, p.border].join("/");
  });
  return out;
}
function differs(a, b) { return Object.keys(b).some(function (k) { return a[k] !== b[k]; }); }
function onScreen(el) { var r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; }
function describe(el) {
  var name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "");
  var text = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().replace(/\\s+/g, " ");
  return name + (text ? " \\"" + text.slice(0, 40) + "\\"" : "");
}
function blurActive() {
  if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
}
"""

# Before the walk: how every likely focus target looks unfocused. An element the selector misses (a scroll
# container Chromium makes focusable, a control a script adds during the walk) is compared once focus has left it.
_COLLECT = _STYLE_SNAPSHOT + """
blurActive();
// Put the sequential focus starting point at the top of the page, so the first Tab reaches the first element.
var start = document.createElement("span");
start.tabIndex = -1;
document.body.insertBefore(start, document.body.firstChild);
start.focus({preventScroll: true});
start.remove();
var walk = window.__wetkitWalk = {unfocused: new Map(), seen: new Set(), order: [], visible: [], pending: null,
                                  results: [], done: false};
var selector = "a[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]";
document.querySelectorAll(selector).forEach(function (el) { walk.unfocused.set(el, snapshot(el)); });
return walk.unfocused.size;
"""

# The walk's bookkeeping, shared by the batched walk (a focus listener) and the step-by-step one (a script after each
# press): record the element now focused against its unfocused look; the element focused before it, if it had no
# unfocused look, is compared now that focus has left it. Returns false once the walk is over (focus came back).
_RECORD = """
function settle(walk) {
  var p = walk.pending;
  if (!p) return;
  walk.pending = null;
  // an element removed once it lost focus cannot be shown to have changed
  walk.results.push({name: p.name, changed: p.el.isConnected && differs(snapshot(p.el), p.focused),
                     onScreen: p.onScreen});
}
function record(walk, el) {
  if (walk.done) return false;
  if (!el || el === document.body || el === document.documentElement || walk.seen.has(el)) {
    walk.done = true;
    settle(walk);
    return false;
  }
  walk.seen.add(el);
  walk.order.push(el);
  walk.visible.push(el.matches(":focus-visible"));
  var now = snapshot(el), before = walk.unfocused.get(el), shown = onScreen(el);
  settle(walk);
  if (before) walk.results.push({name: describe(el), changed: differs(before, now), onScreen: shown});
  else walk.pending = {el: el, name: describe(el), focused: now, onScreen: shown};
  return true;
}
function taken(walk) { var out = walk.results; walk.results = []; return out; }
"""

# After each Tab press of the step-by-step walk. Returns {done, results}.
_STEP = _STYLE_SNAPSHOT + _RECORD + """
var walk = window.__wetkitWalk;
var going = record(walk, document.activeElement);
if (!going) blurActive();
return {done: !going, results: taken(walk)};
"""

# The batched walk: a listener records each focus as it happens, so many Tab presses can go in one WebDriver request.
# It listens in the bubble phase on window, so the page's own focus handlers (which may restyle the element, or move
# focus on: a focus guard) have run; an element that is no longer focused when its event reaches window was passed
# through, not stopped on, as a step-by-step walk would see it. A handler that stops the event's propagation hides
# a focus from the listener: the capture-phase count then differs from the bubble-phase one, the walk is "blind",
# and the caller walks again step by step.
_LISTEN = _STYLE_SNAPSHOT + _RECORD + """
var walk = window.__wetkitWalk;
walk.captured = 0;
walk.bubbled = 0;
walk.onCapture = function () { walk.captured += 1; };
walk.onBubble = function (event) {
  walk.bubbled += 1;
  if (event.target === document.activeElement) record(walk, event.target);
};
window.addEventListener("focusin", walk.onCapture, true);
window.addEventListener("focusin", walk.onBubble, false);
"""

# After a batch of presses: {done, blind, results}. Focus on nothing (it left the page) ends the walk, as it does
# step by step; ``finish`` (the last batch) removes the listeners.
_POLL = _STYLE_SNAPSHOT + _RECORD + """
var walk = window.__wetkitWalk, finish = arguments[0];
var blind = walk.captured !== walk.bubbled;
var active = document.activeElement;
if (!blind && !walk.done && (!active || active === document.body || active === document.documentElement)) {
  record(walk, active);
}
if (finish || walk.done || blind) {
  window.removeEventListener("focusin", walk.onCapture, true);
  window.removeEventListener("focusin", walk.onBubble, false);
}
return {done: walk.done, blind: blind, results: taken(walk)};
"""

_FINISH = _STYLE_SNAPSHOT + _RECORD + """
var walk = window.__wetkitWalk;
blurActive();
if (walk) settle(walk);
return walk ? taken(walk) : [];
"""

# The last keyboard walk again, by script focus, in the colour scheme emulated now. Null when it cannot reproduce
# the keyboard walk exactly (an element gone, focus moved elsewhere, a different :focus-visible state).
_REPLAY = _STYLE_SNAPSHOT + """
var walk = window.__wetkitWalk;
if (!walk || walk.pending) return null;
blurActive();
if (!walk.order.every(function (el) { return el.isConnected; })) return null;
var before = walk.order.map(snapshot), results = [];
for (var i = 0; i < walk.order.length; i++) {
  var el = walk.order[i];
  el.focus();
  if (document.activeElement !== el || el.matches(":focus-visible") !== walk.visible[i]) { blurActive(); return null; }
  results.push({name: describe(el), changed: differs(before[i], snapshot(el)), onScreen: onScreen(el)});
}
blurActive();
return results;
"""


def _focus_problems(states: list[dict]) -> list[Problem]:
    problems = []
    for state in states:
        if not state["onScreen"]:
            problems.append(Problem("focus", "focus-not-visible", state["name"],
                                    "takes keyboard focus but has no size on screen (WCAG 2.4.7, 2.4.11)"))
        elif not state["changed"]:
            problems.append(Problem("focus", "focus-not-visible", state["name"],
                                    "looks the same focused and unfocused (WCAG 2.4.7 Focus Visible)"))
    return problems


def check_focus_visible(driver, limit: int = 500) -> list[Problem]:
    """Press Tab through the page; every element that takes focus must look different when focused. The walk stops
    when focus leaves the page or comes back to an element it has visited; a page with more than ``limit`` focus
    stops is reported (``focus-walk-incomplete``) rather than passed unchecked.

    Each element is compared with how it looked before the walk; one that was not there (or not a likely focus
    target) then is compared with how it looks after focus has moved on, never taken as changed. The order the walk
    took is kept in the page for :func:`recheck_focus_visible`.

    The presses go in batches (one WebDriver request each; a focus listener records each stop, see ``_LISTEN``), the
    first as long as the page has likely focus targets. Where the listener cannot see every focus (a page handler
    stops the event), the page is walked again one press at a time, reading the focus after each.
    """
    count = driver.execute_script(_COLLECT)
    driver.execute_script(_LISTEN)
    states: list[dict] = []
    pressed, batch = 0, count + 2
    while True:
        presses = min(batch, limit - pressed)
        _press_tab(driver, presses)
        pressed += presses
        step = driver.execute_script(_POLL, pressed >= limit)
        if step["blind"]:
            driver.execute_script(_FINISH)
            return _focus_walk_step_by_step(driver, limit)
        states += step["results"]
        if step["done"]:
            driver.execute_script("document.activeElement && document.activeElement.blur();")
            return _focus_problems(states)
        if pressed >= limit:
            return _incomplete_walk(driver, states, limit)
        batch = 8


def _press_tab(driver, times: int) -> None:
    """``times`` Tab presses, sent as one WebDriver actions request."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    ActionChains(driver).send_keys(Keys.TAB * times).perform()


def _focus_walk_step_by_step(driver, limit: int) -> list[Problem]:
    """:func:`check_focus_visible` reading the focus after every press (for pages the focus listener cannot follow)."""
    driver.execute_script(_COLLECT)
    states: list[dict] = []
    for _ in range(limit):
        _press_tab(driver, 1)
        step = driver.execute_script(_STEP)
        states += step["results"]
        if step["done"]:
            return _focus_problems(states)
    return _incomplete_walk(driver, states, limit)


def _incomplete_walk(driver, states: list[dict], limit: int) -> list[Problem]:
    states = states + driver.execute_script(_FINISH)
    return _focus_problems(states) + [Problem(
        "focus", "focus-walk-incomplete", "document",
        f"the Tab walk stopped after {limit} focus stops, so the rest of the page was not checked")]


def recheck_focus_visible(driver) -> list[Problem] | None:
    """The last :func:`check_focus_visible` walk again in the colour scheme emulated now, in one script: each element
    it reached is focused by script, in the same order, and compared with how it looks unfocused in this scheme.

    A script ``focus()`` gives the same ``:focus``/``:focus-visible`` state as the Tab press did (both are checked),
    so the styles compared are the ones a keyboard user sees, at a fraction of the cost of pressing Tab again. None
    when the walk cannot be reproduced that way; the caller then walks with Tab again.
    """
    states = driver.execute_script(_REPLAY)
    return None if states is None else _focus_problems(states)


# Settling before the log is read: wait until ``arguments[0]`` ms after the page started loading, then let every
# timer already due run (a timer fires in due order, so one queued now runs after them).
_SETTLE = """
var done = arguments[arguments.length - 1];
setTimeout(function () { setTimeout(function () { done(true); }, 0); },
           Math.max(0, arguments[0] - performance.now()));
"""


def check_console(driver, settle_ms: float = 0) -> list[Problem]:
    """Errors the page logged (scripts, failed loads, Content-Security-Policy violations, uncaught errors).

    With ``settle_ms``, first waits until that long after the page started loading, so an error thrown by a timer in
    that window is caught however fast the rest of the audit was; reading the log also empties it.

    A WebDriver that cannot give the browser log (no ``get_log``, or the endpoint unknown to it) is reported as a
    ``console-unavailable`` problem, never as a pass; any other error is raised.
    """
    from selenium.common.exceptions import UnknownMethodException, WebDriverException

    if settle_ms:
        driver.execute_async_script(_SETTLE, settle_ms)
    get_log = getattr(driver, "get_log", None)
    try:
        if get_log is None:
            raise UnknownMethodException(f"{type(driver).__name__} has no get_log")
        entries = get_log("browser")
    except WebDriverException as err:
        message = str(err.msg or err)
        if not isinstance(err, UnknownMethodException) and "unknown command" not in message.lower():
            raise
        return [Problem("console", "console-unavailable", "browser log",
                        "this WebDriver does not give the browser log, so console errors and Content-Security-Policy "
                        f"violations were not checked ({message.splitlines()[0][:160]})")]
    return [
        Problem("console", "console-error", entry.get("source", "console"), entry.get("message", ""))
        for entry in entries
        if entry.get("level") == "SEVERE"
    ]


# WCAG 1.4.12 Text Spacing: the user's own spacing, applied through a constructed stylesheet (allowed under CSP).
_TEXT_SPACING = _NAME + """
var sheet = new CSSStyleSheet();
sheet.replaceSync("* { line-height: 1.5 !important; letter-spacing: 0.12em !important;" +
  " word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }");
document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
var clipped = [];
document.querySelectorAll("body *").forEach(function (el) {
  var cs = getComputedStyle(el);
  if (!/(hidden|clip)/.test(cs.overflowX + cs.overflowY)) return;
  if (el.clientWidth <= 1 || el.clientHeight <= 1) return;  // visually-hidden text is meant to be clipped
  if (!(el.textContent || "").trim()) return;
  if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) clipped.push(nameOf(el));
});
document.adoptedStyleSheets = document.adoptedStyleSheets.filter(function (s) { return s !== sheet; });
return clipped.slice(0, 5);
"""


def check_text_spacing(driver) -> list[Problem]:
    """WCAG 1.4.12: with wider line, letter, word and paragraph spacing, no text is cut off."""
    clipped = driver.execute_script(_TEXT_SPACING)
    return [Problem("text-spacing", "text-clipped", target,
                    "text is cut off when the user increases text spacing (WCAG 1.4.12)") for target in clipped]


# Ids used by more than one element. axe 4.14 has no rule that fails them: duplicate-id is deprecated and in none of
# the suite's tags, and duplicate-id-aria (ids that ARIA attributes or <label for> point at) only asks for a review
# ("reviewOnFail"), which would leave the page passing. An accessible name or description, a label, a fragment link,
# headers, list, form, popovertarget and scripts all reach only the first element with the id.
_DUPLICATE_IDS = """
var REFS = ["aria-activedescendant", "aria-controls", "aria-describedby", "aria-details", "aria-errormessage",
            "aria-flowto", "aria-labelledby", "aria-owns", "headers", "list", "form", "popovertarget", "commandfor"];
var counts = new Map(), uses = new Map();
function use(id, how) {
  if (!uses.has(id)) uses.set(id, []);
  if (uses.get(id).indexOf(how) < 0) uses.get(id).push(how);
}
document.querySelectorAll("*").forEach(function (el) {
  if (el.id) counts.set(el.id, (counts.get(el.id) || 0) + 1);
  REFS.forEach(function (attr) {
    (el.getAttribute(attr) || "").split(/\\s+/).forEach(function (id) { if (id) use(id, attr); });
  });
  if (el.tagName === "LABEL" && el.hasAttribute("for")) use(el.getAttribute("for"), "label for");
  var href = el.getAttribute("href");
  if (href && href.charAt(0) === "#" && href.length > 1) {
    var target = href.slice(1);
    try { target = decodeURIComponent(target); } catch (e) { /* not percent-encoded: the raw text is the id */ }
    use(target, "href");
  }
});
var found = [];
counts.forEach(function (n, id) { if (n > 1) found.push([id, n, uses.get(id) || []]); });
return found;
"""


def check_duplicate_ids(driver) -> list[Problem]:
    """No id on more than one element; the message names the attributes that point at it."""
    problems = []
    for ident, count, uses in driver.execute_script(_DUPLICATE_IDS):
        used = f"; {', '.join(uses)} pointing at it reach only the first" if uses else ""
        problems.append(Problem("ids", "duplicate-id", f"#{ident}",
                                f"{count} elements have this id{used} (ids must be unique)"))
    return problems


def emulate_forced_colors(driver, active: bool) -> None:
    """Windows High Contrast-style rendering (``forced-colors: active``) through CDP; kept for callers of the old
    name, see :func:`wetkit.audit.browser.emulate_scheme`."""
    emulate_scheme(driver, "forced-colors" if active else "light")
