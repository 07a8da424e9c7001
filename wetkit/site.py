"""Build the demo and docs site from the component specs.

Output (``_site/`` by default)::

    index.html                                     the language chooser: links to en/ and fr/ (no redirect)
    <lang>/index.html                              the component index, for each of LANGUAGES (en, fr)
    <lang>/components/<name>/index.html            one page per component: summary, examples, parameters, a11y
    <lang>/components/<name>/<example>/index.html  one demo page per example, inside the real page template
    en/themes/<theme>/components/<name>/<example>/index.html
                                                   the English demo page again in each other theme
    <lang>/docs/<guide>/index.html                 each guide of docs/*.md (wetkit.guides); written in English, so
                                                   a French guide page says so and shows it marked lang="en"
    <lang>/search/index.html, <lang>/search-index.json  the search page and its prebuilt index of the components and
                                                   guides (looked up in the browser by js/docs-search.js); every
                                                   page's header has a search box that leads there
    static/wetkit/docs-search.js                   the search page's script (not part of the component bundle)
    <lang>/accessibility/index.html                the conformance summary of every component (see CONFORMANCE)
    static/wetkit/wetkit.min.css, wetkit.min.js    the site's theme and the JS bundle (shared by both languages)
    static/wetkit/themes/<theme>.min.css           each other theme's stylesheet
    static/wetkit/site.js                          the docs pages' own script (copy buttons), not part of the bundle
    manifest.json                                  every page (with its lang and counterpart), every file's SHA-256

Every page but the chooser exists in each language, rendered with that language's environment
(``wetkit.environment(lang=...)``): ``<html lang>``, the chrome and every built-in string in that language, and a
language toggle linking to the same page in the other language (``Page.counterpart``). In a French page an example
shows its ``params_fr``/``content_fr`` (see :class:`wetkit.registry.Example`); an example written in the other
language (``lang: fr`` in an English page) is rendered with its own language's environment inside
``<div lang="fr">``. Text that comes from the specs and exists only in English (summaries, parameter docs, a11y
notes) is marked ``lang="en"`` on pages in another language.

Theme variants: every English example page also exists once per other theme (``SiteBuilder(variants=...)``, by
default every theme ``wetkit.sass.available_themes`` finds), the same HTML with that theme's stylesheet. Each English
example page carries a theme switcher: plain links to its variants, the current one marked ``aria-current="page"``.
French example pages get no variants (the theme does not depend on the language, and each variant is a page the
suite audits); their ``Page.theme`` is the site's theme, as for every non-variant page.

Builds are byte-identical when nothing changed: no timestamps, sorted output, dates taken from the sources.
Files are rewritten only when their content changes.

The output folder is wetkit's alone, and the build proves it before it changes anything (see ``_sync``):

- every file in the folder must be one this build writes with the same bytes, or one the previous build wrote, byte
  for byte (its SHA-256 in the old ``manifest.json`` matches). Anything else (a file of yours, a file edited since
  wetkit wrote it, a symlink, a folder without a wetkit manifest that is not empty) stops the build with an error that
  names the folder, a few of the files and the way out: ``--clean`` (``clean=True``);
- files of the previous build that are no longer produced are removed, and so are the folders they leave empty;
- the old manifest is only a table of hashes for files found by walking the folder, never a list of paths to delete:
  nothing outside the folder is ever touched, and a manifest with an absolute path or ``..`` in it is refused as
  one wetkit never wrote;
- ``clean=True`` deletes everything in the folder that the build does not produce (symlinks are removed, never
  followed). It refuses a folder that holds the current directory, your home folder or wetkit itself.

A manifest from wetkit 0.1.0 without hashes proves nothing: files that already hold what this build writes are kept,
anything else needs ``--clean`` once. Stray ``.DS_Store``, ``Thumbs.db`` and ``desktop.ini`` files are left alone.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import jinja2
import rjsmin
from markupsafe import Markup

from wetkit import __version__, conformance, paths
from wetkit.errors import WetkitError
from wetkit.guides import guide_words, load_guides, render_guide
from wetkit.jinja import environment, setup, translations
from wetkit.registry import EXAMPLE_LANGS, ComponentSpec, Example, JinjaCode, Registry
from wetkit.sass import available_themes, load_theme

SITE_TEMPLATES = paths.PACKAGE_DIR / "site_templates"
CONFORMANCE = "accessibility/"  # the conformance summary's folder in each language
SITE_NAME = "wetkit"
STATIC = "static/wetkit"
#: The languages the site is built in, each under its own folder; the first is the chooser page's language.
LANGUAGES = EXAMPLE_LANGS
#: The language whose example pages also exist in every other theme (one language keeps the page count down).
THEMED_LANG = "en"


@dataclass(frozen=True)
class Page:
    """One page of the built site, as listed in manifest.json."""

    path: str  # URL path relative to the site root, ending in "/" for index pages
    title: str
    lang: str = "en"
    component: str | None = None
    example: str | None = None
    region: str = "main"
    counterpart: str | None = None  # path of this page in the other language (None: the language chooser)
    theme: str = "base"  # the theme whose stylesheet the page loads
    team: bool = False  # a page of a team's component (from a folder of its own, not wetkit's)
    guide: str | None = None  # the slug of the docs/ guide this page shows (wetkit.guides)

    @property
    def depth(self) -> int:
        """How many folders below the site root the page sits."""
        return self.path.count("/")

    @property
    def file(self) -> str:
        return self.path + "index.html" if self.path.endswith("/") or not self.path else self.path


def to_jinja(value: Any, html_blocks: dict[str, str] | None = None, slot: str = "html") -> str:
    """A Jinja literal for ``value``, written as a team writes it (for the code shown with each example).

    A nested call (JinjaCode) is shown as written. HTML (Markup) cannot be a literal without ``|safe``, so it becomes
    a ``{% set %}`` block, which yields Markup under autoescape: it is added to ``html_blocks`` ({name: HTML}, named
    after ``slot``, the parameter or field holding it) and the literal is that name. Without ``html_blocks``,
    Markup is refused (ValueError): a shown snippet never pipes HTML through ``|safe``."""
    if isinstance(value, JinjaCode):
        return str(value)
    if isinstance(value, Markup):
        if html_blocks is None:
            raise ValueError(f"cannot write HTML {str(value)[:40]!r} as a Jinja literal without |safe")
        name = f"{slot}_{len(html_blocks) + 1}"
        html_blocks[name] = str(value)
        return name
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (_dt.date,)):
        return json.dumps(value.isoformat())
    if isinstance(value, dict):
        return "{" + ", ".join(f"{to_jinja(k)}: {to_jinja(v, html_blocks, str(k))}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        items = [to_jinja(v, html_blocks, slot) for v in value]
        one_line = "[" + ", ".join(items) + "]"
        if len(one_line) <= _LINE:
            return one_line
        return "[\n" + "".join(f"        {item},\n" for item in items) + "    ]"  # one item a line, in the call
    if value is None:
        return "none"
    return repr(value)


_LINE = 60  # a call or list longer than this is written one argument (or item) a line


def example_code(spec: ComponentSpec, example: Example, lang: str = "en") -> str:
    """The template code a team would write to get this example, on a ``lang`` page: the spec's values as written
    (nested calls included), HTML values as ``{% set %}`` blocks before the call, content as the call's body."""
    html_blocks: dict[str, str] = {}
    parts = [f"{key}={to_jinja(value, html_blocks, key)}" for key, value in example.spec_params_for(lang).items()]
    args = ", ".join(parts)
    if len(args) > _LINE or "\n" in args:  # one argument a line, as a person would write a long call
        args = "\n    " + ",\n    ".join(parts) + ",\n"
    preamble = "".join(f"{{% set {name} %}}{html}{{% endset %}}\n" for name, html in html_blocks.items())
    content = example.content_source_for(lang)
    if content is not None:
        body = "".join(f"  {line}\n" for line in content.strip().splitlines())
        return f"{preamble}{{% call wet.{spec.name}({args}) %}}\n{body}{{% endcall %}}"
    return f"{preamble}{{{{ wet.{spec.name}({args}) }}}}"


