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
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import yaml

from wetkit import paths
from wetkit.errors import WetkitError
from wetkit.registry import Registry, get_registry

# WCAG 2.x AA floors, the lowest any theme may set: 1.4.3 text 4.5:1 and large text 3:1; 1.4.11 non-text contrast
# (borders, focus indicators, icons, the parts of a control) 3:1.
TEXT_CONTRAST = 4.5
LARGE_TEXT_CONTRAST = 3.0
UI_CONTRAST = 3.0
#: The kinds of pair a theme lists under ``contrast``: kind -> (the setting that may raise its floor, the WCAG floor).
CONTRAST_KINDS = {
    "text": ("min_text_contrast", TEXT_CONTRAST),
    "large": ("min_large_text_contrast", LARGE_TEXT_CONTRAST),
    "ui": ("min_ui_contrast", UI_CONTRAST),
}
#: Every theme proves at least these: its text colours and its UI colours (borders, focus, icons).
REQUIRED_KINDS = ("text", "ui")


class ThemeError(WetkitError, ValueError):
    """A theme is missing, malformed, fails a contrast pair, or compiles to something that is not plain CSS."""


@dataclass(frozen=True)
class Theme:
    name: str
    folder: Path
    tokens: dict
    chain: tuple[Path, ...] = ()  # this theme's folder, then those of the themes it extends (SCSS include paths)

    def floor(self, kind: str) -> float:
        """The contrast a pair of ``kind`` needs in this theme: the WCAG floor, or the theme's higher setting.
        A setting below the WCAG floor, or one that is not a number, is a ThemeError naming the theme and setting."""
        setting, wcag = CONTRAST_KINDS[kind]
        value = self.tokens.get(setting, wcag)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ThemeError(f"theme {self.name!r}: {setting} must be a contrast ratio such as {wcag:g}, "
                             f"got {value!r}")
        if value < wcag:
            raise ThemeError(f"theme {self.name!r}: {setting} is {value:g}, below the WCAG AA floor of {wcag:g}:1; "
                             f"a theme may raise its floors (a high-contrast theme: 7), never lower them")
        return float(value)

    @property
    def min_text_contrast(self) -> float:
        return self.floor("text")

    @property
    def min_large_text_contrast(self) -> float:
        return self.floor("large")

    @property
    def min_ui_contrast(self) -> float:
        return self.floor("ui")


def _theme_folder(name: str, theme_dirs: Iterable[Path | str]) -> Path:
    """``<dir>/<name>`` of the first of ``theme_dirs`` that has ``<name>/tokens.yaml``, else wetkit's own."""
    for folder in theme_dirs:
        if (Path(folder) / name / "tokens.yaml").is_file():
            return Path(folder) / name
    return paths.THEMES_DIR / name


def load_theme(name: str = "base", theme_dirs: Iterable[Path | str] = ()) -> Theme:
    """The theme ``name`` from the first of ``theme_dirs`` that has it, else wetkit's ``themes/<name>/``; its
    contrast settings and pair lists checked (the pairs are proven by :func:`check_contrast`). ``extends: <theme>``
    in its tokens lays them over that theme's."""
    theme_dirs = tuple(theme_dirs)
    folder = _theme_folder(name, theme_dirs)
    tokens_file = folder / "tokens.yaml"
    if not tokens_file.is_file():
        known = sorted(p.name for p in paths.THEMES_DIR.iterdir() if (p / "tokens.yaml").is_file())
        raise ThemeError(f"no theme {name!r} (looked for {tokens_file}); themes: {', '.join(known)}")
    tokens = yaml.safe_load(tokens_file.read_text(encoding="utf-8"))
    chain: tuple[Path, ...] = (folder,)
    if isinstance(tokens, dict) and "extends" in tokens:
        parent = load_theme(tokens.pop("extends"), theme_dirs)
        tokens, chain = _merged(parent.tokens, tokens), (folder, *parent.chain)
    if not any((f / "_settings.scss").is_file() for f in chain):
        raise ThemeError(f"{folder}: missing _settings.scss (build-time settings such as breakpoints; "
                         "copy themes/base/_settings.scss)")
    if not isinstance(tokens, dict) or "color" not in tokens or "light" not in tokens["color"]:
        raise ThemeError(f"{tokens_file}: color.light is required")
    theme = Theme(name, folder, tokens, chain)
    _contrast_pairs(theme)
    return theme


def _merged(parent: dict, child: dict) -> dict:
    """``child``'s tokens laid over ``parent``'s, group by group."""
    out = dict(parent)
    for key, value in child.items():
        out[key] = _merged(parent[key], value) if isinstance(value, dict) and isinstance(parent.get(key), dict) \
            else value
    return out


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


class ContrastRow(NamedTuple):
    """One promised pair in one colour scheme. ``ratio`` is exact (never rounded up: 4.499:1 fails 4.5:1)."""

    scheme: str
    kind: str
    foreground: str
    background: str
    ratio: float
    required: float


