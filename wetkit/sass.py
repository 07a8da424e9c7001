"""Compile a theme to CSS with libsass, and prove its colour contrast.

A theme is a folder ``<name>/`` (in wetkit's ``themes/`` or a team's own theme folder) with ``tokens.yaml``
(colours for light and dark, space, type, focus; and the contrast pairs it promises; ``extends: base`` to inherit
the rest) and ``_settings.scss`` (build-time settings such as breakpoints; inherited when absent). ``compile_theme``
checks that the theme defines every token the components read, proves its contrast, turns the tokens into CSS
custom properties, then compiles the shared foundations and every component's ``_<name>.scss`` (or only the ones
asked for) into one stylesheet.

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
    """A loaded theme. ``tokens``: its own tokens deep-merged over its parents' (``extends``); ``folders``: its own
    folder then each parent's, the places its ``_settings.scss`` files come from (empty: just ``folder``)."""

    name: str
    folder: Path
    tokens: dict
    folders: tuple[Path, ...] = ()

    @property
    def chain(self) -> tuple[Path, ...]:
        """This theme's folder, then its parent's, up to the theme that extends nothing."""
        return self.folders or (self.folder,)

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


TOKENS_FILE = "tokens.yaml"
SETTINGS_FILE = "_settings.scss"
#: A theme name (as opposed to a path): what ``extends:`` and ``load_theme`` look up in the theme folders.
_THEME_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
#: The colour values a theme may give: hex, because the contrast proof computes with them.
_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def _search_dirs(theme_dirs: Iterable[Path | str]) -> list[Path]:
    """The folders a theme name is looked up in: the team's, in order, then wetkit's own ``themes/``."""
    if isinstance(theme_dirs, (str, Path)):
        raise ThemeError(f"theme_dirs must be a list of folders, got the single value {str(theme_dirs)!r}: "
                         f"write [{str(theme_dirs)!r}]")
    return [*(Path(d) for d in theme_dirs), paths.THEMES_DIR]


def available_themes(theme_dirs: Iterable[Path | str] = ()) -> list[str]:
    """The names ``load_theme`` finds: every ``<dir>/<name>/tokens.yaml`` in ``theme_dirs`` and in wetkit's
    ``themes/``, sorted, each once."""
    names = set()
    for folder in _search_dirs(theme_dirs):
        if folder.is_dir():
            names.update(p.name for p in folder.iterdir() if _THEME_NAME.fullmatch(p.name)
                         and (p / TOKENS_FILE).is_file())
    return sorted(names)


def _find_theme(name_or_path: str | Path, theme_dirs: list[Path], relative_to: Path | None = None) -> Path:
    """The folder of a theme given by name (first match in ``theme_dirs``) or by path (a Path, or a string with a
    ``/``; relative to ``relative_to`` when given, as for ``extends: ../brand``)."""
    if isinstance(name_or_path, str) and _THEME_NAME.fullmatch(name_or_path):
        for folder in theme_dirs:
            if (folder / name_or_path / TOKENS_FILE).is_file():
                return folder / name_or_path
        looked = ", ".join(str(d) for d in theme_dirs)
        known = ", ".join(available_themes(theme_dirs[:-1]))
        raise ThemeError(f"no theme {name_or_path!r} (looked for <folder>/{name_or_path}/{TOKENS_FILE} in {looked}); "
                         f"themes: {known}")
    if not isinstance(name_or_path, (str, Path)):
        raise ThemeError(f"a theme is a name such as 'base' or a path to a theme folder, got {name_or_path!r} "
                         f"({type(name_or_path).__name__})")
    folder = Path(name_or_path)
    if relative_to is not None and not folder.is_absolute():
        folder = relative_to / folder
    if not (folder / TOKENS_FILE).is_file():
        raise ThemeError(f"no theme at {folder} (a theme folder holds {TOKENS_FILE}); a theme name is letters, "
                         f"digits, '-' and '_', such as 'base'")
    return folder