def call_html(env: jinja2.Environment, spec: ComponentSpec, example: Example, lang: str = "en") -> Markup:
    """The HTML of the example's call alone (what ``example_code`` gives), without its demo-only ``after`` markup."""
    component = getattr(env.globals["wet"], spec.name)
    params = example.params_for(lang, env)
    content = example.content_for(lang, env)
    return component(caller=lambda: content, **params) if content is not None else component(**params)


def render_example(env: jinja2.Environment, spec: ComponentSpec, example: Example, lang: str = "en") -> Markup:
    """Render one example exactly as a team's template would call it, with its ``lang`` text (``params_for``),
    between its demo-only ``before`` and ``after`` markup; nested calls and content are rendered in ``env``."""
    html = call_html(env, spec, example, lang)
    before, after = example.before_for(lang, env), example.after_for(lang, env)
    if before is not None:
        html = before + Markup("\n") + html
    if after is not None:
        html += Markup("\n") + after
    return html


def _source_date(folder: Path) -> _dt.date:
    newest = max(f.stat().st_mtime for f in folder.iterdir() if f.is_file())
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        newest = min(newest, float(epoch))
    return _dt.datetime.fromtimestamp(newest, tz=_dt.timezone.utc).date()


class SiteBuilder:
    """Renders every page into memory, then writes what changed."""

    def __init__(self, registry: Registry | None = None, theme: str | Path = "base",
                 languages: tuple[str, ...] = LANGUAGES, catalogues: Any = (), *, components: Any = (),
                 themes: Any = (), variants: Iterable[str | Path] | None = None):
        """``registry``: the components to build pages for, render with, style and script (default: wetkit's own).
        The one Registry is passed to the Jinja environments, ``compile_theme`` and ``bundle_js``. ``components``
        and ``themes``: a team's folders, loaded alongside wetkit's as for ``wetkit.environment`` (its components
        get demo pages marked as the team's). ``theme``: the site's theme, a name (looked up in ``themes``, then
        wetkit's) or a theme folder. ``variants``: the other themes each English example page is also built in
        (default: every theme in ``themes`` and wetkit's; ``()`` for none). ``languages``: the site's languages
        (each needs a catalogue, see ``wetkit.environment``); the first is the chooser page's. ``catalogues``: a
        team's catalogue folders, as for ``wetkit.environment``."""
        self.setup = setup(components=components, themes=themes, registry=registry, where="wetkit.site")
        self.registry = self.setup.registry
        self.theme = theme
        self.theme_dirs = self.setup.theme_dirs
        self.theme_name = load_theme(theme, self.theme_dirs).name
        variants = available_themes(self.theme_dirs) if variants is None else variants
        #: theme name -> how compile_theme finds it, for each variant (the site's own theme is not one)
        self.variants = {load_theme(t, self.theme_dirs).name: t for t in variants}
        self.variants.pop(self.theme_name, None)
        self.languages = tuple(languages)
        self.catalogues = catalogues
        self.envs = {lang: self._environment(lang) for lang in {*self.languages, *EXAMPLE_LANGS}}
        self._gettext = {lang: translations(lang, catalogues).gettext for lang in self.envs}
        self._tables: dict[str, list[conformance.Row]] = {}

    @property
    def env(self) -> jinja2.Environment:
        """The environment of the first language (the chooser page's)."""
        return self.envs[self.languages[0]]

    def _environment(self, lang: str) -> jinja2.Environment:
        env = environment(lang=lang, registry=self.registry, themes=self.setup.theme_dirs,
                          loader=jinja2.FileSystemLoader(str(SITE_TEMPLATES)), undefined=jinja2.StrictUndefined,
                          catalogues=self.catalogues)
        env.globals.update(example_code=example_code, site_name=SITE_NAME, version=__version__,
                           conformance_path=CONFORMANCE, conformance_counts=conformance.counts)
        return env

    def _other(self, lang: str) -> str:
        """The language a page's toggle leads to: the next one of ``languages``."""
        return self.languages[(self.languages.index(lang) + 1) % len(self.languages)]

    def _context(self, page: Page, depth: int) -> dict[str, Any]:
        """What page.html needs; ``depth``: how many folders below the site root the page sits."""
        _ = self._gettext[page.lang]
        root = "../" * depth
        home = "../" * (depth - 1) or "./"  # this language's index
        toggle = None
        if page.counterpart is not None:
            toggle = {"href": root + page.counterpart, "lang": self._other(page.lang)}
        return {
            "lang": page.lang,
            "title": page.title,
            "site_name": SITE_NAME,
            "static_url": root + STATIC,
            "root": root,
            "page": page,
            "language_toggle": toggle,
            # Spec text (summaries, docs, a11y notes) is written in English: marked up as such on other pages.
            "spec_lang": Markup("") if page.lang == "en" else Markup(' lang="en"'),
            "stylesheet": "wetkit.min.css" if page.theme == self.theme_name else f"themes/{page.theme}.min.css",
            "header": {"service_name": SITE_NAME, "service_href": home,
                       **({"language_toggle": toggle} if toggle else {}),
                       "search": {"action": f"{root}{page.lang}/{SEARCH}", "label": _("Search components and guides"),
                                  "id": "site-header-search"}},
            "footer": {
                "main_links": [{"text": _("All components"), "href": home}],
                "sub_links": [{"text": f"wetkit {__version__}", "href": home}],
            },
        }

    def page_list(self) -> list[Page]:
        """Every page of the site, in manifest order, without rendering anything (tests parametrise on it): the
        language chooser, then every page in each language."""
        theme = self.theme_name
        pages = [Page(path="", title=SITE_NAME, lang=self.languages[0], theme=theme)]
        for lang in self.languages:
            _ = self._gettext[lang]
            other = self._other(lang)
            pages.append(Page(path=f"{lang}/", title=_("Components"), lang=lang, counterpart=f"{other}/", theme=theme))
            pages.append(Page(path=f"{lang}/{CONFORMANCE}", title=_("Accessibility conformance"), lang=lang,
                              counterpart=f"{other}/{CONFORMANCE}", theme=theme))
            for spec in self.registry:
                folder = f"components/{spec.name}/"
                pages.append(Page(path=f"{lang}/{folder}", title=spec.title, lang=lang, component=spec.name,
                                  counterpart=f"{other}/{folder}", theme=theme, team=spec.team))
                pages += [
                    Page(path=f"{lang}/{folder}{example.name}/",
                         title=f"{spec.title}: {example.name.replace('-', ' ')}",
                         lang=lang, component=spec.name, example=example.name, region=spec.page_region,
                         counterpart=f"{other}/{folder}{example.name}/", theme=theme, team=spec.team)
                    for example in spec.examples.values()
                ]
            pages += self.guide_pages(lang)
            pages.append(Page(path=f"{lang}/{SEARCH}", title=_("Search"), lang=lang, counterpart=f"{other}/{SEARCH}",
                              theme=self.theme_name))
        if THEMED_LANG in self.languages:
            pages += [
                replace(page, path=self._themed_path(page, variant), theme=variant)
                for variant in self.variants for page in pages if page.example is not None and page.lang == THEMED_LANG
            ]
        return pages

    @staticmethod
    def shown_lang(example: Example, lang: str) -> str:
        """The language ``example`` is rendered in on a ``lang`` page (see ``demo``)."""
        return lang if example.has_version(lang) or example.lang == "en" else example.lang

    @staticmethod
    def _themed_path(page: Page, theme: str) -> str:
        """Where ``page`` (an example page) lives in ``theme``: ``<lang>/themes/<theme>/components/...``."""
        lang, _, rest = page.path.partition("/")
        return f"{lang}/themes/{theme}/{rest}"

    def theme_switcher(self, page: Page) -> list[dict[str, Any]] | None:
        """Links to ``page`` in the site's theme and each variant (``current`` marks ``page``'s own); None on pages
        without variants."""
        if page.example is None or page.lang != THEMED_LANG or not self.variants:
            return None
        root = "../" * page.depth
        base_path = f"{page.lang}/components/{page.component}/{page.example}/"
        links = [{"theme": self.theme_name, "href": root + base_path, "current": page.theme == self.theme_name}]
        links += [{"theme": theme, "href": root + self._themed_path(replace(page, path=base_path), theme),
                   "current": page.theme == theme} for theme in self.variants]
        return links

    def guide_pages(self, lang: str) -> list[Page]:
        """The ``lang`` page of each guide in docs/ (see wetkit.guides), in reading order."""
        return [Page(path=f"{lang}/docs/{guide.slug}/", title=guide.title, lang=lang, guide=guide.slug,
                     counterpart=f"{self._other(lang)}/docs/{guide.slug}/", theme=self.theme_name)
                for guide in load_guides()]

    def search_index(self, lang: str) -> dict[str, Any]:
        """What the ``lang`` search page looks up: each component and guide page (title, URL relative to the
        language's folder, kind, the words searched besides the title, and ``lang`` when those are not in ``lang``)."""
        _ = self._gettext[lang]
        other_lang = {} if lang == "en" else {"lang": "en"}
        entries = [{"title": spec.title, "url": f"components/{spec.name}/", "kind": _("Component"),
                    "text": " ".join([spec.summary, *spec.params, *spec.examples]), **other_lang}
                   for spec in self.registry]
        entries += [{"title": guide.title, "url": f"docs/{guide.slug}/", "kind": _("Guide"),
                     "text": guide_words(guide), **other_lang} for guide in load_guides()]
        return {"lang": lang, "pages": entries}

    def render_search(self, page: Page) -> str:
        """The search page: a form, a status line and a result list that js/docs-search.js fills from the index."""
        context = self._context(page, 2)
        context["header"] = {k: v for k, v in context["header"].items() if k != "search"}  # the page's own form
        return self.envs[page.lang].get_template("search.html").render(**context, breadcrumbs=None,
                                                                       date_modified=None)

    def render_guide(self, page: Page) -> str:
        """A guide's page: its body, in English (marked lang="en" on other pages, with a note), and the guide list."""
        _ = self._gettext[page.lang]
        guides = load_guides()
        guide = next(g for g in guides if g.slug == page.guide)
        return self.envs[page.lang].get_template("guide.html").render(
            **self._context(page, 3), guide=guide, guides=guides, body=render_guide(guide, guides),
            english_page=f"../../../en/docs/{guide.slug}/", breadcrumbs=[{"text": _("Components"), "href": "../../"}],
            date_modified=None,
        )

    def demo(self, spec: ComponentSpec, example: Example, lang: str) -> Markup:
        """One example as shown on a ``lang`` page: in ``lang`` when the spec gives it in ``lang`` (or gives no
        other version: see ``Example.params_for``), else in its own language, with that language's built-in strings,
        inside ``<div lang>``."""
        shown = self.shown_lang(example, lang)
        html = render_example(self.envs[shown], spec, example, shown)
        if shown != lang:
            html = Markup('<div lang="{}">{}</div>').format(shown, html)
        return html

    def render(self, page: Page) -> str:
        """The HTML of one page of ``page_list()``."""
        env = self.envs[page.lang]
        _ = self._gettext[page.lang]
        if page.counterpart is None:
            languages = [{"lang": lang, "href": f"{lang}/", "name": _LANGUAGE_NAMES.get(lang, lang)}
                         for lang in self.languages]
            context = {**self._context(page, 0), "header": None, "footer": None, "site_name": None}
            return env.get_template("choose.html").render(
                **context, languages=languages, breadcrumbs=None, date_modified=None,
            )
        if page.guide is not None:
            return self.render_guide(page)
        if page.path == f"{page.lang}/{SEARCH}":
            return self.render_search(page)
        if page.path == f"{page.lang}/{CONFORMANCE}":
            return env.get_template("conformance.html").render(
                **self._context(page, 2), components=[(spec, self.conformance(spec)) for spec in self.registry],
                totals=conformance.counts(row for spec in self.registry for row in self.conformance(spec)),
                axe_version=conformance.axe_version(), breadcrumbs=[{"text": _("Components"), "href": "../"}],
                date_modified=None,
            )
        if page.component is None:
            return env.get_template("index.html").render(
                **self._context(page, 1), components=list(self.registry), breadcrumbs=None, date_modified=None,
                guides=load_guides(),
            )
        spec = self.registry[page.component]
        if page.example is None:
            return env.get_template("component.html").render(
                **self._context(page, 3), spec=spec, breadcrumbs=[{"text": _("Components"), "href": "../../"}],
                date_modified=_source_date(spec.folder), shown=self.shown_examples(spec, page.lang),
                conformance=self.conformance(spec), axe_version=conformance.axe_version(),
            )
        example = spec.examples[page.example]
        home = "../" * (page.depth - 1)  # this language's index
        # a variant's component page is the site theme's (variants exist for example pages only)
        component_href = "../" if page.theme == self.theme_name else f"{home}components/{spec.name}/"
        crumbs = [{"text": _("Components"), "href": home}, {"text": spec.title, "href": component_href}]
        return env.get_template("example.html").render(
            **self._context(page, page.depth), spec=spec, example=example, region=spec.page_region,
            demo=self.demo(spec, example, page.lang), breadcrumbs=crumbs, date_modified=_source_date(spec.folder),
            component_href=component_href, theme_links=self.theme_switcher(page),
        )

    def shown_examples(self, spec: ComponentSpec, lang: str) -> list[dict[str, Any]]:
        """What a component page shows of each example on a ``lang`` page: the example, the language it is shown
        in, its code as written and the HTML that code renders."""
        shown = []
        for example in spec.examples.values():
            shown_lang = self.shown_lang(example, lang)
            shown.append({"example": example, "lang": shown_lang, "code": example_code(spec, example, lang),
                          "html": str(call_html(self.envs[shown_lang], spec, example, shown_lang)).strip()})
        return shown

    def conformance(self, spec: ComponentSpec) -> list[conformance.Row]:
        """The component's conformance rows, from its examples' English HTML and its spec (see wetkit.conformance)."""
        if spec.name not in self._tables:
            env = self.envs[EXAMPLE_LANGS[0]]
            rendered = [str(call_html(env, spec, example, example.lang)) for example in spec.examples.values()]
            self._tables[spec.name] = conformance.table(rendered, spec.manual_rows)
        return self._tables[spec.name]

    def pages(self) -> dict[Page, str]:
        """Every page and its HTML, in a stable order."""
        return {page: self.render(page) for page in self.page_list()}

    def build(self, out_dir: Path, clean: bool = False) -> list[Page]:
        """Write the site into ``out_dir``; returns the pages in manifest order (see the module docstring)."""
        files: dict[str, bytes] = {}
        pages = self.pages()
        for page, html in pages.items():
            files[page.file] = html.encode("utf-8")
        files[f"{STATIC}/wetkit.min.css"] = self.setup.css(self.theme).encode("utf-8")
        for name, theme in self.variants.items():
            files[f"{STATIC}/themes/{name}.min.css"] = self.setup.css(theme).encode("utf-8")
        files[f"{STATIC}/wetkit.min.js"] = self.setup.js().encode("utf-8")
        files[f"{STATIC}/favicon.svg"] = (paths.PACKAGE_DIR / "static" / "favicon.svg").read_bytes()
        search_js = (paths.JS_DIR / "docs-search.js").read_text(encoding="utf-8")
        files[f"{STATIC}/docs-search.js"] = (rjsmin.jsmin(search_js) + "\n").encode("utf-8")
        for lang in self.languages:
            index = json.dumps(self.search_index(lang), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            files[f"{lang}/search-index.json"] = index.encode("utf-8")
        files[f"{STATIC}/site.js"] = (paths.PACKAGE_DIR / "static" / "site.js").read_bytes()
        manifest = {
            "generator": f"wetkit {__version__}",
            "theme": self.theme_name,
            "pages": [asdict(p) for p in pages],
            "files": {rel: _digest(files[rel]) for rel in sorted(files)},
        }
        files[MANIFEST] = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        _sync(Path(out_dir), files, clean=clean)
        return list(pages)


MANIFEST = "manifest.json"
SEARCH = "search/"  # the search page's folder in each language
_LANGUAGE_NAMES = {"en": "English", "fr": "Français"}  # each in its own language, for the chooser page
_HASH_PREFIX = "sha256:"
_LEFT_ALONE = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})  # dropped by file browsers; never ours to delete
_SHOWN = 5  # unexpected files named in an error


