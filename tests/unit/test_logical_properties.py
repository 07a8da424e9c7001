"""Right-to-left readiness, lint half: every stylesheet uses CSS logical properties where a logical one exists.

Every ``.scss`` file in the repository is read (components, ``wetkit/scss``, themes and any added later: the list is
found, never typed), its comments dropped and its declarations parsed (selectors, ``@media`` preludes such as
``(min-width: 40em)`` and ``#{…}`` interpolation are not declarations). A declaration fails when it is physical
and a logical property or value exists for it:

- a physical side property: ``margin-left`` -> ``margin-inline-start``, ``border-top`` -> ``border-block-start``,
  ``left`` -> ``inset-inline-start``, ``width`` -> ``inline-size``, ``border-top-left-radius`` ->
  ``border-start-start-radius``, ``scroll-margin-right``, ``overscroll-behavior-x`` and the like;
- a physical value: ``text-align``, ``float``, ``clear`` and ``justify-*`` with ``left``/``right``;
- a shorthand whose two horizontal sides differ, so that it does not mirror: ``margin: 0 1rem 0 2rem``,
  ``border-width: 0 0 2px 2px``, ``border-radius: 4px 0 0 4px``. Symmetric shorthands (``margin: 0 auto``,
  ``padding: 1rem 2rem``) are fine.

Not linted: ``overflow-x``/``-y`` (``overflow-inline`` is Firefox-only), ``resize: vertical`` (it differs from
``block`` only in vertical writing modes, which wetkit does not style), and ``background-position``,
``transform-origin`` and transforms, which have no logical form (a directional icon is flipped with ``:dir(rtl)``,
and the browser test ``tests/browser/test_rtl.py`` checks the geometry).

A failure names ``file:line``, the declaration and the logical replacement. ``ALLOWED`` is the whole allow-list: each
entry needs its reason, and an entry that no longer matches a declaration fails, so the list can only shrink. It is
empty: glyphs that must not mirror (the checkbox tick, the select chevron) are drawn with logical sides and flipped
back with ``:dir(rtl)``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Folders that hold build output, installed packages or tool caches, never wetkit's own styles.
SKIP_DIRS = {".git", ".nox", ".venv", "venv", "node_modules", "_site", "build", "dist", "reports", "__pycache__",
             ".pytest_cache", ".ruff_cache", ".mutmut-cache"}

# (file relative to the repository, property) -> why the physical form is right there. Empty today: glyphs drawn with
# borders (the checkbox tick, the select chevron) use logical sides and a :dir(rtl) flip, which the browser test checks.
ALLOWED: dict[tuple[str, str], str] = {}

_SIDES = {"left": "inline-start", "right": "inline-end", "top": "block-start", "bottom": "block-end"}
_CORNERS = {"top-left": "start-start", "top-right": "start-end", "bottom-left": "end-start",
            "bottom-right": "end-end"}
_SIZES = {"width": "inline-size", "height": "block-size"}


def _physical_properties() -> dict[str, str]:
    """Every physical property that has a logical twin -> that twin."""
    table: dict[str, str] = {}
    for side, logical in _SIDES.items():
        table[side] = f"inset-{logical}"
        for box in ("margin", "padding", "scroll-margin", "scroll-padding"):
            table[f"{box}-{side}"] = f"{box}-{logical}"
        table[f"border-{side}"] = f"border-{logical}"
        for part in ("width", "style", "color"):
            table[f"border-{side}-{part}"] = f"border-{logical}-{part}"
    for corner, logical in _CORNERS.items():
        table[f"border-{corner}-radius"] = f"border-{logical}-radius"
    for size, logical in _SIZES.items():
        table[size] = logical
        table[f"min-{size}"] = f"min-{logical}"
        table[f"max-{size}"] = f"max-{logical}"
        table[f"contain-intrinsic-{size}"] = f"contain-intrinsic-{logical}"
    table["overscroll-behavior-x"] = "overscroll-behavior-inline"
    table["overscroll-behavior-y"] = "overscroll-behavior-block"
    return table


PHYSICAL = _physical_properties()
# property -> {physical keyword: logical keyword}
PHYSICAL_VALUES: dict[str, dict[str, str]] = {
    "text-align": {"left": "start", "right": "end"},
    "text-align-last": {"left": "start", "right": "end"},
    "float": {"left": "inline-start", "right": "inline-end"},
    "clear": {"left": "inline-start", "right": "inline-end"},
    "justify-content": {"left": "start", "right": "end"},
    "justify-items": {"left": "start", "right": "end"},
    "justify-self": {"left": "start", "right": "end"},
}
# Shorthands in top-right-bottom-left order: asymmetric when the right and left values differ.
BOX_SHORTHANDS = {
    "margin": "margin-block + margin-inline-start/-end",
    "padding": "padding-block + padding-inline-start/-end",
    "inset": "inset-block + inset-inline-start/-end",
    "scroll-margin": "scroll-margin-block + scroll-margin-inline-start/-end",
    "scroll-padding": "scroll-padding-block + scroll-padding-inline-start/-end",
    "border-width": "border-block-width + border-inline-start-width/-end-width",
    "border-style": "border-block-style + border-inline-start-style/-end-style",
    "border-color": "border-block-color + border-inline-start-color/-end-color",
}
RADIUS_REPLACEMENT = ("border-start-start-radius, border-start-end-radius, border-end-start-radius, "
                      "border-end-end-radius")


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    prop: str
    value: str
    replacement: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.prop}: {self.value} -> use {self.replacement}"


# ---- parsing ---------------------------------------------------------------------------------------------------


def strip_comments(text: str) -> str:
    """``text`` with ``//`` and ``/* */`` comments blanked out (newlines kept, so line numbers stay true); strings
    and ``url(…)`` are left alone, so ``url(https://x)`` is not cut at ``//``."""
    out = list(text)
    i, n, quote, in_url = 0, len(text), None, False
    while i < n:
        c = text[i]
        if quote:
            if c == "\\":
                i += 2
                continue
            if c == quote:
                quote = None
        elif in_url:
            if c == ")":
                in_url = False
        elif c in "\"'":
            quote = c
        elif text.startswith("url(", i):
            in_url = True
        elif text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out[i:end] = " " * (end - i)
            i = end
            continue
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out[i:end] = [ch if ch == "\n" else " " for ch in text[i:end]]
            i = end
            continue
        i += 1
    return "".join(out)


def declarations(text: str):
    """Yield ``(line, property, value)`` for each declaration in SCSS ``text``, comments already stripped.

    A statement ends at ``;``, ``{`` or ``}`` outside ``#{…}``, parentheses and strings. One that ends at ``{`` is a
    selector or an at-rule prelude, except Sass's nested properties (``border: { left: 1px; }``), whose prefix is
    kept for the declarations inside. At-rule statements (``@include``, ``@import``) and ``$variables`` are skipped.
    """
    stack: list[str | None] = []  # per open block: the nested-property prefix, or None
    start = depth = 0
    quote = None
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if quote:
            if c == "\\":
                i += 2
                continue
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif text.startswith("#{", i):
            depth += 1
            i += 2
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth = max(depth - 1, 0)
        elif c == "}" and depth:
            depth -= 1
        elif c in ";{}" and not depth:
            statement = text[start:i]
            stripped = statement.strip()
            line = text.count("\n", 0, start + len(statement) - len(statement.lstrip())) + 1
            if c == "{":
                nested = re.fullmatch(r"([a-z-]+)\s*:\s*", stripped)
                stack.append(nested.group(1) if nested and not stripped.startswith(("&", ":")) else None)
            elif stripped and not stripped.startswith(("@", "$", "%")):
                match = re.fullmatch(r"([a-zA-Z-]+)\s*:\s*(.*)", stripped, re.S)
                if match:
                    prefix = stack[-1] if stack else None
                    prop = match.group(1).lower()
                    yield line, f"{prefix}-{prop}" if prefix else prop, " ".join(match.group(2).split())
            if c == "}" and stack:
                stack.pop()
            start = i + 1
        i += 1


def _values(value: str) -> list[str]:
    """The top-level space-separated parts of a CSS value (``calc(a + b)`` stays one part)."""
    parts, depth, current = [], 0, ""
    for c in value.replace("!important", "").strip():
        depth += c == "("
        depth -= c == ")"
        if c.isspace() and not depth:
            if current:
                parts.append(current)
            current = ""
        else:
            current += c
    return parts + ([current] if current else [])


def _sides_differ(parts: list[str]) -> bool:
    """A top-right-bottom-left shorthand whose right and left values differ (only four values can do that)."""
    return len(parts) == 4 and parts[1] != parts[3]


def _radius_mirrors(value: str) -> bool:
    """``border-radius`` corners: top-left, top-right, bottom-right, bottom-left; mirrored iff each corner equals its
    horizontal twin (per radius list, on both sides of a ``/``)."""
    for half in value.replace("!important", "").split("/"):
        parts = _values(half)
        if not parts:
            continue
        if len(parts) == 1:
            parts = parts * 4
        elif len(parts) == 2:
            parts = parts * 2
        elif len(parts) == 3:
            parts = parts + parts[1:2]
        tl, tr, br, bl = parts[:4]
        if tl != tr or bl != br:
            return False
    return True


def lint(text: str, file: str = "<snippet>") -> list[Finding]:
    """The physical declarations in SCSS ``text`` that have a logical replacement (the allow-list not applied)."""
    found = []
    for line, prop, value in declarations(strip_comments(text)):
        keyword = value.replace("!important", "").strip().lower()
        if prop in PHYSICAL:
            found.append(Finding(file, line, prop, value, PHYSICAL[prop]))
        elif prop in PHYSICAL_VALUES and keyword in PHYSICAL_VALUES[prop]:
            found.append(Finding(file, line, prop, value, f"{prop}: {PHYSICAL_VALUES[prop][keyword]}"))
        elif prop in BOX_SHORTHANDS and _sides_differ(_values(value)):
            found.append(Finding(file, line, prop, value, BOX_SHORTHANDS[prop]))
        elif prop == "border-radius" and not _radius_mirrors(value):
            found.append(Finding(file, line, prop, value, RADIUS_REPLACEMENT))
    return found


def scss_files() -> list[Path]:
    """Every .scss file of the repository outside build output and tool folders (which are never walked)."""
    found = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
        found += [Path(folder, name) for name in files if name.endswith(".scss")]
    return sorted(found)


# ---- the lint --------------------------------------------------------------------------------------------------


def test_the_lint_finds_the_stylesheets():
    """The list is found, not typed: the shared foundations, the theme and a stylesheet per styled component."""
    found = {path.relative_to(ROOT).as_posix() for path in scss_files()}
    assert {"wetkit/scss/_base.scss", "wetkit/scss/_forms.scss", "themes/base/_settings.scss",
            "components/alert/_alert.scss"} <= found
    components = {path.parent.name for path in (ROOT / "components").glob("*/_*.scss")}
    assert len(components) >= 20, sorted(components)


def test_every_stylesheet_uses_logical_properties():
    used: set[tuple[str, str]] = set()
    failures = []
    for path in scss_files():
        name = path.relative_to(ROOT).as_posix()
        for finding in lint(path.read_text(encoding="utf-8"), name):
            if (name, finding.prop) in ALLOWED:
                used.add((name, finding.prop))
            else:
                failures.append(str(finding))
    assert not failures, ("physical properties where a logical one exists (right-to-left text would not mirror):\n"
                          + "\n".join(failures))
    stale = sorted(set(ALLOWED) - used)
    assert not stale, f"allow-list entries that match no declaration any more (delete them): {stale}"


def test_every_allowed_entry_has_a_reason():
    for key, reason in ALLOWED.items():
        assert len(reason.split()) >= 8, key


# ---- planted faults: the lint must fail on each, and pass the logical twin ---------------------------------------


@pytest.mark.parametrize("snippet, prop, replacement", [
    (".a { margin-left: 1rem; }", "margin-left", "margin-inline-start"),
    (".a { padding-right: 1rem }", "padding-right", "padding-inline-end"),
    (".a { border-left: 4px solid red; }", "border-left", "border-inline-start"),
    (".a { border-right-width: 2px; }", "border-right-width", "border-inline-end-width"),
    (".a { margin-top: 0; }", "margin-top", "margin-block-start"),
    (".a { position: absolute; left: 0; }", "left", "inset-inline-start"),
    (".a { right: 1em; }", "right", "inset-inline-end"),
    (".a { top: 0; }", "top", "inset-block-start"),
    (".a { text-align: left; }", "text-align", "text-align: start"),
    (".a { text-align: right !important; }", "text-align", "text-align: end"),
    (".a { float: right; }", "float", "float: inline-end"),
    (".a { clear: left; }", "clear", "clear: inline-start"),
    (".a { justify-self: left; }", "justify-self", "justify-self: start"),
    (".a { border-top-left-radius: 4px; }", "border-top-left-radius", "border-start-start-radius"),
    (".a { border-bottom-right-radius: 4px; }", "border-bottom-right-radius", "border-end-end-radius"),
    (".a { width: 10rem; }", "width", "inline-size"),
    (".a { max-height: 10rem; }", "max-height", "max-block-size"),
    (".a { scroll-margin-left: 1rem; }", "scroll-margin-left", "scroll-margin-inline-start"),
    (".a { margin: 0 1rem 0 2rem; }", "margin", "margin-block + margin-inline-start/-end"),
    (".a { border-width: 0 0 2px 2px; }", "border-width", "border-block-width + border-inline-start-width/-end-width"),
    (".a { border-radius: 4px 0 0 4px; }", "border-radius", RADIUS_REPLACEMENT),
    (".a { border-radius: 4px 0; }", "border-radius", RADIUS_REPLACEMENT),
    (".a { border-radius: 4px 4px 4px 4px / 2px 0 0 2px; }", "border-radius", RADIUS_REPLACEMENT),
    (".a { &:hover { margin-left: 1rem; } }", "margin-left", "margin-inline-start"),  # nested rule
    (".a { border: { left: 1px solid; } }", "border-left", "border-inline-start"),  # Sass nested property
    ("@media (min-width: 40em) { .a { padding-left: 1rem; } }", "padding-left", "padding-inline-start"),
    ("@include x { .a { margin-left: 1rem; } }", "margin-left", "margin-inline-start"),
    (".a-#{$n} { margin-left: calc(#{$n} * 1rem); }", "margin-left", "margin-inline-start"),
])
def test_planted_physical_property_fails(snippet, prop, replacement):
    found = lint(snippet, "planted.scss")
    assert [(f.prop, f.replacement) for f in found] == [(prop, replacement)], found
    assert str(found[0]).startswith(f"planted.scss:1: {prop}: "), str(found[0])
    assert str(found[0]).endswith(f"-> use {replacement}")


@pytest.mark.parametrize("snippet", [
    ".a { margin-inline-start: 1rem; }",
    ".a { padding-inline: 1rem 2rem; border-inline-end: 4px solid red; }",
    ".a { position: absolute; inset-inline-start: 0; inset-block-start: 0; }",
    ".a { inset: 0; }",
    ".a { text-align: start; } .b { text-align: end; } .c { text-align: center; }",
    ".a { float: inline-start; clear: both; }",
    ".a { border-start-start-radius: 4px; border-end-end-radius: 4px; }",
    ".a { border-radius: 4px; } .b { border-radius: 50%; } .c { border-radius: 4px 4px 0 0; }",
    ".a { margin: 0 auto; } .b { padding: 1rem 2rem; } .c { margin: 0 1rem 2rem; } .d { margin: 1px 2px 3px 2px; }",
    ".a { inline-size: 10rem; max-block-size: 50vh; }",
    "@media (min-width: 40em) and (max-width: 64em) { .a { color: red; } }",
    "@include wet-from($wet-breakpoint-tablet) { .a { color: red; } }",
    "a:hover, li:first-child, .a:dir(rtl) { color: red; }",
    ".a { justify-content: space-between; justify-self: end; }",
    "// margin-left: 1rem; is a comment\n.a { /* text-align: left; */ color: red; }",
    ".a { background: url(//example.org/left.png); }",
    ".a { content: \"left: 0; margin-left: 1rem\"; }",
    "$left: 1rem !default;",
])
def test_logical_twin_passes(snippet):
    assert lint(snippet) == []


def test_finding_names_the_line():
    text = ".a {\n  color: red;\n\n  // a comment\n  margin-right: 1rem;\n}\n"
    (found,) = lint(text, "components/x/_x.scss")
    assert str(found) == "components/x/_x.scss:5: margin-right: 1rem -> use margin-inline-end"


def test_a_new_component_stylesheet_is_linted(tmp_path, monkeypatch):
    """A stylesheet added later (here a component folder that did not exist) is found and checked with no edit."""
    folder = tmp_path / "components" / "new_thing"
    folder.mkdir(parents=True)
    (folder / "_new_thing.scss").write_text(".wet-new { margin-left: 1rem; }\n", encoding="utf-8")
    (tmp_path / "node_modules" / "pkg").mkdir(parents=True)
    (tmp_path / "node_modules" / "pkg" / "_x.scss").write_text(".x { left: 0; }\n", encoding="utf-8")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    files = scss_files()
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["components/new_thing/_new_thing.scss"]
    assert [str(f) for f in lint(files[0].read_text(), "components/new_thing/_new_thing.scss")] == [
        "components/new_thing/_new_thing.scss:1: margin-left: 1rem -> use margin-inline-start"]
