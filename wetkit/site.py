"""Build the demo and docs site from the component specs.

Output (``_site/`` by default)::

    index.html                                   the component index
    components/<name>/index.html                 one page per component: summary, examples, parameters, a11y
    components/<name>/<example>/index.html       one demo page per example, inside the real page template
    static/wetkit/wetkit.min.css, wetkit.min.js  the base theme and the JS bundle
    manifest.json                                every page: component, example, path, lang, region

Builds are byte-identical when nothing changed: no timestamps, sorted output, dates taken from the sources.
Files are rewritten only when their content changes, and files a previous build made that are no longer produced
are removed (only those listed in the old manifest: nothing else in the folder is touched).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from wetkit import __version__, paths
from wetkit.assets import bundle_js
from wetkit.jinja import environment
from wetkit.registry import ComponentSpec, Example, Registry, get_registry
from wetkit.sass import compile_theme

SITE_TEMPLATES = paths.PACKAGE_DIR / "site_templates"
SITE_NAME = "wetkit"
STATIC = "static/wetkit"


@dataclass(frozen=True)
class Page:
    """One page of the built site, as listed in manifest.json."""

    path: str  # URL path relative to the site root, ending in "/" for index pages
    title: str
    lang: str = "en"
    component: str | None = None
    example: str | None = None
    region: str = "main"

    @property
    def file(self) -> str:
        return self.path + "index.html" if self.path.endswith("/") or not self.path else self.path


def to_jinja(value: Any) -> str:
    """A Jinja literal for ``value`` (for the code samples shown under each example)."""
    if isinstance(value, Markup):
        return f"{json.dumps(str(value), ensure_ascii=False)}|safe"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (_dt.date,)):
        return json.dumps(value.isoformat())
    if isinstance(value, dict):
        return "{" + ", ".join(f"{to_jinja(k)}: {to_jinja(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(to_jinja(v) for v in value) + "]"
    if value is None:
        return "none"
    return repr(value)


def example_code(spec: ComponentSpec, example: Example) -> str:
    """The template code a team would write to get this example."""
    parts = [f"{key}={to_jinja(value)}" for key, value in example.params.items()]
    args = ", ".join(parts)
    if len(args) > 60:  # one argument a line, as a person would write a long call
        args = "\n    " + ",\n    ".join(parts) + ",\n"
    if example.content is not None:
        return f"{{% call wet.{spec.name}({args}) %}}\n  {example.content.strip()}\n{{% endcall %}}"
    return f"{{{{ wet.{spec.name}({args}) }}}}"


def render_example(env: jinja2.Environment, spec: ComponentSpec, example: Example) -> Markup:
    """Render one example exactly as a team's template would call it."""
    component = getattr(env.globals["wet"], spec.name)
    if example.content is not None:
        content = Markup(example.content) if not isinstance(example.content, Markup) else example.content
        html = component(caller=lambda: content, **example.params)
    else:
        html = component(**example.params)
    if example.after is not None:
        html += Markup("\n") + Markup(example.after)
    return html


def _source_date(folder: Path) -> _dt.date:
    newest = max(f.stat().st_mtime for f in folder.iterdir() if f.is_file())
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        newest = min(newest, float(epoch))
    return _dt.datetime.fromtimestamp(newest, tz=_dt.timezone.utc).date()


