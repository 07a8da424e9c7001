"""Jinja2 integration: the template loader, the ``wet`` global, filters and gettext.

``environment(**options)`` returns a ready Environment; ``install(env)`` adds wetkit to one you already have.
Templates then use ``{{ wet.button(text="Go") }}`` with no import, or
``{% from "wetkit/button.html" import button %}``, or ``{% extends "wetkit/page.html" %}``.

How a component is wired: ``components/<name>/<name>.html`` defines a private macro ``_render`` taking every spec
parameter by name (plus ``caller`` when it wraps content) and exports it with
``{% set <name> = wetkit_component("<name>", _render) %}``. ``wetkit_component`` wraps the macro in a
:class:`Component`, which checks each call against the spec and fills defaults before rendering.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from wetkit import i18n, paths, policy
from wetkit.errors import AttributeRefused, ParameterError, SpecError
from wetkit.params import describe
from wetkit.registry import HELPERS, ComponentSpec, Registry, get_registry, load_registry, team_folders
from wetkit.rules import RuleViolation, rules_for

PREFIX = "wetkit/"


class WetkitLoader(jinja2.BaseLoader):
    """Serves ``wetkit/<name>.html`` from the component folders and ``wetkit/<page>.html`` from the package."""

    def __init__(self, registry: Registry | None = None):
        self.registry = get_registry() if registry is None else registry

    def _path(self, template: str) -> str | None:
        if not template.startswith(PREFIX):
            return None
        rest = template[len(PREFIX):]
        if "/" in rest or ".." in rest:
            return None
        candidate = paths.TEMPLATES_DIR / rest
        if candidate.is_file():
            return str(candidate)
        name = rest.removesuffix(".html")
        if name in self.registry:
            return str(self.registry[name].folder / rest)
        return None

    def get_source(self, environment, template):
        path = self._path(template)
        if path is None:
            raise jinja2.TemplateNotFound(template)
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
        mtime = os.path.getmtime(path)
        return source, path, lambda: os.path.exists(path) and os.path.getmtime(path) == mtime

    def list_templates(self):
        names = {PREFIX + p.name for p in paths.TEMPLATES_DIR.glob("*.html")}
        names.update(spec.template_name for spec in self.registry)
        return sorted(names)


class _NoContent:
    """Passed as ``caller`` when a content-taking component is called without a {% call %} block: falsy, renders
    nothing, and safe under StrictUndefined (Jinja would otherwise substitute an Undefined)."""

    __slots__ = ()

    def __bool__(self) -> bool:
        return False

    def __call__(self, *args: Any, **kwargs: Any) -> Markup:
        return Markup("")


NO_CONTENT = _NoContent()


class Component:
    """A component as callers see it: checks each call against the spec and its rules (wetkit.rules), then renders
    the macro. Every error it lets out is a ParameterError naming this component (or, for a part it draws with
    another component, this one and then that one)."""

    __slots__ = ("spec", "_bind", "_render", "_takes_content", "_rules", "__name__")

    def __init__(self, spec: ComponentSpec, render: jinja2.runtime.Macro):
        self.spec = spec
        self.__name__ = spec.name
        self._bind = spec.signature.bind
        self._render = render
        self._takes_content = spec.takes_content
        self._rules = () if spec.team else rules_for(spec.name)  # wetkit's rules name its own components' params

    def __call__(self, *args: Any, caller: Callable | None = None, **kwargs: Any) -> Markup:
        name = self.spec.name
        params = self._bind(args, kwargs)
        if caller is not None:
            if not self._takes_content:
                raise ParameterError(f"wet.{name}: takes no {{% call %}} content; pass its parameters instead", name)
            if not callable(caller):
                raise ParameterError(
                    f"wet.{name}: 'caller' is the {{% call %}} block's content, set by Jinja; got {describe(caller)}. "
                    f"Write {{% call wet.{name}(...) %}}content{{% endcall %}}",
                    name,
                )
            params["caller"] = caller
        elif self._takes_content:
            params["caller"] = NO_CONTENT
        try:
            for rule in self._rules:
                rule(params)
        except RuleViolation as err:
            message = f"wet.{name}: parameter {err.param!r} got {describe(err.value)}; allowed: {err.allowed}"
            raise ParameterError(message, name) from None
        try:
            return self._render(**params)
        except AttributeRefused as err:
            raise ParameterError(self._attribute_message(err), name) from None
        except ParameterError as err:
            if err.component == name:
                raise
            # A part drawn by another component (label=, hint=, search=...) was wrong: say whose part it was.
            raise ParameterError(f"wet.{name} (in one of its parts): {err}", name) from None

    def _attribute_message(self, err: AttributeRefused) -> str:
        name = self.spec.name
        if not err.clash:
            return f"wet.{name}: attribute {err.attribute!r} got {describe(err.value)}; allowed: {err.allowed}"
        key = err.attribute.lower().replace("-", "_")
        candidates = (key, key.removeprefix("aria_"), key + "_id")  # href → href, aria-describedby → describedby, for
        param = next((c for c in candidates if c in self.spec.params), key)
        if param in self.spec.params and param not in ("attrs", "classes"):
            instead = f"wet.{name} sets it from its {param!r} parameter; pass {param}= instead"
        else:
            instead = f"wet.{name} sets it itself"
        return f"wet.{name}: parameter 'attrs' may not set {err.attribute!r} (given {describe(err.value)}): {instead}"

    def __repr__(self) -> str:
        return f"<wetkit component {self.spec.name}>"


def _component_factory(registry: Registry) -> Callable[[str, Any], Component]:
    def wetkit_component(name: str, render: jinja2.runtime.Macro) -> Component:
        if name not in registry:
            raise SpecError(
                f"wetkit_component({name!r}, ...): no component {name!r} in the registry; a component's template "
                f"exports itself under its folder's name. {_unknown_component(name, registry)}"
            )
        spec = registry[name]
        expected = set(spec.params) | ({"caller"} if spec.takes_content else set())
        declared = set(render.arguments) | ({"caller"} if render.caller else set())
        if declared != expected:
            missing, extra = sorted(expected - declared), sorted(declared - expected)
            raise SpecError(
                f"{spec.folder / (name + '.html')}: _render's arguments differ from the spec: "
                f"missing {missing}, not in the spec {extra}"
            )
        return Component(spec, render)

    return wetkit_component


class Namespace:
    """The ``wet`` global: ``wet.<component>`` is the checked component, loaded once per environment."""

    def __init__(self, env: jinja2.Environment, registry: Registry):
        self._env = env
        self._registry = registry
        self._cache: dict[str, Component] = {}

    def __getattr__(self, name: str) -> Component:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._cache[name]
        except KeyError:
            pass
        if name in HELPERS:
            import functools
            import importlib

            module, function = HELPERS[name].split(":")
            helper = functools.partial(getattr(importlib.import_module(module), function), self)
            self._cache[name] = helper
            return helper
        if name not in self._registry:
            raise ParameterError(_unknown_component(name, self._registry))
        component = getattr(self._env.get_template(PREFIX + name + ".html").module, name)
        self._cache[name] = component
        return component

    __getitem__ = __getattr__

    def __dir__(self):
        return self._registry.names()


def _unknown_component(name: str, registry: Registry) -> str:
    import difflib

    close = difflib.get_close_matches(name, registry.names(), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"wetkit has no component {name!r}{hint} Components: {', '.join(registry.names())}"


# ---- filters and helpers shared by every component ----------------------------------------------------------


_PLAIN_NAMES: set[str] = set()  # names that passed the attribute policy and hold no URL: no need to check again


def html_attrs(attrs: Mapping[str, Any] | None, **extra: Any) -> Markup:
    """The ``wet_attrs`` filter: render attributes as `` name="value"`` (escaped). True → bare attribute;
    False/None → left out.

    ``extra`` are the component's own attributes (``aria_describedby`` is written ``aria-describedby``); ``attrs``
    are a caller's, added after them. A caller's entry may not replace one of the component's own (even one it
    leaves out, such as an ``id`` not given): that raises AttributeRefused. Every name and every URL-bearing value
    passes the attribute policy (wetkit.policy), whoever gave it.
    """
    merged = {key.replace("_", "-"): value for key, value in extra.items()}
    if attrs:
        if not isinstance(attrs, Mapping):
            raise ParameterError(f"wet_attrs: expected a dict of attribute name to value, got {describe(attrs)}")
        if merged:
            own = {key.lower() for key in merged}
            for key, value in attrs.items():
                if isinstance(key, str) and key.lower() in own:
                    raise AttributeRefused(
                        f"wet_attrs: attrs may not replace the attribute {key!r} that the template sets itself",
                        key, value, "", clash=True,
                    )
        merged.update(attrs)
    parts = []
    for key, value in merged.items():
        if value is None or value is False:
            continue
        if key not in _PLAIN_NAMES:
            _check_attribute(key, value)
        if value is True:
            parts.append(f" {key}")
        else:
            parts.append(f' {key}="{escape(str(value))}"')  # str(): Markup is escaped too in attributes
    return Markup("".join(parts))


def _check_attribute(key: Any, value: Any) -> None:
    try:
        policy.check_attribute(key, value)
    except policy.PolicyViolation as err:
        raise AttributeRefused(
            f"wet_attrs: attribute {key!r} got {describe(value)}; allowed: {err.allowed}", key, value, err.allowed
        ) from None
    if not policy.holds_url(key.lower()):
        _PLAIN_NAMES.add(key)


def part_params(value: Any, component: str, param: str, **forced: Any) -> dict[str, Any]:
    """A sub-part given as a string or a dict, as keyword arguments for its own component.

    ``label="Email"`` becomes ``{"text": "Email", **forced}``; ``label={"text": "Email", "is_page_heading": True}``
    keeps its keys. ``forced`` are what the parent sets itself (``for_id``, ``id``); a dict may not set them.
    """
    if isinstance(value, Mapping):
        clash = sorted(set(value) & set(forced), key=str)
        if clash:
            raise ParameterError(
                f"wet.{component}: parameter {param!r} may not set {clash[0]!r}; wet.{component} sets it from its id",
                component,
            )
        return {**value, **forced}
    return {"text": value, **forced}


def describedby(*ids: Any) -> str | None:
    """``aria-describedby`` value from the ids given (falsy ones skipped); None when there are none."""
    joined = " ".join(str(i) for i in ids if i)
    return joined or None


def class_names(*names: Any) -> str:
    """Join class names, skipping empty ones: ``class_names("wet-btn", variant and "wet-btn--" ~ variant)``."""
    return " ".join(n for n in names if n)


def slugify(value: str) -> str:
    """Make a deterministic id fragment from a name: ``"contact[email]"`` → ``"contact-email"``."""
    out = []
    for char in str(value).lower():
        out.append(char if char.isalnum() or char in "-_" else "-")
    return "-".join(p for p in "".join(out).split("-") if p)


# ---- gettext ----------------------------------------------------------------------------------------------------


def translations(lang: str = "en", catalogues: Any = ()) -> _gettext.NullTranslations:
    """wetkit's own catalogue for ``lang`` as a ``gettext`` translations object (see :func:`wetkit.i18n.translations`:
    a malformed tag, or one without a catalogue, is a LanguageError)."""
    return i18n.translations(lang, catalogues)


@dataclass(frozen=True)
class Setup:
    """What an environment's pages need from the CSS and JS builds too: the components (``registry``, wetkit's plus
    a team's) and a team's theme folders. ``install`` leaves it on the environment as ``env.wetkit``, so the
    stylesheet and the script always cover the components the templates render."""

    registry: Registry
    theme_dirs: tuple[Path, ...] = ()

    def css(self, theme: str = "base", components: Iterable[str] | None = None, minify: bool = True) -> str:
        """The theme's stylesheet (looked up in ``theme_dirs``, then wetkit's themes), see ``compile_theme``."""
        from wetkit.sass import compile_theme

        return compile_theme(theme, components, minify, registry=self.registry, theme_dirs=self.theme_dirs)

    def js(self, components: Iterable[str] | None = None, minify: bool = True) -> str:
        """The script bundle of these components, see ``bundle_js``."""
        from wetkit.assets import bundle_js

        return bundle_js(components, minify, registry=self.registry)


def setup(*, components: Any = (), themes: Any = (), registry: Registry | None = None,
          where: str = "wetkit.install") -> Setup:
    """A checked :class:`Setup` from a caller's ``components`` and ``themes`` folders (or a ready ``registry``);
    a bad folder is a ParameterError naming ``where`` and the parameter."""
    theme_dirs = team_folders(themes, f"{where}: themes", kind="themes")
    return Setup(load_registry(components, registry=registry, where=f"{where}: components"), theme_dirs)


def install(env: jinja2.Environment, *, components: Any = (), themes: Any = (), registry: Registry | None = None,
            lang: str = "en", catalogues: Any = (), _where: str = "wetkit.install") -> jinja2.Environment:
    """Add wetkit to an existing Environment: loader, ``wet`` global, filters, gettext; returns ``env``.

    The existing loader keeps priority, so a team can override ``wetkit/page.html``. wetkit's own templates are
    always autoescaped, whatever the environment's setting.

    Languages (docs/i18n.md): ``lang`` is the default language, a BCP 47 tag with a catalogue (``"fr"``,
    ``"fr-CA"``); ``catalogues`` are a team's folders of ``<lang>/LC_MESSAGES/wetkit.po`` (or ``.mo``), read before
    wetkit's own, to add a language or reword a message. wetkit's messages then come from its catalogues; any other
    message goes to the gettext the environment already had (Flask-Babel's, Django's), so install wetkit after it.
    Also added: the ``wet_language`` global (``{% call wet_language("fr") %}``) and the ``wet_date`` filter.

    A team's own parts (docs/extending.md): ``components`` are folders of components loaded alongside wetkit's (a
    team component named like a wetkit one replaces it, with a ComponentOverride warning); ``themes`` are folders of
    themes looked up before wetkit's. ``env.wetkit`` (a :class:`Setup`) then builds the matching CSS and JS:
    ``env.wetkit.css("brand")``, ``env.wetkit.js()``. ``registry``: a ready Registry instead of ``components``.
    """
    localizer = i18n.Localizer(lang, catalogues, _where)  # first: a bad language leaves env untouched
    wetkit_setup = setup(components=components, themes=themes, registry=registry, where=_where)
    registry = wetkit_setup.registry
    ours = WetkitLoader(registry)
    env.loader = jinja2.ChoiceLoader([env.loader, ours]) if env.loader is not None else ours

    previous = env.autoescape

    def autoescape(name: str | None) -> bool:
        if name and name.startswith(PREFIX):
            return True
        return previous(name) if callable(previous) else bool(previous)

    env.autoescape = autoescape
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    localizer.install(env)
    env.filters["wet_attrs"] = html_attrs
    env.filters["wet_slug"] = slugify
    env.globals["wet_classes"] = class_names
    env.globals["wet_part"] = part_params
    env.globals["wet_describedby"] = describedby
    env.globals["wetkit_component"] = _component_factory(registry)
    env.globals["wet"] = Namespace(env, registry)
    env.wetkit = wetkit_setup
    return env


def environment(lang: str = "en", *, components: Any = (), themes: Any = (), registry: Registry | None = None,
                catalogues: Any = (), **options: Any) -> jinja2.Environment:
    """A new Environment with wetkit installed: autoescape on, ``trim_blocks``/``lstrip_blocks`` on, wetkit's
    messages in ``lang`` (a BCP 47 tag: ``"en"``, ``"fr"``, ``"fr-CA"``; LanguageError when malformed or without a
    catalogue). ``catalogues``: a team's catalogue folders (see :func:`install`). Any ``jinja2.Environment`` option
    may be passed (``loader=``, ``undefined=StrictUndefined``…). ``components``, ``themes``, ``registry``: a team's
    folders, loaded alongside wetkit's (see :func:`install`)."""
    options.setdefault("autoescape", True)
    options.setdefault("trim_blocks", True)
    options.setdefault("lstrip_blocks", True)
    extensions = list(options.pop("extensions", []))
    if "jinja2.ext.i18n" not in extensions:
        extensions.append("jinja2.ext.i18n")
    env = jinja2.Environment(extensions=extensions, **options)
    return install(env, components=components, themes=themes, registry=registry, lang=lang, catalogues=catalogues,
                   _where="wetkit.environment")