def _digest(data: bytes) -> str:
    return _HASH_PREFIX + hashlib.sha256(data).hexdigest()


def _plain_relative(rel: object) -> bool:
    """A path of the kind the build writes: relative, "/"-separated, no ``..``/``.``/empty part, no ``\\``, ``:`` or
    control character. Anything else in a manifest was not written by wetkit."""
    if not isinstance(rel, str) or not rel or len(rel) > 1024:
        return False
    if any(ch < " " or ch in "\\:\x7f" for ch in rel):
        return False
    return all(part not in ("", ".", "..") for part in rel.split("/"))


def _previous_build(root: Path) -> tuple[dict[str, str | None] | None, list[str]]:
    """What the old manifest says wetkit wrote: {path: hash, or None for a 0.1.0 manifest without hashes}, or None
    when the folder has no wetkit manifest; and the entries that are not plain relative paths."""
    path = root / MANIFEST
    if path.is_symlink() or not path.is_file():
        return None, []
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return None, []
    if not isinstance(data, dict) or not str(data.get("generator", "")).startswith("wetkit "):
        return None, []
    listed = data.get("files")
    if isinstance(listed, dict):
        entries = [(rel, h if isinstance(h, str) and h.startswith(_HASH_PREFIX) else None) for rel, h in listed.items()]
    elif isinstance(listed, list):
        entries = [(rel, None) for rel in listed]
    else:
        return None, []
    unsafe = [repr(rel) for rel, _ in entries if not _plain_relative(rel)]
    return {rel: h for rel, h in entries if _plain_relative(rel)}, unsafe


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _refuse_to_clean(root: Path) -> None:
    """``clean`` empties a folder: never one that holds the current directory, the home folder or wetkit's own."""
    precious = {"the current directory": Path.cwd(), "your home folder": Path.home(),
                "wetkit itself": paths.PACKAGE_DIR, "wetkit's components": paths.COMPONENTS_DIR,
                "wetkit's themes": paths.THEMES_DIR}
    for what, folder in precious.items():
        folder = folder.resolve()
        if _inside(folder, root):
            raise WetkitError(f"refusing to --clean {root}: it holds {what} ({folder}). "
                              "Choose an output folder of its own, such as _site.")


