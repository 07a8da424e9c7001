"""Right-to-left mirroring, measured in the loaded page: what ``test_a11y.py`` runs on every page of the site after
its audit, and ``test_rtl.py`` proves on planted faults. See test_rtl.py for what is compared and what is skipped."""

from __future__ import annotations

from wetkit.audit.browser import set_viewport

NARROW, WIDE = 320, 1280
TOLERANCE_PX = 1

# Measures the page left-to-right, turns it right-to-left, measures again, restores it; returns what does not mirror.
# One call per width: every read is a synchronous layout, no waits. Elements are matched by their index in the
# document, which setting dir does not change.
_MIRROR = """
var TOL = arguments[0], checkScroll = arguments[1];
var root = document.documentElement;
function nameOf(el) {
  return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "");
}
var SIDES = [["margin-left", "margin-right"], ["padding-left", "padding-right"],
             ["border-left-width", "border-right-width"],
             ["border-top-left-radius", "border-top-right-radius"],
             ["border-bottom-left-radius", "border-bottom-right-radius"]];
function sides(cs) {
  var out = {};
  SIDES.forEach(function (pair) {
    out[pair[0]] = cs.getPropertyValue(pair[0]);
    out[pair[1]] = cs.getPropertyValue(pair[1]);
  });
  if (cs.position !== "static") { out.left = cs.left; out.right = cs.right; }
  return out;
}
function inlineContent(el) {
  // The horizontal extent of the lines this box lays out itself: its text and its in-flow inline-level children.
  var lo = Infinity, hi = -Infinity;
  el.childNodes.forEach(function (node) {
    var rect = null;
    if (node.nodeType === 3) {
      if (!node.textContent.trim()) return;
      var range = document.createRange();
      range.selectNodeContents(node);
      rect = range.getBoundingClientRect();
    } else if (node.nodeType === 1) {
      var cs = getComputedStyle(node);
      if (!/^inline/.test(cs.display) || cs.position === "absolute" || cs.position === "fixed") return;
      if (!node.getClientRects().length) return;
      rect = node.getBoundingClientRect();
    }
    if (rect && rect.width > 0) { lo = Math.min(lo, rect.left); hi = Math.max(hi, rect.right); }
  });
  return lo <= hi ? [lo, hi] : null;
}
function containing(el, cs) {
  // [left, right] of the box el is placed in: the offset parent's padding box for absolute boxes, the viewport for
  // fixed ones, else the parent's content box.
  if (cs.position === "fixed") return [0, root.clientWidth];
  var ref = cs.position === "absolute" ? el.offsetParent : el.parentElement;
  if (!ref) return [0, root.clientWidth];
  var r = ref.getBoundingClientRect(), rs = getComputedStyle(ref);
  var bl = parseFloat(rs.borderLeftWidth), br = parseFloat(rs.borderRightWidth);
  if (cs.position === "absolute") return [r.left + bl, r.right - br];
  return [r.left + bl + parseFloat(rs.paddingLeft), r.right - br - parseFloat(rs.paddingRight)];
}
function measure() {
  var all = document.querySelectorAll("body, body *"), out = [];
  for (var i = 0; i < all.length; i++) {
    var el = all[i];
    if (el.closest("svg") && el.tagName.toLowerCase() !== "svg") { out.push(null); continue; }
    if (!el.getClientRects().length) { out.push(null); continue; }
    var cs = getComputedStyle(el), rect = el.getBoundingClientRect();
    var rec = {dir: cs.direction, align: physicalAlign(cs), textAlign: cs.textAlign, sides: sides(cs), pseudo: {}};
    var generated = false;
    ["::before", "::after"].forEach(function (p) {
      var ps = getComputedStyle(el, p);
      if (ps.content === "none" || ps.content === "normal" || ps.display === "none") return;
      rec.pseudo[p] = sides(ps);
      generated = generated || (/^inline/.test(ps.display) && ps.position !== "absolute" && ps.position !== "fixed");
    });
    // A 1 px box (visually hidden text) draws nothing to mirror, and when it sits in a line of text its static
    // position follows the bidi order of that line: only its sides are compared.
    var hidden = rect.width <= 1 && rect.height <= 1;
    if (hidden) { delete rec.sides.left; delete rec.sides.right; }
    if (!hidden && (!/^inline/.test(cs.display) || cs.position === "absolute" || cs.position === "fixed")) {
      var cb = containing(el, cs);
      rec.box = [rect.left - cb[0], cb[1] - rect.right, rect.width];
    }
    // Generated text in the line (a ::before label) has no rectangle to measure: the line's extent is unknown, and
    // the computed alignment check below stands in for the geometry.
    if (cs.display !== "inline" && cs.display !== "contents" && !generated) {
      var content = inlineContent(el);
      if (content) {
        var left = rect.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft);
        var right = rect.right - parseFloat(cs.borderRightWidth) - parseFloat(cs.paddingRight);
        rec.text = [content[0] - left, right - content[1]];
      }
    }
    out.push(rec);
  }
  return out;
}
function physicalAlign(cs) {
  var a = cs.textAlign, rtl = cs.direction === "rtl";
  if (a === "start") return rtl ? "right" : "left";
  if (a === "end") return rtl ? "left" : "right";
  return a.replace(/^-webkit-/, "");
}
function px(v) { return v === "auto" ? v : Math.round(parseFloat(v) * 10) / 10; }
function differ(a, b) {
  if (a === "auto" || b === "auto") return a !== b;
  return Math.abs(parseFloat(a) - parseFloat(b)) > TOL;
}
function mirrored(name) {
  return name.replace(/left|right/g, function (side) { return side === "left" ? "right" : "left"; });
}
function compareSides(where, l, r, problems) {
  // Each left/right pair once: LTR's left side must be RTL's right side, and the other way round.
  Object.keys(l).forEach(function (prop) {
    if (prop.indexOf("left") < 0) return;
    var twin = mirrored(prop);
    if (differ(l[prop], r[twin]) || differ(l[twin], r[prop])) {
      problems.push(where + ": " + prop + " is " + px(l[prop]) + " in LTR but " + twin + " is " + px(r[twin]) +
                    " in RTL (" + twin + " " + px(l[twin]) + " in LTR, " + prop + " " + px(r[prop]) +
                    " in RTL): a physical property, use its logical twin");
    }
  });
}
var hadDir = root.hasAttribute("dir"), oldDir = root.getAttribute("dir");
root.setAttribute("dir", "ltr");
var all = document.querySelectorAll("body, body *");
var ltr = measure();
root.setAttribute("dir", "rtl");
var rtl = measure(), problems = [], scroll = null;
if (checkScroll && root.scrollWidth > root.clientWidth) {
  var limit = root.clientWidth, wide = [];
  all.forEach(function (el) {
    var rect = el.getBoundingClientRect();
    if (rect.width > 0 && (rect.left < -TOL || rect.right > limit + TOL)) wide.push(nameOf(el));
  });
  scroll = "page is " + root.scrollWidth + "px wide in a " + limit + "px viewport in RTL" +
           (wide.length ? ": " + wide.slice(0, 5).join(", ") : "");
}
var index = new Map();
all.forEach(function (el, i) { index.set(el, i); });
var skip = null;  // an element whose direction did not change: it and everything in it keep their own direction
for (var i = 0; i < all.length; i++) {
  var el = all[i], l = ltr[i], r = rtl[i];
  if (skip && skip.contains(el)) continue;
  if (!l || !r) continue;
  if (l.dir === r.dir) { skip = el; continue; }
  var name = nameOf(el);
  compareSides(name, l.sides, r.sides, problems);
  Object.keys(l.pseudo).forEach(function (p) {
    if (r.pseudo[p]) compareSides(name + p, l.pseudo[p], r.pseudo[p], problems);
  });
  if (l.box && r.box) {
    if (Math.abs(l.box[0] - r.box[1]) > TOL || Math.abs(l.box[2] - r.box[2]) > TOL) {
      problems.push(name + ": box is " + px(l.box[0]) + "px from the start edge of its container in LTR, " +
                    px(r.box[1]) + "px in RTL (width " + px(l.box[2]) + " / " + px(r.box[2]) + ")");
    }
  }
  var flipped = {left: "right", right: "left"}[l.align];
  var up = index.get(el.parentElement), inherited = up !== undefined && ltr[up] && ltr[up].textAlign === l.textAlign;
  if (flipped && r.align !== flipped && !inherited) {  // reported where it is set, not on every child inheriting it
    problems.push(name + ": text is aligned " + l.align + " in LTR and " + r.align + " in RTL " +
                  "(text-align left/right instead of start/end)");
  }
  if (l.text && r.text && Math.abs(l.text[0] - r.text[1]) > TOL) {
    problems.push(name + ": its text starts " + px(l.text[0]) + "px from the start of its content box in LTR, " +
                  px(r.text[1]) + "px in RTL (text-align left/right instead of start/end?)");
  }
}
if (hadDir) root.setAttribute("dir", oldDir); else root.removeAttribute("dir");
return {scroll: scroll, problems: problems};
"""


def mirror_problems(driver, width: int, resize: bool = True) -> list[str]:
    """What does not mirror when the loaded page turns right-to-left at ``width`` CSS px (and, at 320 px, a
    horizontal scroll in RTL), as ``"<width>px: <element>: <what>"`` lines. Leaves the page's own ``dir`` as it was.
    ``resize=False``: the viewport is already ``width`` CSS px wide (an audit leaves it at its first width)."""
    if resize:
        set_viewport(driver, width)
    found = driver.execute_script(_MIRROR, TOLERANCE_PX, width == NARROW)
    lines = [f"{width}px: {found['scroll']}"] if found["scroll"] else []
    return lines + [f"{width}px: {problem}" for problem in found["problems"]]
