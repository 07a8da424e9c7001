"""Static assets: the JS bundle (core + each component's enhancement) and the size report.

The bundle is ``js/core.js``, the shared modules (``SHARED_MODULES``, used by several components), every
component's ``<name>.js`` in name order, then ``js/start.js`` which runs ``wetkit.initAll``. Pages may ask for only
the components they use (``components=[...]``); the core and shared modules always come along.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable

from wetkit import paths
from wetkit.registry import Registry, get_registry
from wetkit.sass import compile_theme

SHARED_MODULES = ("conditional-reveal.js",)


def bundle_js(components: Iterable[str] | None = None, minify: bool = True, *,
              registry: Registry | None = None) -> str:
    """The JS bundle for ``components`` (default: all) and the components they draw. ``registry``: where the
    components' scripts come from (default: wetkit's own; pass the one your pages render with)."""
    if registry is None:
        registry = get_registry()
    names = registry.with_dependencies(components) if components is not None else registry.names()
    parts = [(paths.JS_DIR / name).read_text(encoding="utf-8") for name in ("core.js", *SHARED_MODULES)]
    for name in names:
        js = registry[name].js_file
        if js is not None:
            parts.append(js.read_text(encoding="utf-8"))
    parts.append((paths.JS_DIR / "start.js").read_text(encoding="utf-8"))
    source = "\n".join(parts)
    return _min(source) if minify else source


def gzip_size(text: str) -> int:
    """Bytes after gzip -9, the figure the budgets use (mtime fixed so it is repeatable)."""
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def _min(source: str) -> str:
    import rjsmin

    return rjsmin.jsmin(source) + "\n"


def js_module_sizes(*, registry: Registry | None = None) -> dict[str, dict[str, int]]:
    """Each script's own size, minified and min+gzip, as if served alone: ``core.js``, the shared modules and every
    component's ``<name>.js`` (keyed by component name). A module used alone also needs ``core.js``; the bundle
    compresses better than the sum of its parts."""
    if registry is None:
        registry = get_registry()
    files = {name: paths.JS_DIR / name for name in ("core.js", *SHARED_MODULES)}
    for name in registry.names():
        js = registry[name].js_file
        if js is not None:
            files[name] = js
    sizes = {}
    for name, path in files.items():
        text = _min(path.read_text(encoding="utf-8"))
        sizes[name] = {"min": len(text.encode()), "gzip": gzip_size(text)}
    return sizes


def size_report(theme: str = "base", *, registry: Registry | None = None,
                theme_dirs: Iterable = ()) -> dict[str, dict[str, int]]:
    """Sizes of all components' CSS and JS for one theme (looked up in ``theme_dirs`` first): bytes minified, and
    minified + gzip."""
    css = compile_theme(theme, registry=registry, theme_dirs=theme_dirs)
    js = bundle_js(registry=registry)
    return {
        "css": {"min": len(css.encode()), "gzip": gzip_size(css)},
        "js": {"min": len(js.encode()), "gzip": gzip_size(js)},
    }