def _scan(root: Path, files: dict[str, bytes], previous: dict[str, str | None] | None, clean: bool):
    """Walk ``root`` without following symlinks. Returns (entries to remove, entries wetkit cannot prove it wrote);
    with ``clean`` everything not produced is to remove and nothing is unexpected. Without ``clean`` the walk stops
    once enough unexpected entries are found to refuse."""
    remove: list[str] = []
    unexpected: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=_unreadable, followlinks=False):
        here = Path(dirpath)
        prefix = "" if here == root else here.relative_to(root).as_posix() + "/"
        for name in sorted(dirnames):
            if (here / name).is_symlink() or prefix + name in files:  # never written through; or a folder where a
                dirnames.remove(name)                                  # file goes
                (remove if clean else unexpected).append(prefix + name)
        dirnames.sort()
        for name in sorted(filenames):
            rel, path = prefix + name, here / name
            if name in _LEFT_ALONE and rel not in files:
                continue
            if path.is_symlink() or not path.is_file():
                (remove if clean else unexpected).append(rel)
            elif clean:
                if rel not in files:
                    remove.append(rel)
            elif rel == MANIFEST and previous is not None:  # a wetkit manifest: rewritten by every build
                continue
            else:
                try:
                    data = path.read_bytes()
                except OSError as err:
                    _unreadable(err)
                if files.get(rel) == data:  # already what this build writes
                    continue
                if previous and previous.get(rel) is not None and previous[rel] == _digest(data):
                    if rel not in files:  # the previous build wrote it, this one does not: remove
                        remove.append(rel)
                    continue
                unexpected.append(rel)
        if len(unexpected) > _SHOWN:
            break
    return remove, unexpected