def _read_tokens(folder: Path, name: str) -> dict:
    tokens_file = folder / TOKENS_FILE
    try:
        tokens = yaml.safe_load(tokens_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise ThemeError(f"theme {name!r}: cannot read {tokens_file}: {err}") from None
    if not isinstance(tokens, dict):
        raise ThemeError(f"theme {name!r}: {tokens_file} must be a mapping of token groups, got "
                         f"{type(tokens).__name__}")
    return tokens


def _merge(parent: dict, child: dict) -> dict:
    """``child`` over ``parent``: mappings merge key by key (recursively), the contrast lists of each kind are
    joined (a child adds pairs, it cannot drop its parent's), any other value replaces the parent's."""
    merged = dict(parent)
    for key, value in child.items():
        if key == "contrast" and isinstance(value, dict) and isinstance(parent.get(key), dict):
            pairs = dict(parent[key])
            for kind, listed in value.items():
                inherited = pairs.get(kind)
                if isinstance(inherited, list) and isinstance(listed, list):
                    listed = inherited + [pair for pair in listed if pair not in inherited]
                pairs[kind] = listed
            merged[key] = pairs
        elif isinstance(value, dict) and isinstance(parent.get(key), dict):
            merged[key] = _merge(parent[key], value)
        else:
            merged[key] = value
    return merged


def _parent_folder(child: Path, parent: object, search: list[Path]) -> Path:
    """The folder of the theme ``child`` extends, or a ThemeError naming the child, its file and the parent."""
    where = f"theme {child.name!r} ({child / TOKENS_FILE})"
    if not (isinstance(parent, str) and parent.strip()):
        raise ThemeError(f"{where}: extends must name a theme such as 'base', got {parent!r}")
    try:
        return _find_theme(parent, search, relative_to=child)
    except ThemeError as err:
        raise ThemeError(f"{where} extends {parent!r}, which is not a theme: {err}") from None


def load_theme(name_or_path: str | Path = "base", theme_dirs: Iterable[Path | str] = ()) -> Theme:
    """The theme called ``name_or_path`` (looked up in each of ``theme_dirs``, first match wins, then in wetkit's
    ``themes/``; a Path or a string with a ``/`` is a theme folder), with its ``extends:`` chain merged (see
    ``_merge``; cycles and unknown parents are ThemeErrors), its colours checked to be colours and its contrast
    settings and pair lists checked (the pairs are proven by :func:`check_contrast`, the token set by
    :func:`check_tokens`)."""
    search = _search_dirs(theme_dirs)
    folder = _find_theme(name_or_path, search)
    name = folder.name
    chain: list[Path] = []
    layers: list[dict] = []
    here: Path | None = folder
    while here is not None:
        if any(here.resolve() == seen.resolve() for seen in chain):
            names = " -> ".join([*(p.name for p in chain), here.name])
            raise ThemeError(f"theme {name!r}: its extends chain goes round in a circle: {names}")
        tokens = _read_tokens(here, here.name)
        parent = tokens.pop("extends", None)
        chain.append(here)
        layers.append(tokens)
        here = None if parent is None else _parent_folder(chain[-1], parent, search)
    if not any((f / SETTINGS_FILE).is_file() for f in chain):
        raise ThemeError(f"{folder}: missing {SETTINGS_FILE} (build-time settings such as breakpoints; "
                         "copy themes/base/_settings.scss, or write extends: base in tokens.yaml)")
    tokens: dict = {}
    for layer in reversed(layers):
        tokens = _merge(tokens, layer)
    where = f"theme {name!r} ({folder / TOKENS_FILE})"
    colours = tokens.get("color")
    if not isinstance(colours, dict) or not isinstance(colours.get("light"), dict):
        raise ThemeError(f"{where}: color.light is required (or extends: base)")
    theme = Theme(name, folder, tokens, tuple(chain))
    _check_colours(theme)
    _contrast_pairs(theme)
    return theme


def _check_colours(theme: Theme) -> None:
    """Every ``color.<scheme>`` is a mapping of colour names to ``#rgb``/``#rrggbb`` values."""
    where = f"theme {theme.name!r} ({theme.folder / TOKENS_FILE})"
    for scheme, colours in theme.tokens["color"].items():
        if not isinstance(colours, dict):
            raise ThemeError(f"{where}: color.{scheme} must map colour names to colours, got {colours!r}")
        for token, value in colours.items():
            if not (isinstance(value, str) and _HEX_COLOUR.fullmatch(value)):
                raise ThemeError(f"{where}: color.{scheme}.{token} is {value!r}, not a colour; allowed: #rgb or "
                                 f"#rrggbb (the contrast proof computes with it)")


# ---- the token set the components need -------------------------------------------------------------------------

_READ = re.compile(r"var\(\s*--wet-([\w-]+)")
_SET = re.compile(r"--wet-([\w-]+)\s*:")


def required_tokens(registry: Registry) -> set[str]:
    """The custom properties (without ``--wet-``) a theme must define: every ``var(--wet-...)`` that the shared
    foundations (``wetkit/scss``) and the SCSS of every component in ``registry`` read, except a component's own
    properties (set and read in its own file only, such as ``--wet-alert-accent``)."""
    reads: dict[str, set[Path]] = {}
    sets: dict[Path, set[str]] = {}
    files = [*sorted(paths.SCSS_DIR.glob("*.scss")), *(s.scss_file for s in registry if s.scss_file is not None)]
    for file in files:
        text = file.read_text(encoding="utf-8")
        for token in _READ.findall(text):
            reads.setdefault(token, set()).add(file)
        if file.parent != paths.SCSS_DIR:
            sets[file] = set(_SET.findall(text))
    return {token for token, readers in reads.items()
            if not (len(readers) == 1 and token in sets.get(next(iter(readers)), ()))}


def theme_properties(theme: Theme) -> dict[str, set[str]]:
    """The custom properties (without ``--wet-``) the theme defines, per colour scheme (others are in all)."""
    common = {f"{group}-{key}" for group, values in theme.tokens.items()
              if group not in ("color", "contrast") and isinstance(values, dict) for key in values}
    return {scheme: common | {f"color-{key}" for key in colours}
            for scheme, colours in theme.tokens["color"].items()}


def check_tokens(theme: Theme, registry: Registry) -> None:
    """Raise ThemeError naming the theme and every token the components use that it does not define, in any of its
    colour schemes (a dark scheme without a colour would show the light one on a dark page)."""
    needed = required_tokens(registry)
    missing = []
    for scheme, defined in theme_properties(theme).items():
        for token in sorted(needed - defined):
            if token.startswith("color-"):
                missing.append(f"color.{scheme}.{token[len('color-'):]}")
            elif scheme == "light":
                group, _, key = token.partition("-")
                missing.append(f"{group}.{key}")
    if missing:
        raise ThemeError(f"theme {theme.name!r} ({theme.folder / TOKENS_FILE}) is missing {len(missing)} "
                         f"token{'s' if len(missing) > 1 else ''} the components use: {', '.join(missing)} "
                         f"(each is read as var(--wet-<group>-<name>); add them, or write extends: base)")


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


def _settings_imports(theme: Theme) -> list[str]:
    """``@import`` lines for the ``_settings.scss`` of the theme and then of each parent: all use ``!default``, so
    the nearest theme's value wins and a child sets only what it changes."""
    lines = []
    for folder in theme.chain:
        settings = folder / SETTINGS_FILE
        if settings.is_file():
            target = settings.resolve().with_name("settings").as_posix()
            if '"' in target or "\\" in target:
                raise ThemeError(f"theme {theme.name!r}: the path {settings} holds a quote or backslash, which an "
                                 "SCSS @import cannot name; move the theme to a plainer folder")
            lines.append(f'@import "{target}";')
    return lines


def theme_source(theme: Theme, components: Iterable[str], registry: Registry) -> str:
    """The SCSS entry for a theme and a list of components (in the given order)."""
    lines = [*_settings_imports(theme), '@import "mixins";', _custom_properties(theme), '@import "base";',
             '@import "forms";', '@import "choices";']
    for name in components:
        if name not in registry:
            raise ThemeError(f"no component {name!r} to style; components: {', '.join(registry.names())}")
        scss = registry[name].scss_file
        if scss is not None:  # by full path: a registry may span several folders (a team's and wetkit's)
            lines.append(f'@import "{scss.resolve().as_posix()}";')
    return "\n".join(lines) + "\n"


@functools.lru_cache(maxsize=32)
def _compile_cached(theme_ref: str | Path, theme_dirs: tuple[Path, ...], components: tuple[str, ...], minify: bool,
                    registry: Registry, stamp: tuple) -> str:
    theme = load_theme(theme_ref, theme_dirs)
    check_tokens(theme, registry)
    check_contrast(theme)
    source = theme_source(theme, components, registry)
    return compile_scss(source, [*theme.chain, paths.SCSS_DIR], minify=minify)


def _sources_stamp(registry: Registry, theme: Theme) -> tuple:
    """Every source file a compile reads, with its modification time (a change recompiles): the theme's folders
    (its own and its parents'), the foundations and the components' SCSS in every folder of the registry."""
    theme_files = [f for folder in theme.chain for f in folder.rglob("*")]
    files = [*theme_files, *paths.SCSS_DIR.glob("*.scss"),
             *(f for folder in registry.components_dirs for f in folder.glob("*/_*.scss"))]
    return tuple(sorted((str(f), f.stat().st_mtime_ns) for f in files if f.is_file()))


def compile_theme(theme: str | Path = "base", components: Iterable[str] | None = None, minify: bool = True, *,
                  registry: Registry | None = None, theme_dirs: Iterable[Path | str] = ()) -> str:
    """CSS for ``theme`` (a name or a theme folder, see :func:`load_theme`; ``theme_dirs``: a team's theme folders,
    searched before wetkit's) covering ``components`` (default: all) and the components they draw (a header brings
    its language toggle and search). ``registry``: where the components' SCSS comes from (default: wetkit's own; pass
    the one your pages render with); the theme must define every token that registry's SCSS reads. Raises
    ThemeError on any problem."""
    if registry is None:
        registry = get_registry()
    dirs = tuple(_search_dirs(theme_dirs)[:-1])
    try:
        names = tuple(registry.with_dependencies(components) if components is not None else registry.names())
    except KeyError as err:
        raise ThemeError(err.args[0]) from None
    stamp = _sources_stamp(registry, load_theme(theme, dirs))  # YAML only: cheap next to a compile
    return _compile_cached(theme, dirs, names, minify, registry, stamp)
