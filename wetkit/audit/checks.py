"""Checks beyond axe, run in the page: reflow at 320 px, text spacing, visible focus on a real keyboard walk (also
in forced-colors mode), console errors.

Each check returns a list of :class:`Problem`; an empty list means the page passed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One barrier found on one page: what kind, which rule, which element, and where to read more."""

    check: str  # axe | axe-error | reflow | text-spacing | focus | forced-colors | console | load
    rule: str
    target: str
    message: str
    help_url: str = ""
    width: int | None = None

    def describe(self, page: str) -> str:
        at = f" at {self.width}px" if self.width else ""
        url = f"\n      help: {self.help_url}" if self.help_url else ""
        return f"{page}{at}: [{self.check}] {self.rule}: {self.target}\n      {self.message}{url}"


_OVERFLOW = """
var root = document.documentElement, limit = root.clientWidth;
if (root.scrollWidth <= limit) return [];
var wide = [];
document.querySelectorAll("body *").forEach(function (el) {
  var rect = el.getBoundingClientRect();
  if (rect.right > limit + 1 && rect.width > 0) {
    var name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
      (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    wide.push(name + " (right edge " + Math.round(rect.right) + "px)");
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


# The computed-style properties that can show focus. Compared before/after each Tab press.
_STYLE_SNAPSHOT = """
// What a sighted user can see change: properties only count when they draw something.
function paint(cs) {
  var out = {};
  out.outline = cs.outlineStyle === "none" || parseFloat(cs.outlineWidth) === 0 ? "none"
    : [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.outlineOffset].join(" ");
  out.shadow = cs.boxShadow;
  out.background = cs.backgroundColor + " " + cs.backgroundImage;
  out.color = cs.color;
  out.border = ["Top", "Right", "Bottom", "Left"].map(function (side) {
    var width = parseFloat(cs["border" + side + "Width"]);
    return width && cs["border" + side + "Style"] !== "none" ? width + " " + cs["border" + side + "Color"] : "0";
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
function describe(el) {
  var name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "");
  var text = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().replace(/\\s+/g, " ");
  return name + (text ? " \\"" + text.slice(0, 40) + "\\"" : "");
}
"""

_COLLECT = _STYLE_SNAPSHOT + """
if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
// Put the sequential focus starting point at the top of the page, so the first Tab reaches the first element.
var start = document.createElement("span");
start.tabIndex = -1;
document.body.insertBefore(start, document.body.firstChild);
start.focus({preventScroll: true});
start.remove();
window.__wetkitUnfocused = new Map();
var selector = "a[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable='true']";
document.querySelectorAll(selector).forEach(function (el) { window.__wetkitUnfocused.set(el, snapshot(el)); });
return window.__wetkitUnfocused.size;
"""

_FOCUSED = _STYLE_SNAPSHOT + """
var el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return null;
var before = window.__wetkitUnfocused.get(el);
var now = snapshot(el);
var changed = !before || Object.keys(now).some(function (k) { return now[k] !== before[k]; });
var r = el.getBoundingClientRect();
var onScreen = r.width > 0 && r.height > 0;
var seen = window.__wetkitSeen || (window.__wetkitSeen = new Set());
var repeat = seen.has(el);
seen.add(el);
return {name: describe(el), changed: changed, onScreen: onScreen, repeat: repeat};
"""


def check_focus_visible(driver, limit: int = 200) -> list[Problem]:
    """Press Tab through the page; every element that takes focus must look different when focused."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    count = driver.execute_script(_COLLECT)
    problems = []
    actions = ActionChains(driver)
    for _ in range(min(count + 2, limit)):
        actions.send_keys(Keys.TAB).perform()
        state = driver.execute_script(_FOCUSED)
        if state is None or state["repeat"]:
            break
        if not state["onScreen"]:
            problems.append(Problem("focus", "focus-not-visible", state["name"],
                                    "takes keyboard focus but has no size on screen (WCAG 2.4.7, 2.4.11)"))
        elif not state["changed"]:
            problems.append(Problem("focus", "focus-not-visible", state["name"],
                                    "looks the same focused and unfocused (WCAG 2.4.7 Focus Visible)"))
    driver.execute_script("window.__wetkitSeen = null; window.__wetkitUnfocused = null;"
                          "if (document.activeElement) document.activeElement.blur();")
    return problems


def check_console(driver) -> list[Problem]:
    """Errors the page logged (scripts, failed loads, Content-Security-Policy violations)."""
    try:
        entries = driver.get_log("browser")
    except Exception:  # noqa: BLE001 - remote drivers may not offer logs
        return []
    return [
        Problem("console", "console-error", entry.get("source", "console"), entry.get("message", ""))
        for entry in entries
        if entry.get("level") == "SEVERE"
    ]


# WCAG 1.4.12 Text Spacing: the user's own spacing, applied through a constructed stylesheet (allowed under CSP).
_TEXT_SPACING = """
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
  if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) {
    clipped.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
      (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : ""));
  }
});
document.adoptedStyleSheets = document.adoptedStyleSheets.filter(function (s) { return s !== sheet; });
return clipped.slice(0, 5);
"""


def check_text_spacing(driver) -> list[Problem]:
    """WCAG 1.4.12: with wider line, letter, word and paragraph spacing, no text is cut off."""
    clipped = driver.execute_script(_TEXT_SPACING)
    return [Problem("text-spacing", "text-clipped", target,
                    "text is cut off when the user increases text spacing (WCAG 1.4.12)") for target in clipped]


def emulate_forced_colors(driver, active: bool) -> None:
    """Windows High Contrast-style rendering (``forced-colors: active``) through CDP."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "forced-colors", "value": "active" if active else "none"}]})