def _unreadable(err: OSError) -> None:
    raise WetkitError(f"cannot read {err.filename} in the output folder ({err.strerror}): nothing was changed") from err


def _sync(out_dir: Path, files: dict[str, bytes], clean: bool) -> None:
    """Make ``out_dir`` hold exactly ``files`` ({relative path: bytes}), writing only what changed. Refuses, before
    touching anything, a folder that holds files wetkit cannot prove it wrote, unless ``clean``."""
    if out_dir.exists() and not out_dir.is_dir():
        raise WetkitError(f"{out_dir} is not a folder: pass --out a folder for the built site")
    out_dir.mkdir(parents=True, exist_ok=True)
    root = out_dir.resolve()
    if clean:
        _refuse_to_clean(root)
    previous, unsafe = _previous_build(root)
    if unsafe and not clean:
        raise WetkitError(
            f"{root / MANIFEST} lists paths that are not inside the folder ({', '.join(unsafe[:_SHOWN])}): wetkit "
            f"never writes such a manifest, so nothing was built or deleted. Check who changed it; pass --clean "
            f"(build_site(clean=True)) to rebuild {root} from scratch (that deletes only files inside it)."
        )
    remove, unexpected = _scan(root, files, previous, clean)
    if unexpected:
        shown = ", ".join(repr(rel) for rel in unexpected[:_SHOWN]) + (" and more" if len(unexpected) > _SHOWN else "")
        if previous is None:
            why = "is not empty and has no manifest.json from wetkit, so it holds files wetkit did not write"
        elif previous and all(h is None for h in previous.values()):
            why = "was built by wetkit 0.1.0, whose manifest.json has no file hashes, so wetkit cannot prove it wrote"
        else:
            why = "holds files wetkit did not write, or that changed since it wrote them"
        raise WetkitError(
            f"{root} {why}: {shown}. Nothing was changed. Build into an empty folder, move those files away, or pass "
            f"--clean (build_site(clean=True)) to delete everything in {root} that the build does not produce."
        )
    try:
        _apply(root, files, remove, clean)
    except OSError as err:
        raise WetkitError(f"could not update {err.filename or root} ({err.strerror or err}); the build stopped "
                          "part-way: fix the cause and build again") from err


