"""Compile a theme to CSS with libsass, and prove its colour contrast.

A theme is a folder ``themes/<name>/`` with ``tokens.yaml`` (colours for light and dark, space, type, focus; and the
contrast pairs it promises) and ``_settings.scss`` (build-time settings such as breakpoints). ``compile_theme``
turns the tokens into CSS custom properties, then compiles the shared foundations and every component's
``_<name>.scss`` (or only the ones asked for) into one stylesheet.

All libsass use is behind :func:`compile_scss`, so a Dart Sass backend can replace it in one place. LibSass is
end-of-life: sources use ``@import``, ``!default`` and mixins only, never ``@use``/``@forward``/``math.div``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from wetkit import paths
from wetkit.errors import WetkitError
from wetkit.registry import Registry, get_registry

TEXT_CONTRAST = 4.5
UI_CONTRAST = 3.0


class ThemeError(WetkitError, ValueError):
    """A theme is missing, malformed, fails a contrast pair, or compiles to something that is not plain CSS."""


@dataclass(frozen=True)
class Theme:
    name: str
    folder: Path
    tokens: dict

    @property
    def min_text_contrast(self) -> float:
        return float(self.tokens.get("min_text_contrast", TEXT_CONTRAST))

    @property
    def min_ui_contrast(self) -> float:
        return float(self.tokens.get("min_ui_contrast", UI_CONTRAST))


def load_theme(name: str = "base") -> Theme:
    folder = paths.THEMES_DIR / name
    tokens_file = folder / "tokens.yaml"
    if not tokens_file.is_file():
        known = sorted(p.name for p in paths.THEMES_DIR.iterdir() if (p / "tokens.yaml").is_file())
        raise ThemeError(f"no theme {name!r} (looked for {tokens_file}); themes: {', '.join(known)}")
    if not (folder / "_settings.scss").is_file():
        raise ThemeError(f"{folder}: missing _settings.scss (build-time settings such as breakpoints; "
                         "copy themes/base/_settings.scss)")
    tokens = yaml.safe_load(tokens_file.read_text(encoding="utf-8"))
    if not isinstance(tokens, dict) or "color" not in tokens or "light" not in tokens["color"]:
        raise ThemeError(f"{tokens_file}: color.light is required")
    return Theme(name, folder, tokens)


# ---- contrast --------------------------------------------------------------------------------------------------


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of ``#rrggbb``."""
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def contrast_report(theme: Theme) -> list[tuple[str, str, str, float, float]]:
    """Every promised pair in every colour scheme: (scheme, foreground, background, ratio, required)."""
    rows = []
    pairs = theme.tokens.get("contrast", {})
    for scheme, colours in theme.tokens["color"].items():
        for kind, minimum in (("text", theme.min_text_contrast), ("ui", theme.min_ui_contrast)):
            for fg, bg in pairs.get(kind, []):
                if fg not in colours or bg not in colours:
                    raise ThemeError(f"{theme.folder}/tokens.yaml: contrast.{kind} names {fg}/{bg}, "
                                     f"missing from color.{scheme}")
                rows.append((scheme, fg, bg, round(contrast_ratio(colours[fg], colours[bg]), 2), minimum))
    return rows


def check_contrast(theme: Theme) -> None:
    failures = [row for row in contrast_report(theme) if row[3] < row[4]]
    if failures:
        lines = [f"  {s}: {fg} on {bg} is {r}:1, needs {m}:1" for s, fg, bg, r, m in failures]
        raise ThemeError(f"theme {theme.name!r} fails its contrast pairs:\n" + "\n".join(lines))


# ---- compile ---------------------------------------------------------------------------------------------------


def _custom_properties(theme: Theme) -> str:
    """SCSS text declaring every token as a CSS custom property (dark colours under prefers-color-scheme)."""

    def decls(group: str, values: dict) -> list[str]:
        return [f"  --wet-{group}-{key}: {_scss_value(value)};" for key, value in values.items()]

    root = []
    for group, values in theme.tokens.items():
        if group in ("color", "contrast") or not isinstance(values, dict):
            continue
        root += decls(group, values)
    root += decls("color", theme.tokens["color"]["light"])
    out = ":root {\n  color-scheme: light" + (" dark" if "dark" in theme.tokens["color"] else "") + ";\n"
    out += "\n".join(root) + "\n}\n"
    if "dark" in theme.tokens["color"]:
        dark = "\n".join(decls("color", theme.tokens["color"]["dark"]))
        out += "@media (prefers-color-scheme: dark) {\n:root {\n" + dark + "\n}\n}\n"
    return out


def _scss_value(value) -> str:
    """Token values are written verbatim: Sass does not evaluate custom-property values, so ``clamp()`` with mixed
    units is safe here (in ordinary declarations it must be wrapped in ``unquote()``)."""
    return str(value)


def compile_scss(source: str, include_paths: Iterable[Path], minify: bool = True) -> str:
    """The one place libsass is called. Fails if the output is not plain CSS."""
    import sass  # libsass

    try:
        css = sass.compile(
            string=source,
            include_paths=[str(p) for p in include_paths],
            output_style="compressed" if minify else "expanded",
            precision=5,
        )
    except sass.CompileError as err:
        raise ThemeError(f"SCSS failed to compile: {err}") from None
    leftovers = sorted(set(re.findall(r"@use|@forward|\$[A-Za-z_][-\w]*|\bunquote\(", css)))
    if leftovers:
        raise ThemeError(f"compiled CSS still contains {', '.join(leftovers)}: "
                         "SCSS features LibSass did not evaluate (docs/theming.md: no @use/@forward, "
                         "no module functions; wrap min()/max()/clamp() with mixed units in unquote())")
    return css


def theme_source(theme: Theme, components: Iterable[str], registry: Registry) -> str:
    """The SCSS entry for a theme and a list of components (in the given order)."""
    lines = ['@import "settings";', '@import "mixins";', _custom_properties(theme), '@import "base";',
             '@import "forms";', '@import "choices";']
    for name in components:
        if name not in registry:
            raise ThemeError(f"no component {name!r} to style; components: {', '.join(registry.names())}")
        scss = registry[name].scss_file
        if scss is not None:
            lines.append(f'@import "{name}/{name}";')
    return "\n".join(lines) + "\n"


@functools.lru_cache(maxsize=32)
def _compile_cached(theme_name: str, components: tuple[str, ...], minify: bool, stamp: tuple) -> str:
    registry = get_registry()
    theme = load_theme(theme_name)
    check_contrast(theme)
    source = theme_source(theme, components, registry)
    return compile_scss(source, [theme.folder, paths.SCSS_DIR, registry.components_dir], minify=minify)


def _sources_stamp() -> tuple:
    files = [*paths.THEMES_DIR.rglob("*"), *paths.SCSS_DIR.glob("*.scss"), *paths.COMPONENTS_DIR.glob("*/_*.scss")]
    return tuple(sorted((str(f), f.stat().st_mtime_ns) for f in files if f.is_file()))


def compile_theme(theme: str = "base", components: Iterable[str] | None = None, minify: bool = True) -> str:
    """CSS for ``theme`` covering ``components`` (default: all) and the components they draw (a header brings its
    language toggle and search). Raises ThemeError on any problem."""
    registry = get_registry()
    try:
        names = tuple(registry.with_dependencies(components) if components is not None else registry.names())
    except KeyError as err:
        raise ThemeError(err.args[0]) from None
    return _compile_cached(theme, names, minify, _sources_stamp())