class SiteBuilder:
    """Renders every page into memory, then writes what changed."""

    def __init__(self, registry: Registry | None = None, theme: str = "base", lang: str = "en"):
        self.registry = registry or get_registry()
        self.theme = theme
        self.lang = lang
        self.env = environment(lang=lang, loader=jinja2.FileSystemLoader(str(SITE_TEMPLATES)),
                               undefined=jinja2.StrictUndefined)
        self.env.globals.update(example_code=example_code, site_name=SITE_NAME, version=__version__)

    def _context(self, page: Page, depth: int) -> dict[str, Any]:
        root = "../" * depth
        return {
            "lang": page.lang,
            "title": page.title,
            "site_name": SITE_NAME,
            "static_url": root + STATIC,
            "root": root,
            "page": page,
            "header": {"service_name": SITE_NAME, "service_href": root or "./"},
            "footer": {
                "main_links": [{"text": "All components", "href": root or "./"}],
                "sub_links": [{"text": f"wetkit {__version__}", "href": root or "./"}],
            },
        }

    def page_list(self) -> list[Page]:
        """Every page of the site, in manifest order, without rendering anything (tests parametrise on it)."""
        pages = [Page(path="", title="Components")]
        for spec in self.registry:
            pages.append(Page(path=f"components/{spec.name}/", title=spec.title, component=spec.name))
            pages += [
                Page(path=f"components/{spec.name}/{example.name}/",
                     title=f"{spec.title}: {example.name.replace('-', ' ')}",
                     lang=self.lang, component=spec.name, example=example.name, region=spec.page_region)
                for example in spec.examples.values()
            ]
        return pages

    def render(self, page: Page) -> str:
        """The HTML of one page of ``page_list()``."""
        if page.component is None:
            return self.env.get_template("index.html").render(
                **self._context(page, 0), components=list(self.registry), breadcrumbs=None, date_modified=None,
            )
        spec = self.registry[page.component]
        if page.example is None:
            return self.env.get_template("component.html").render(
                **self._context(page, 2), spec=spec, breadcrumbs=[{"text": "Components", "href": "../../"}],
                date_modified=_source_date(spec.folder),
            )
        example = spec.examples[page.example]
        html = render_example(self.env, spec, example)
        if example.lang != self.lang:  # an example in the other language is marked up as such
            html = Markup('<div lang="{}">{}</div>').format(example.lang, html)
        crumbs = [{"text": "Components", "href": "../../../"}, {"text": spec.title, "href": "../"}]
        return self.env.get_template("example.html").render(
            **self._context(page, 3), spec=spec, example=example, region=spec.page_region,
            demo=html, breadcrumbs=crumbs, date_modified=_source_date(spec.folder),
        )

    def pages(self) -> dict[Page, str]:
        """Every page and its HTML, in a stable order."""
        return {page: self.render(page) for page in self.page_list()}

    def build(self, out_dir: Path) -> list[Page]:
        """Write the site into ``out_dir``; returns the pages in manifest order."""
        out_dir = Path(out_dir)
        files: dict[str, str] = {}
        pages = self.pages()
        for page, html in pages.items():
            files[page.file] = html
        files[f"{STATIC}/wetkit.min.css"] = compile_theme(self.theme)
        files[f"{STATIC}/wetkit.min.js"] = bundle_js()
        files[f"{STATIC}/favicon.svg"] = (paths.PACKAGE_DIR / "static" / "favicon.svg").read_text(encoding="utf-8")
        manifest = {
            "generator": f"wetkit {__version__}",
            "theme": self.theme,
            "pages": [asdict(p) for p in pages],
            "files": sorted(files),
        }
        files["manifest.json"] = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
        self._remove_stale(out_dir, set(files))
        for rel, text in sorted(files.items()):
            target = out_dir / rel
            data = text.encode("utf-8")
            if target.is_file() and target.read_bytes() == data:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return list(pages)

    @staticmethod
    def _remove_stale(out_dir: Path, keep: set[str]) -> None:
        old_manifest = out_dir / "manifest.json"
        if not old_manifest.is_file():
            return
        try:
            previous = json.loads(old_manifest.read_text(encoding="utf-8")).get("files", [])
        except (ValueError, AttributeError):
            return
        for rel in previous:
            if rel not in keep and (out_dir / rel).is_file():
                (out_dir / rel).unlink()


def build_site(out_dir: Path | str = "_site", theme: str = "base") -> list[Page]:
    """Build the demo/docs site into ``out_dir`` (see module docstring)."""
    return SiteBuilder(theme=theme).build(Path(out_dir))