def _contrast_pairs(theme: Theme) -> dict[str, list[tuple[str, str]]]:
    """The theme's ``contrast`` lists by kind, checked: only known kinds (a pair under a misspelt kind would never be
    proven), text and ui pairs present, every pair two colour names, every floor setting valid."""
    where = f"theme {theme.name!r} ({theme.folder / 'tokens.yaml'})"
    settings = [setting for setting, _ in CONTRAST_KINDS.values()]
    # Token groups are mappings; any other top-level key must be a known setting (a misspelt floor would be ignored).
    unknown = sorted((str(key) for key, value in theme.tokens.items()
                      if not isinstance(value, dict) and key not in settings))
    if unknown:
        raise ThemeError(f"{where}: unknown setting {unknown[0]!r} (token groups are mappings); "
                         f"contrast settings: {', '.join(settings)}")
    contrast = theme.tokens.get("contrast")
    if not isinstance(contrast, dict):
        raise ThemeError(f"{where}: 'contrast' must map {', '.join(CONTRAST_KINDS)} to [foreground, background] pairs")
    unknown = sorted((kind for kind in contrast if kind not in CONTRAST_KINDS), key=str)
    if unknown:
        raise ThemeError(f"{where}: contrast.{unknown[0]} is not a kind of pair; kinds: {', '.join(CONTRAST_KINDS)}")
    pairs: dict[str, list[tuple[str, str]]] = {}
    for kind in CONTRAST_KINDS:
        theme.floor(kind)
        listed = contrast.get(kind)
        if listed is None and kind not in REQUIRED_KINDS:
            continue
        if not isinstance(listed, list) or not listed:
            raise ThemeError(f"{where}: contrast.{kind} lists no pairs; every theme proves its "
                             f"{' and '.join(REQUIRED_KINDS)} colours")
        for index, pair in enumerate(listed):
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(c, str) for c in pair)):
                raise ThemeError(f"{where}: contrast.{kind}[{index}] must be [foreground, background], got {pair!r}")
        pairs[kind] = [(fg, bg) for fg, bg in listed]
    return pairs


def contrast_report(theme: Theme) -> list[ContrastRow]:
    """Every promised pair of every kind in every colour scheme, with the ratio it needs in this theme."""
    rows = []
    pairs = _contrast_pairs(theme)
    for scheme, colours in theme.tokens["color"].items():
        for kind, listed in pairs.items():
            minimum = theme.floor(kind)
            for fg, bg in listed:
                if fg not in colours or bg not in colours:
                    raise ThemeError(f"{theme.folder}/tokens.yaml: contrast.{kind} names {fg}/{bg}, "
                                     f"missing from color.{scheme}")
                rows.append(ContrastRow(scheme, kind, fg, bg, contrast_ratio(colours[fg], colours[bg]), minimum))
    return rows


def _shown(ratio: float) -> str:
    """A ratio for people, cut (not rounded) to 2 decimals, so a failing 4.499 reads 4.49, never 4.50."""
    return f"{math.floor(ratio * 100) / 100:.2f}"


def check_contrast(theme: Theme) -> None:
    """Raise ThemeError listing every pair below its floor (the exact ratio is compared: no rounding, no slack)."""
    failures = [row for row in contrast_report(theme) if row.ratio < row.required]
    if failures:
        lines = [f"  {r.scheme}: {r.foreground} on {r.background} is {_shown(r.ratio)}:1, needs {r.required:g}:1 "
                 f"({r.kind})" for r in failures]
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
        if scss is not None:  # by full path: a registry may span several folders (a team's and wetkit's)
            lines.append(f'@import "{scss.resolve().as_posix()}";')
    return "\n".join(lines) + "\n"


@functools.lru_cache(maxsize=32)
def _compile_cached(theme_name: str, components: tuple[str, ...], minify: bool, registry: Registry,
                    stamp: tuple, theme_dirs: tuple[Path, ...] = ()) -> str:
    theme = load_theme(theme_name, theme_dirs)
    check_contrast(theme)
    source = theme_source(theme, components, registry)
    return compile_scss(source, [*(theme.chain or (theme.folder,)), paths.SCSS_DIR], minify=minify)


def _sources_stamp(registry: Registry, theme_dirs: tuple[Path, ...] = ()) -> tuple:
    files = [*paths.THEMES_DIR.rglob("*"), *paths.SCSS_DIR.glob("*.scss"),
             *(d for folder in theme_dirs for d in folder.rglob("*")),
             *(f for folder in registry.components_dirs for f in folder.glob("*/_*.scss"))]
    return tuple(sorted((str(f), f.stat().st_mtime_ns) for f in files if f.is_file()))


def compile_theme(theme: str = "base", components: Iterable[str] | None = None, minify: bool = True, *,
                  registry: Registry | None = None, theme_dirs: Iterable[Path | str] = ()) -> str:
    """CSS for ``theme`` covering ``components`` (default: all) and the components they draw (a header brings its
    language toggle and search). ``registry``: where the components' SCSS comes from (default: wetkit's own; pass
    the one your pages render with). Raises ThemeError on any problem."""
    if registry is None:
        registry = get_registry()
    try:
        names = tuple(registry.with_dependencies(components) if components is not None else registry.names())
    except KeyError as err:
        raise ThemeError(err.args[0]) from None
    theme_dirs = tuple(Path(d) for d in theme_dirs)
    return _compile_cached(theme, names, minify, registry, _sources_stamp(registry, theme_dirs), theme_dirs)