def _apply(root: Path, files: dict[str, bytes], remove: list[str], clean: bool) -> None:
    emptied: set[Path] = set()
    for rel in remove:  # first, so a stale file never stands where a folder must go
        path = root / rel
        if path.is_dir() and not path.is_symlink():  # a real folder where a file goes (clean only)
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)  # a symlink is removed, never followed
        emptied.add(path.parent)
    for rel, data in sorted(files.items(), key=lambda item: (item[0] == MANIFEST, item[0])):  # the manifest last
        target = root / rel
        if target.is_symlink() or not _inside(target.parent.resolve(), root):  # appeared after the scan
            raise WetkitError(f"{target} is now a symlink or behind one; stopped before writing outside {root}")
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    _prune(root, emptied, everywhere=clean)


def _prune(root: Path, emptied: set[Path], everywhere: bool) -> None:
    """Remove the folders that deleting files left empty (with ``everywhere``, every empty folder under root)."""
    folders = {Path(folder) for folder, _, _ in os.walk(root)} - {root} if everywhere else set()
    for folder in emptied:
        folders.update(p for p in (folder, *folder.parents) if root in p.parents)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):  # not empty
            folder.rmdir()


def build_site(out_dir: Path | str = "_site", theme: str | Path = "base", *, clean: bool = False,
               registry: Registry | None = None, components: Any = (), themes: Any = (), catalogues: Any = (),
               variants: Iterable[str | Path] | None = None) -> list[Page]:
    """Build the demo/docs site into ``out_dir`` (see module docstring). ``clean=True`` first deletes everything in
    ``out_dir`` that the build does not produce; without it, a folder holding files wetkit did not write is refused.
    ``registry``, ``components``, ``themes``: the components to build and a team's folders (default: wetkit's own;
    see SiteBuilder); ``catalogues``: a team's catalogue folders; ``variants``: the themes the English example
    pages are also built in (see SiteBuilder)."""
    builder = SiteBuilder(registry=registry, theme=theme, catalogues=catalogues, components=components, themes=themes,
                          variants=variants)
    return builder.build(Path(out_dir), clean=clean)
