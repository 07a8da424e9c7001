"""Discover components and load their specs.

A component is a folder ``components/<name>/`` holding ``<name>.html`` (the macro), ``<name>.yaml`` (the spec),
optionally ``_<name>.scss`` and ``<name>.js``. The spec is the single source of truth: the macro's checks, the demo
pages, the docs' parameter table and the browser tests are all generated from it.

Spec shape::

    summary: One sentence: what the component is for.
    summary_fr: La même phrase.          # optional here; wetkit's own components must give the guidance (tests)
    when_to_use: [sentences]             # and when_not_to_use; each with a _fr list of the same length
    keyboard: [{keys: Enter, action: ...}]   # and keyboard_fr, one row for each
    positional: [text]                 # optional: params that may be passed by position
    content: {doc: ...}                # optional: the component wraps a {% call %} block
    page_region: header                # optional: demos replace this page region instead of sitting in <main>
    params:
      text: {type: text, required: true, doc: ...}
      variant: {type: enum, values: [primary, secondary], default: primary, doc: ...}
    examples:
      primary: {description: ..., params: {...}, content: "<p>for call blocks</p>"}
      nested:                            # a nested component is written as the call a team writes (see JinjaCode)
        params: {items: [{value: email, text: Email, conditional: !jinja 'wet.text_input(name="e", label="Email")'}]}
        content: |                       # the {% call %} body, as written in a template: Jinja, wet.* calls allowed
          {{ wet.text_input(name="town", label="Town or city") }}
      alone: {params: {...}, after: !html "<input id=x>"}  # demo-only markup after it (a label's control)
      in-field: {params: {...}, before: !html "<label for=x>...</label>", after: ...}  # and before it
      labelled:                          # French text for the French demo pages (see Example.params_for)
        params: {label: Email address, name: email}
        params_fr: {label: Adresse courriel}   # only keys of params; the others are shared
        content_fr: !html "<p>…</p>"   # with content: its French version (before_fr/after_fr: of before/after)
      bonjour: {lang: fr, params: {...}}   # an example written in French (needs no params_fr)
    a11y:
      automated: [what the suite proves]
      manual: [{sc: ["1.3.1"], check: what a person tests, when: release}]   # conformance rows (or sentences)
      allow: [{rule: axe-rule-id, reason: why}]   # every entry needs a reason

``classes`` and ``attrs`` are added to every component. A malformed spec raises :class:`SpecError` naming the file
and the field.

A team's components folders load alongside wetkit's (:func:`load_registry`, docs/extending.md): one Registry spans
several folders, the team's first; a team component named like a wetkit one overrides it (:class:`Override`, warned
as :class:`ComponentOverride`). Team specs are loaded and checked exactly like wetkit's.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup

from wetkit import paths
from wetkit.errors import ParameterError, SpecError
from wetkit.params import TYPES, InvalidValue, ParamSchema, Signature, describe

COMMON_PARAMS = {
    "classes": {"type": "classes", "doc": "Extra CSS classes on the component's outer element."},
    "attrs": {"type": "attrs", "doc": "Extra HTML attributes on the component's outer element (escaped)."},
}
#: ``wet.<name>`` helpers that are not components: name -> "module:function", called as function(wet, ...).
HELPERS = {
    "field": "wetkit.wtforms:render_field",
    "form_error_summary": "wetkit.wtforms:render_error_summary",
}
PAGE_REGIONS = ("skip_links", "header", "breadcrumbs", "main", "date_modified", "footer")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
#: Guidance a component page shows, each a list of sentences, in English and (``_fr``) French.
GUIDANCE_KEYS = ("when_to_use", "when_not_to_use")
_SPEC_KEYS = {"summary", "summary_fr", *GUIDANCE_KEYS, *(f"{k}_fr" for k in GUIDANCE_KEYS), "keyboard", "keyboard_fr",
              "positional", "content", "page_region", "params", "examples", "a11y"}
_MANUAL_KEYS = {"sc", "check", "check_fr", "when"}
_SC = re.compile(r"^[1-4]\.[1-5]\.[1-9][0-9]?$")
_PARAM_KEYS = {"type", "required", "default", "values", "doc", "fields"}
_EXAMPLE_KEYS = {"description", "params", "content", "lang", "before", "after", "params_fr", "content_fr", "before_fr",
                 "after_fr"}
#: Languages an example may be written in (``lang``), and so the languages the demo site is built in.
EXAMPLE_LANGS = ("en", "fr")


class _RefusesRepeatedKeys:
    """For a YAML loader: a key given twice in one mapping is an error (YAML would silently keep the last)."""

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, Any] = {}
        for key_node, _value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.setdefault(key, key_node)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, f"a mapping key must be a plain value, got {key!r}", key_node.start_mark
                ) from None
            if first is not key_node:  # by node, not line: `{b: 1, b: 2}` repeats a key on one line
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} given twice (first on line {first.start_mark.line + 1})",
                    key_node.start_mark,
                )
        return super().construct_mapping(node, deep=deep)


class JinjaCode(str):
    """Jinja source a spec gives as written (``!jinja``): in an example's params, an expression such as a nested
    ``wet.text_input(...)`` call. The docs show it verbatim; pages render it with their own environment (so a French
    page gets the nested component's French built-in strings). An example's ``content`` and ``after`` are template
    source too, with no tag needed."""

    __slots__ = ()


class _SpecLoader(_RefusesRepeatedKeys, yaml.SafeLoader):
    """The spec loader (safe YAML, ``!html``, ``!jinja``, no repeated keys), pure Python: its errors quote the line."""


class _FastSpecLoader(_RefusesRepeatedKeys, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same loader on libyaml's parser when PyYAML has it (ten times faster: 40 ms for wetkit's specs, not
    460); a spec it refuses is parsed again by :class:`_SpecLoader` for the message (see :func:`_parse_spec`)."""


for _loader in (_SpecLoader, _FastSpecLoader):
    _loader.add_constructor("!html", lambda loader, node: Markup(loader.construct_scalar(node)))
    _loader.add_constructor("!jinja", lambda loader, node: JinjaCode(loader.construct_scalar(node)))


def _parse_spec(text: str) -> Any:
    """A spec's YAML, on libyaml where there is one; on an error, the pure-Python parser's message (it shows the
    line and a caret), or libyaml's if that parser accepts the text."""
    try:
        return yaml.load(text, Loader=_FastSpecLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as fast_error:
        try:
            yaml.load(text, Loader=_SpecLoader)  # noqa: S506 - SafeLoader subclass
        except yaml.YAMLError as error:
            raise error from None
        raise fast_error from None


_JINJA_TAG = re.compile(r"\{[{%#]")


def _holds_code(value: Any) -> bool:
    if isinstance(value, JinjaCode):
        return True
    if isinstance(value, dict):
        return any(_holds_code(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_holds_code(v) for v in value)
    return False


def _evaluate(value: Any, env: Any) -> Any:
    """``value`` with every JinjaCode expression in it evaluated in ``env`` (containers rebuilt, others kept)."""
    if isinstance(value, JinjaCode):
        return env.compile_expression(value)()
    if isinstance(value, dict):
        return {k: _evaluate(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [_evaluate(v, env) for v in value]
    return value


def _render_source(source: str | None, env: Any) -> Markup | None:
    """An example's ``content``/``after`` template source rendered in ``env`` (HTML with no Jinja stays as it is)."""
    if source is None:
        return None
    if not _JINJA_TAG.search(source):
        return Markup(source)
    return Markup(env.from_string(source).render())


@dataclass
class Example:
    """One named example of a component: it becomes a demo page and a browser test.

    The spec's values are kept as written (``spec_params_for``, ``content_source_for``: what the docs show). The
    values to call the component with are ``params_for``/``content_for``/``after_for``: nested ``!jinja`` calls and
    the content/after templates rendered, in the environment given or else this registry's one for ``lang``."""

    name: str
    description: str
    spec_params: dict[str, Any]
    content_source: str | None = None  # the {% call %} body as written (Jinja template source)
    lang: str = "en"
    after: str | None = None  # demo-only markup after the component (a label's control), never part of the call
    params_fr: dict[str, Any] | None = None  # French values of some params (an English example's French version)
    content_fr: str | None = None  # French version of ``content``
    after_fr: str | None = None  # French version of ``after``
    before: str | None = None  # demo-only markup before the component (a hint's label), never part of the call
    before_fr: str | None = None  # French version of ``before``
    registry: Registry | None = field(default=None, repr=False, compare=False)  # set by Registry; renders nested calls
    _rendered: dict = field(default_factory=dict, repr=False, compare=False)

    def has_version(self, lang: str) -> bool:
        """True when the spec gives this example's text in ``lang`` (it is written in it, or translated to it)."""
        return lang == self.lang or (lang == "fr" and any(
            v is not None for v in (self.params_fr, self.content_fr, self.before_fr, self.after_fr)))

    def _french(self, lang: str) -> bool:
        return lang == "fr" and self.lang != "fr"

    def spec_params_for(self, lang: str) -> dict[str, Any]:
        """The params as the spec writes them for a ``lang`` page (``params_fr`` laid over ``params`` for French),
        nested calls still JinjaCode: what the docs show."""
        if self._french(lang) and self.params_fr:
            return {**self.spec_params, **self.params_fr}
        return self.spec_params

    def content_source_for(self, lang: str) -> str | None:
        """The ``{% call %}`` body as written for a ``lang`` page (``content_fr`` for French when given)."""
        if self._french(lang) and self.content_fr is not None:
            return self.content_fr
        return self.content_source

    def _env(self, env: Any, lang: str) -> Any:
        if env is not None:
            return env
        return (self.registry or get_registry()).environment(lang)

    def params_for(self, lang: str, env: Any = None) -> dict[str, Any]:
        """The params to call the component with on a ``lang`` page: ``spec_params_for(lang)`` with nested calls
        evaluated in ``env`` (default: the registry's ``lang`` environment; results cached for that one)."""
        given = self.spec_params_for(lang)
        if not _holds_code(given):
            return given
        if env is not None:
            return _evaluate(given, env)
        key = ("params", lang)
        if key not in self._rendered:
            self._rendered[key] = _evaluate(given, self._env(None, lang))
        return self._rendered[key]

    def _rendered_source(self, what: str, source: str | None, lang: str, env: Any) -> Markup | None:
        if env is not None or source is None or not _JINJA_TAG.search(source):
            return _render_source(source, env)
        key = (what, lang)
        if key not in self._rendered:
            self._rendered[key] = _render_source(source, self._env(None, lang))
        return self._rendered[key]

    def content_for(self, lang: str, env: Any = None) -> Markup | None:
        """The ``{% call %}`` body rendered for a ``lang`` page (``content_fr`` for French when given)."""
        return self._rendered_source("content", self.content_source_for(lang), lang, env)

    def before_for(self, lang: str, env: Any = None) -> Markup | None:
        """The demo-only markup before the component on a ``lang`` page (``before_fr`` for French when given)."""
        source = self.before_fr if self._french(lang) and self.before_fr is not None else self.before
        return self._rendered_source("before", source, lang, env)

    def after_for(self, lang: str, env: Any = None) -> Markup | None:
        """The demo-only markup after the component on a ``lang`` page (``after_fr`` for French when given)."""
        source = self.after_fr if self._french(lang) and self.after_fr is not None else self.after
        return self._rendered_source("after", source, lang, env)

    @property
    def params(self) -> dict[str, Any]:
        """The params to call the component with, in the example's own language."""
        return self.params_for(self.lang)

    @property
    def content(self) -> Markup | None:
        """The ``{% call %}`` body rendered, in the example's own language (None: the example has none)."""
        return self.content_for(self.lang)


@dataclass
class ComponentSpec:
    """A loaded, checked component spec."""

    name: str
    folder: Path
    summary: str
    signature: Signature
    examples: dict[str, Example]
    takes_content: bool = False
    content_doc: str = ""
    page_region: str = "main"
    a11y: dict[str, Any] = field(default_factory=dict)
    summary_fr: str | None = None
    guidance: dict[str, list[str]] = field(default_factory=dict)  # when_to_use(_fr), when_not_to_use(_fr)
    keyboard: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # {"en": [{keys, action}], "fr": [...]}

    def summary_in(self, lang: str) -> str:
        """The summary in ``lang`` when the spec gives it (``summary_fr``), else the English one."""
        return self.summary_fr if lang == "fr" and self.summary_fr else self.summary

    def guidance_in(self, key: str, lang: str) -> list[str]:
        """``when_to_use``/``when_not_to_use`` in ``lang`` (the English list when no French one is given)."""
        return self.guidance.get(f"{key}_fr" if lang == "fr" else key) or self.guidance.get(key, [])

    def keyboard_in(self, lang: str) -> list[dict[str, str]]:
        """The keyboard rows ({keys, action}) in ``lang`` (English when no French is given)."""
        return self.keyboard.get(lang) or self.keyboard.get("en", [])

    @property
    def manual_rows(self) -> list[dict[str, Any]]:
        """The a11y.manual entries that name success criteria (the conformance table's manual rows)."""
        return [row for row in self.a11y.get("manual") or [] if isinstance(row, dict)]

    @property
    def params(self) -> dict[str, ParamSchema]:
        return self.signature.params

    @functools.cached_property
    def team(self) -> bool:
        """True for a team's component: one loaded from a folder other than wetkit's own ``components/``."""
        return self.folder.parent.resolve() != paths.COMPONENTS_DIR.resolve()

    @property
    def template_name(self) -> str:
        return f"wetkit/{self.name}.html"

    @property
    def scss_file(self) -> Path | None:
        path = self.folder / f"_{self.name}.scss"
        return path if path.is_file() else None

    @property
    def js_file(self) -> Path | None:
        path = self.folder / f"{self.name}.js"
        return path if path.is_file() else None

    @functools.cached_property
    def uses(self) -> tuple[str, ...]:
        """Other components this one draws, read from its template: ``wet.<name>(`` calls, components whose
        templates it imports, and what the shared templates it imports (``wetkit/_forms.html``) draw."""
        found = _drawn_by((self.folder / f"{self.name}.html").read_text(encoding="utf-8"), set())
        return tuple(name for name in dict.fromkeys(found) if name != self.name and name not in HELPERS)

    @property
    def title(self) -> str:
        return self.name.replace("_", " ").capitalize()


_WET_CALL = re.compile(r"\bwet\.([a-z][a-z0-9_]*)\s*\(")
_IMPORT = re.compile(r"""\{%-?\s*(?:import|from)\s+["']wetkit/([a-z_][a-z0-9_]*)\.html["']""")


def _drawn_by(source: str, seen: set[str]) -> list[str]:
    """Component names a template draws, following its imports of shared templates (see ComponentSpec.uses)."""
    names = _WET_CALL.findall(source)
    for imported in _IMPORT.findall(source):
        if imported in seen:
            continue
        seen.add(imported)
        shared = paths.TEMPLATES_DIR / f"{imported}.html"
        if shared.is_file():
            names += _drawn_by(shared.read_text(encoding="utf-8"), seen)
        else:
            names.append(imported)  # another component's template, imported for a macro
    return names


def _fail(path: Path, where: str, message: str) -> SpecError:
    return SpecError(f"{path}: {where}: {message}")


def _parse_params(path: Path, raw: Any, where: str) -> dict[str, ParamSchema]:
    if not isinstance(raw, dict):
        raise _fail(path, where, f"must be a mapping of parameter name to its schema, got {type(raw).__name__}")
    params: dict[str, ParamSchema] = {}
    for name, schema in raw.items():
        here = f"{where}.{name}"
        if not isinstance(name, str) or not _NAME.match(name):
            raise _fail(path, here, "parameter names are snake_case identifiers")
        if not isinstance(schema, dict):
            raise _fail(path, here, "must be a mapping with at least 'type'")
        unknown = set(schema) - _PARAM_KEYS
        if unknown:
            key = sorted(unknown, key=str)[0]
            hint = ""
            if schema[key] is None:
                hint = " (a comma in an unquoted {flow: mapping} value splits it: quote the doc text)"
            raise _fail(path, f"{here}.{key}", f"unknown key; allowed: {', '.join(sorted(_PARAM_KEYS))}{hint}")
        kind = schema.get("type")
        if kind not in TYPES:
            raise _fail(path, f"{here}.type", f"got {kind!r}; allowed: {', '.join(TYPES)}")
        values = schema.get("values")
        if kind == "enum" and not values:
            raise _fail(path, f"{here}.values", "an enum needs a non-empty list of values")
        if values is not None and not isinstance(values, list):
            raise _fail(path, f"{here}.values", "must be a list")
        for index, item in enumerate(values or []):
            if isinstance(item, (list, dict, set)) or item is None:
                raise _fail(path, f"{here}.values[{index}]", f"got {item!r}; allowed: strings, numbers or booleans")
        if len(set(map(repr, values or []))) != len(values or []):
            raise _fail(path, f"{here}.values", "lists a value twice")
        fields = None
        if "fields" in schema:
            if kind not in ("dict", "part", "list"):
                raise _fail(path, f"{here}.fields", "only dict, part and list parameters have fields")
            fields = _parse_params(path, schema["fields"], f"{here}.fields")
        doc = schema.get("doc", "")
        if not isinstance(doc, str):
            raise _fail(path, f"{here}.doc", "must be a string")
        required = schema.get("required", False)
        if not isinstance(required, bool):
            raise _fail(path, f"{here}.required", "must be true or false")
        param = ParamSchema(
            name=name, type=kind, required=required, default=schema.get("default"),
            values=values, doc=doc, fields=fields,
        )
        if param.default is not None:
            if required:
                raise _fail(path, f"{here}.default", "a required parameter has no default")
            try:
                param.default = param.check(param.default)
            except InvalidValue as err:
                raise _fail(path, f"{here}.default", f"{param.default!r} is not {err.allowed}") from None
        params[name] = param
    return params


def _french_version(path: Path, here: str, ex: dict, ex_lang: str, signature: Signature):
    """Check an example's ``params_fr``, ``content_fr``, ``before_fr`` and ``after_fr``; return the first two (None
    when absent)."""
    params_fr = ex.get("params_fr")
    content_fr = ex.get("content_fr")
    if ex_lang == "fr":
        for key in ("params_fr", "content_fr", "before_fr", "after_fr"):
            if ex.get(key) is not None:
                raise _fail(path, f"{here}.{key}", "this example is written in French (lang: fr): put the French "
                                                   "text in 'params'/'content' and drop this key")
    for key, base in (("content_fr", "content"), ("before_fr", "before"), ("after_fr", "after")):
        if ex.get(key) is None:
            continue
        if ex.get(base) is None:
            raise _fail(path, f"{here}.{key}", f"is the French version of '{base}', which this example lacks")
        if not isinstance(ex[key], str):
            raise _fail(path, f"{here}.{key}", f"got {describe(ex[key])}; allowed: a string (!html for markup), "
                                               f"like '{base}'")
    if params_fr is None:
        return None, content_fr
    if not isinstance(params_fr, dict) or not params_fr:
        raise _fail(path, f"{here}.params_fr", f"got {describe(params_fr)}; allowed: a non-empty mapping of "
                                               "parameter name to its French value")
    ex_params = ex.get("params") or {}
    for key in params_fr:
        if key not in ex_params:
            given = ", ".join(map(str, ex_params)) or "none"
            raise _fail(path, f"{here}.params_fr.{key}", f"unknown key: params_fr only translates keys of this "
                                                         f"example's params (given: {given})")
    try:
        signature.bind((), {**ex_params, **params_fr})
    except ParameterError as err:
        raise _fail(path, f"{here}.params_fr", str(err)) from None
    return params_fr, content_fr


@functools.cache
def _syntax() -> Any:
    """A bare environment that parses example sources (syntax only: nothing is rendered with it)."""
    import jinja2

    return jinja2.Environment(extensions=["jinja2.ext.i18n"])


def _check_code(path: Path, here: str, ex: dict) -> None:
    """Every Jinja source of an example parses: ``!jinja`` values as expressions, content/after as templates."""

    def walk(value: Any, where: str) -> None:
        if isinstance(value, JinjaCode):
            try:
                _syntax().compile_expression(value)
            except Exception as err:  # noqa: BLE001 - any syntax error becomes the spec's error
                raise _fail(path, where, f"!jinja {value!r} is not a Jinja expression ({err})") from None
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{where}[{index}]")

    for key in ("params", "params_fr"):
        walk(ex.get(key), f"{here}.{key}")
    for key in ("content", "content_fr", "after", "after_fr"):
        source = ex.get(key)
        if isinstance(source, JinjaCode):
            raise _fail(path, f"{here}.{key}", "is a template already: write its Jinja without the !jinja tag")
        if isinstance(source, str) and _JINJA_TAG.search(source):
            try:
                _syntax().parse(source)
            except Exception as err:  # noqa: BLE001
                raise _fail(path, f"{here}.{key}", f"is not a valid Jinja template ({err})") from None


def _sentence_lists(path: Path, raw: dict) -> dict[str, list[str]]:
    """``when_to_use``/``when_not_to_use`` and their ``_fr``: lists of sentences, the French as long as the English."""
    found: dict[str, list[str]] = {}
    for key in GUIDANCE_KEYS:
        for name in (key, f"{key}_fr"):
            value = raw.get(name)
            if value is None:
                continue
            if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
                raise _fail(path, name, f"got {describe(value)}; allowed: a non-empty list of sentences")
            found[name] = [v.strip() for v in value]
        if f"{key}_fr" in found and len(found.get(key, [])) != len(found[f"{key}_fr"]):
            raise _fail(path, f"{key}_fr", f"has {len(found[f'{key}_fr'])} sentences; allowed: one per sentence of "
                                           f"'{key}' ({len(found.get(key, []))})")
    return found


def _keyboard(path: Path, raw: dict) -> dict[str, list[dict[str, str]]]:
    """``keyboard``/``keyboard_fr``: lists of {keys, action}, the French one row for each English row."""
    found: dict[str, list[dict[str, str]]] = {}
    for lang, name in (("en", "keyboard"), ("fr", "keyboard_fr")):
        rows = raw.get(name)
        if rows is None:
            continue
        if not isinstance(rows, list) or not rows:
            raise _fail(path, name, f"got {describe(rows)}; allowed: a non-empty list of {{keys, action}}")
        for index, row in enumerate(rows):
            if not (isinstance(row, dict) and set(row) == {"keys", "action"}
                    and all(isinstance(v, str) and v.strip() for v in row.values())):
                raise _fail(path, f"{name}[{index}]", f"got {describe(row)}; allowed: a mapping with exactly 'keys' "
                                                      "and 'action' texts")
        found[lang] = rows
    if "fr" in found and len(found["fr"]) != len(found.get("en", [])):
        raise _fail(path, "keyboard_fr", f"has {len(found['fr'])} rows; allowed: one per row of 'keyboard' "
                                         f"({len(found.get('en', []))})")
    return found


def _check_manual(path: Path, manual: Any) -> None:
    """``a11y.manual``: a list of sentences, or of {sc: [criteria], check, check_fr, when} conformance rows."""
    if manual is None:
        return
    if not isinstance(manual, list):
        raise _fail(path, "a11y.manual", f"got {describe(manual)}; allowed: a list")
    from wetkit.conformance import CRITERIA, MANUAL_WHEN

    for index, row in enumerate(manual):
        here = f"a11y.manual[{index}]"
        if isinstance(row, str) and row.strip():
            continue
        if not isinstance(row, dict):
            raise _fail(path, here, f"got {describe(row)}; allowed: a sentence or a mapping {{sc, check, when}}")
        unknown = set(row) - _MANUAL_KEYS
        if unknown:
            raise _fail(path, f"{here}.{sorted(unknown, key=str)[0]}",
                        f"unknown key; allowed: {', '.join(sorted(_MANUAL_KEYS))}")
        criteria = row.get("sc")
        if not isinstance(criteria, list) or not criteria or not all(
                isinstance(sc, str) and _SC.match(sc) for sc in criteria):
            raise _fail(path, f"{here}.sc", f"got {describe(criteria)}; allowed: a list of WCAG success criteria "
                                            "as quoted strings, such as ['1.3.1', '4.1.2']")
        for sc in criteria:
            if sc not in CRITERIA:
                raise _fail(path, f"{here}.sc", f"got {sc!r}; allowed: a WCAG 2.2 level A or AA success criterion")
        for key in ("check", "check_fr"):
            if key in row and not (isinstance(row[key], str) and row[key].strip()):
                raise _fail(path, f"{here}.{key}", f"got {describe(row[key])}; allowed: what a person checks, and how")
        if "check" not in row:
            raise _fail(path, f"{here}.check", "is required: what a person checks, and how")
        if row.get("when") not in MANUAL_WHEN:
            raise _fail(path, f"{here}.when", f"got {row.get('when')!r}; allowed: {', '.join(MANUAL_WHEN)}")


def load_spec(folder: Path) -> ComponentSpec:
    """Load and check ``<folder>/<name>.yaml``; raise SpecError naming the file and field at fault."""
    name = folder.name
    path = folder / f"{name}.yaml"
    if not _NAME.match(name):
        raise _fail(path, "folder", f"component names are lowercase snake_case, got {name!r}")
    if name in HELPERS:
        raise _fail(path, "folder", f"{name!r} is a wet.{name} helper already; choose another component name")
    if not path.is_file():
        raise _fail(path, "file", "every component folder needs its spec")
    if not (folder / f"{name}.html").is_file():
        raise _fail(path, "template", f"missing {name}.html beside the spec")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        bad = err.object[err.start:err.start + 1]
        raise _fail(path, "encoding", f"is not UTF-8 (byte {err.start}: {bad!r})") from None
    try:
        raw = _parse_spec(text)
    except yaml.YAMLError as err:
        raise _fail(path, "yaml", str(err)) from None
    if not isinstance(raw, dict):
        raise _fail(path, "top level", "must be a mapping")
    unknown = set(raw) - _SPEC_KEYS
    if unknown:
        raise _fail(path, sorted(unknown)[0], f"unknown key; allowed: {', '.join(sorted(_SPEC_KEYS))}")
    summary = raw.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        raise _fail(path, "summary", "a one-sentence summary is required")

    params = _parse_params(path, raw.get("params") or {}, "params")
    for common, schema in COMMON_PARAMS.items():
        if common in params:
            raise _fail(path, f"params.{common}", "is added to every component; do not declare it")
        params[common] = ParamSchema(name=common, **schema)

    positional = raw.get("positional") or []
    if not isinstance(positional, list) or any(p not in params for p in positional):
        raise _fail(path, "positional", f"must list declared parameters, got {positional!r}")

    content = raw.get("content")
    if content is not None and not (isinstance(content, dict) and isinstance(content.get("doc"), str)):
        raise _fail(path, "content", "must be a mapping with a 'doc' string")

    page_region = raw.get("page_region", "main")
    if page_region not in PAGE_REGIONS:
        raise _fail(path, "page_region", f"got {page_region!r}; allowed: {', '.join(PAGE_REGIONS)}")

    a11y = raw.get("a11y") or {}
    if not isinstance(a11y, dict):
        raise _fail(path, "a11y", "must be a mapping")
    _check_manual(path, a11y.get("manual"))
    summary_fr = raw.get("summary_fr")
    if summary_fr is not None and (not isinstance(summary_fr, str) or not summary_fr.strip()):
        raise _fail(path, "summary_fr", f"got {describe(summary_fr)}; allowed: the summary's French sentence")
    guidance = _sentence_lists(path, raw)
    keyboard = _keyboard(path, raw)
    for index, entry in enumerate(a11y.get("allow") or []):
        if not (isinstance(entry, dict) and entry.get("rule") and str(entry.get("reason", "")).strip()):
            raise _fail(path, f"a11y.allow[{index}]", "each allow-list entry needs a 'rule' and a written 'reason'")

    signature = Signature(name, params, positional)
    raw_examples = raw.get("examples")
    if not isinstance(raw_examples, dict) or not raw_examples:
        raise _fail(path, "examples", "at least one named example is required")
    examples = {}
    for ex_name, ex in raw_examples.items():
        here = f"examples.{ex_name}"
        if not isinstance(ex_name, str) or not re.match(r"^[a-z0-9][a-z0-9-]*$", ex_name):
            raise _fail(path, here, "example names are lowercase words joined by '-'")
        if not isinstance(ex, dict):
            raise _fail(path, here, "must be a mapping with 'params'")
        unknown = set(ex) - _EXAMPLE_KEYS
        if unknown:
            allowed = ", ".join(sorted(_EXAMPLE_KEYS))
            raise _fail(path, f"{here}.{sorted(unknown)[0]}", f"unknown key; allowed: {allowed}")
        ex_params = ex.get("params") or {}
        if not isinstance(ex_params, dict):
            raise _fail(path, f"{here}.params", "must be a mapping of parameter name to value")
        try:
            signature.bind((), dict(ex_params))
        except ParameterError as err:
            raise _fail(path, f"{here}.params", str(err)) from None
        if ex.get("content") is not None and content is None:
            raise _fail(path, f"{here}.content", "this component takes no {% call %} content")
        ex_lang = ex.get("lang", "en")
        if ex_lang not in EXAMPLE_LANGS:
            raise _fail(path, f"{here}.lang", f"got {ex_lang!r}; allowed: {', '.join(EXAMPLE_LANGS)}")
        params_fr, content_fr = _french_version(path, here, ex, ex_lang, signature)
        _check_code(path, here, ex)
        examples[ex_name] = Example(
            name=ex_name,
            description=str(ex.get("description", "")),
            spec_params=ex_params,
            content_source=ex.get("content"),
            lang=ex_lang,
            after=ex.get("after"),
            before=ex.get("before"),
            before_fr=ex.get("before_fr"),
            params_fr=params_fr,
            content_fr=content_fr,
            after_fr=ex.get("after_fr"),
        )
    return ComponentSpec(
        name=name,
        folder=folder,
        summary=summary.strip(),
        signature=signature,
        examples=examples,
        takes_content=content is not None,
        content_doc=(content or {}).get("doc", ""),
        page_region=page_region,
        a11y=a11y,
        summary_fr=summary_fr.strip() if summary_fr else None,
        guidance=guidance,
        keyboard=keyboard,
    )


@dataclass(frozen=True)
class Override:
    """A component that hides another of the same name: ``used`` is the folder whose component is loaded, ``hidden``
    the one it replaces (wetkit's own, or a later team folder's)."""

    name: str
    used: Path
    hidden: Path

    def message(self) -> str:
        whose = "wetkit's own" if self.hidden.parent.resolve() == paths.COMPONENTS_DIR.resolve() else "the one"
        return f"component {self.name!r} from {self.used} overrides {whose} in {self.hidden}"


class ComponentOverride(UserWarning):
    """Warned once per :class:`Override` when a registry is loaded (the CLI prints it as a warning line)."""


class Registry:
    """Every component found under one or more components folders, by name, in name order.

    ``components_dirs`` are in priority order: a component in an earlier folder hides one of the same name in a
    later folder; each such case is recorded in ``overrides`` and warned as a :class:`ComponentOverride`. A component
    from a folder other than wetkit's own is a team's (``ComponentSpec.team``)."""

    def __init__(self, *components_dirs: Path):
        if not components_dirs:
            raise TypeError("Registry() needs at least one components folder")
        self.components_dirs = tuple(Path(d) for d in components_dirs)
        self.overrides: list[Override] = []
        found: dict[str, ComponentSpec] = {}
        for components_dir in self.components_dirs:
            folders = sorted(p for p in components_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
            for folder in folders:
                if folder.name in found:
                    self.overrides.append(Override(folder.name, found[folder.name].folder, folder))
                    continue
                found[folder.name] = load_spec(folder)
        self.components: dict[str, ComponentSpec] = dict(sorted(found.items()))
        self._environments: dict[str, Any] = {}
        for spec in self.components.values():
            for example in spec.examples.values():
                example.registry = self
        for override in self.overrides:
            warnings.warn(override.message(), ComponentOverride, stacklevel=2)

    def environment(self, lang: str) -> Any:
        """A ``lang`` Jinja environment serving these components (made once): renders examples' nested calls."""
        if lang not in self._environments:
            from wetkit.jinja import environment

            self._environments[lang] = environment(lang=lang, registry=self)
        return self._environments[lang]

    def __getitem__(self, name: str) -> ComponentSpec:
        return self.components[name]

    def __contains__(self, name: object) -> bool:
        return name in self.components

    def __iter__(self):
        return iter(self.components.values())

    def __len__(self) -> int:
        return len(self.components)

    def names(self) -> list[str]:
        return list(self.components)

    def team_names(self) -> list[str]:
        """The components that come from a team's folder (not wetkit's own), in name order."""
        return [spec.name for spec in self if spec.team]

    def with_dependencies(self, names: Iterable[str]) -> list[str]:
        """``names`` plus every component they draw, transitively, in registry order (for page subsets)."""
        wanted: set[str] = set()
        stack = list(names)
        while stack:
            name = stack.pop()
            if name in wanted:
                continue
            if name not in self.components:
                raise KeyError(f"no component {name!r}; components: {', '.join(self.components)}")
            wanted.add(name)
            stack.extend(self.components[name].uses)
        return [name for name in self.components if name in wanted]


@functools.cache
def get_registry(components_dir: Path | None = None) -> Registry:
    """The registry of wetkit's own components (loaded once per process)."""
    return Registry(components_dir or paths.COMPONENTS_DIR)


_ONE_ITEM = {  # kind of team folder -> (what it holds, the file that marks one item's own folder)
    "components": ("one folder per component (<dir>/<name>/<name>.yaml)", lambda f: f / f"{f.name}.yaml"),
    "themes": ("one folder per theme (<dir>/<name>/tokens.yaml)", lambda f: f / "tokens.yaml"),
}


def team_folders(items: Iterable[str | Path] | str | Path | None, where: str = "components",
                 kind: str = "components") -> tuple[Path, ...]:
    """A team's components or themes folders (``kind``), checked: each must be a folder that holds one folder per
    component or theme, not one item's own folder. ``where`` names the parameter or option in the error
    (``components``, ``--theme-dir``)."""
    if items is None:
        return ()
    holds, marker = _ONE_ITEM[kind]
    if isinstance(items, (str, Path)):
        items = [items]
    elif isinstance(items, (bytes, Mapping)) or not isinstance(items, Iterable):
        raise ParameterError(f"{where}: got {describe(items)}; allowed: a list of folders, each holding {holds}")
    folders = []
    for item in items:
        if not isinstance(item, (str, Path)) or not str(item):
            raise ParameterError(f"{where}: got {describe(item)}; allowed: a folder path (str or pathlib.Path)")
        folder = Path(item)
        if not folder.is_dir():
            raise ParameterError(f"{where}: {str(item)!r} is not a folder; allowed: a folder that holds {holds}")
        if marker(folder).is_file():
            raise ParameterError(f"{where}: {str(item)!r} is the folder of one of them; allowed: a folder that "
                                 f"holds {holds}, here {str(folder.parent)!r}")
        folders.append(folder)
    return tuple(folders)


def load_registry(components: Iterable[str | Path] | str | Path | None = (), *,
                  registry: Registry | None = None, where: str = "components") -> Registry:
    """The registry a caller asked for: ``registry`` when given; else wetkit's own components with the team's
    ``components`` folders loaded alongside them (earlier folders first; a team component named like a wetkit one
    overrides it, with a :class:`ComponentOverride` warning naming both folders); else wetkit's own."""
    wetkit_own = paths.COMPONENTS_DIR.resolve()
    folders = tuple(f for f in team_folders(components, where) if f.resolve() != wetkit_own)  # loaded anyway
    if registry is not None:
        if folders:
            raise ParameterError(f"{where}: give either {where} or registry=, not both (a registry already lists "
                                 "its folders)")
        return registry
    if not folders:
        return get_registry()
    return Registry(*folders, paths.COMPONENTS_DIR)


__all__ = ["EXAMPLE_LANGS", "ComponentOverride", "ComponentSpec", "Example", "JinjaCode", "Override", "Registry",
           "get_registry", "load_registry", "load_spec", "team_folders"]
