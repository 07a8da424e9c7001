"""A fuzzer generated from the component specs: every example of every component, every parameter, hostile values.

Nothing here names a component. For each component in the registry:

1. its spec's parameters become a tree of :class:`Node` (``ParamSchema.type``, ``.values``, ``.fields``). A ``dict``
   or ``part`` with no ``fields`` that the template hands to another component (``wet.label(**wet_part(label, ...))``,
   ``wet.site_search(**search)``) gets that component's parameters as fields, minus those the template sets itself;
   one it draws itself gets the keys the examples give it (and ``text`` for a part);
2. each example is a baseline call (its ``params``, and its ``content`` as a ``{% call %}`` block). Walking the tree
   along the example's values gives its :class:`Slot` list: every parameter at the top level and every field of
   every list item, dict and part (items, rows, actions, links, label/hint/error...), created when the example
   leaves it out; plus an "attrs entry" slot for every ``attrs``, top level or nested;
3. a case (:class:`Case`) is one example with one to three slots given a fuzzed value: HTML/script/Jinja injection,
   spellings of ``javascript:`` URLs that browsers still run, generated text (``st.text()``), ``attrs`` names and
   URL-bearing ``attrs`` values, and wrong types (lists, dicts with odd keys, huge ints, None, bytes, floats...);
4. :meth:`Fuzzer.check` renders the case and its *reference*: the same call with each fuzzed value replaced by a
   harmless one (:func:`harmless`): a string becomes ``"harmless"`` (``"/harmless"`` for a URL; an empty string and
   line breaks are kept, since they legitimately change the markup), None stays None ("not given"), a value the spec
   accepts for a bool/int/enum/date is kept, a refused one becomes the example's own; an attrs entry becomes
   ``data-harmless="harmless"`` (a URL-bearing name keeps its name with ``"/harmless"``). Both go to
   :func:`tests.fuzz.oracle.judge`. Problems become :class:`Finding` records, one per component, slot and kind of
   problem, with the first few values that showed it.

A new component folder is fuzzed with no change here. :func:`run` drives it with hypothesis (one ``@given`` per
component, so each gets its share of the renders); ``python -m tests.fuzz`` and ``tests/unit/test_fuzz.py`` use it.
"""

from __future__ import annotations

import copy
import datetime as _dt
import itertools
import math
import re
import time
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import hypothesis
import jinja2
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from markupsafe import Markup

import wetkit
from wetkit import paths
from wetkit.errors import WetkitError
from wetkit.registry import ComponentSpec, Registry, get_registry

from .oracle import URL_ATTRS, Features, Outcome, Problem, features, judge, origin_of

# ---- the parameter tree ------------------------------------------------------------------------------------------


@dataclass(eq=False)
class Node:
    """One parameter (or field, or list item) as the fuzzer sees it."""

    type: str  # a ParamSchema type, or "any" for a value the spec does not describe (a field-less dict's keys)
    values: tuple | None = None
    required: bool = False
    fields: dict[str, Node] | None = None
    item: Node | None = None  # for a list: its items
    via: str | None = None  # a field-less dict/part whose fields are this component's parameters
    check: Callable[[Any], Any] | None = None  # the spec's own check (ParamSchema.check)

    def accepts(self, value: Any) -> bool:
        """Whether the spec's check takes ``value`` (a valid enum, bool, int or date may change the markup)."""
        if self.check is None:
            return False
        try:
            self.check(value)
        except Exception:  # noqa: BLE001 - any refusal (the check's own error, or a bug the fuzzer reports)
            return False
        return True


_PART_CALL = re.compile(r"wet\.([a-z][a-z0-9_]*)\(\s*\*\*\s*wet_part\(\s*([a-z_][a-z0-9_]*)\s*,([^()]*)\)\s*\)")
_DICT_CALL = re.compile(r"wet\.([a-z][a-z0-9_]*)\(\s*\*\*\s*([a-z_][a-z0-9_]*)\s*\)")
_FORCED = re.compile(r"\b([a-z_][a-z0-9_]*)\s*=(?!=)")
_IMPORT = re.compile(r"""\{%-?\s*(?:import|from)\s+["']wetkit/([a-z_][a-z0-9_]*)\.html["']""")


def _template_sources(registry: Registry, spec: ComponentSpec) -> list[str]:
    """The component's template and the templates it imports (wetkit/_forms.html, another component's), transitively."""
    sources = [(spec.folder / f"{spec.name}.html").read_text(encoding="utf-8")]
    seen: set[str] = {spec.name}
    index = 0
    while index < len(sources):
        for name in _IMPORT.findall(sources[index]):
            shared = paths.TEMPLATES_DIR / f"{name}.html"
            if name in registry:
                shared = registry[name].folder / f"{name}.html"
            if name not in seen and shared.is_file():
                seen.add(name)
                sources.append(shared.read_text(encoding="utf-8"))
        index += 1
    return sources


def handed_on(registry: Registry, spec: ComponentSpec) -> dict[str, tuple[str, frozenset[str]]]:
    """Parameters the template passes to another component as its keyword arguments:
    {parameter: (component, the arguments the template sets itself)}."""
    found: dict[str, tuple[str, frozenset[str]]] = {}
    for source in _template_sources(registry, spec):
        for target, param, rest in _PART_CALL.findall(source):
            found.setdefault(param, (target, frozenset(_FORCED.findall(rest))))
        for target, param in _DICT_CALL.findall(source):
            found.setdefault(param, (target, frozenset()))
    return found


def _shape(path: Iterable[Any]) -> str:
    """A slot path with list indexes blanked: ("rows", 2, "href") -> "rows[].href"."""
    out = ""
    for key in path:
        out += "[]" if isinstance(key, int) else ("." if out else "") + str(key)
    return out


def _keys_seen(spec: ComponentSpec) -> dict[str, set[str]]:
    """For every dict value in any example of ``spec``: its shape path -> the keys examples give it."""
    seen: dict[str, set[str]] = {}

    def walk(value: Any, path: tuple) -> None:
        if isinstance(value, Mapping):
            if path:
                seen.setdefault(_shape(path), set()).update(k for k in value if isinstance(k, str))
            for key, sub in value.items():
                walk(sub, (*path, key))
        elif isinstance(value, list):
            for index, sub in enumerate(value):
                walk(sub, (*path, index))

    for example in spec.examples.values():
        walk(example.params, ())
    return seen


def build_tree(registry: Registry, spec: ComponentSpec, depth: int = 0) -> dict[str, Node]:
    """The parameter tree of ``spec`` (see the module docstring)."""
    handed = handed_on(registry, spec)

    def node(schema: Any, name: str) -> Node:
        values = tuple(schema.values) if schema.values is not None else None
        fields = {n: node(s, n) for n, s in schema.fields.items()} if schema.fields else None
        result = Node(schema.type, values, schema.required, fields, check=schema.check)
        if schema.type == "list":
            result.item = Node("dict", fields=fields) if fields else Node("any")
            result.fields = None
        elif schema.type in ("dict", "part") and fields is None and name in handed and depth < 2:
            target, forced = handed[name]
            if target in registry:
                sub = build_tree(registry, registry[target], depth + 1)
                result.fields = {n: s for n, s in sub.items() if n not in forced}
                result.via = target
        return result

    return {name: node(schema, name) for name, schema in spec.params.items()}


def minimal(node: Node) -> Any:
    """A small valid value for ``node`` (used to create a container the example leaves out)."""
    if node.values:
        return node.values[0]
    kind = node.type
    if kind == "url":
        return "/harmless"
    if kind == "bool":
        return False
    if kind == "int":
        return 1
    if kind == "date":
        return "2020-01-01"
    if kind == "date_parts":
        return {"day": "1", "month": "1", "year": "2020"}
    if kind == "attrs":
        return {}
    if kind == "list":
        return [minimal(node.item)] if node.item is not None and node.item.fields else []
    if kind == "dict":
        return {n: minimal(f) for n, f in (node.fields or {}).items() if f.required}
    return "harmless"  # text, string, id, classes, part (a part may be a text), any


# ---- slots and cases ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Slot:
    """A place in a call that receives a fuzzed value: the path from the call's keyword arguments, each step with
    the node of the value there. ``entry`` slots add one (name, value) pair to the attrs dict at the path."""

    steps: tuple[tuple[str | int, Node], ...]
    entry: bool = False

    @property
    def path(self) -> tuple[str | int, ...]:
        return tuple(key for key, _ in self.steps)

    @property
    def node(self) -> Node:
        return self.steps[-1][1]

    @property
    def name(self) -> str:
        out = ""
        for key in self.path:
            out += f"[{key}]" if isinstance(key, int) else ("." if out else "") + str(key)
        return out

    @property
    def shape(self) -> str:
        return _shape(self.path) + ("[<name>]" if self.entry else "")


def slots_for(tree: dict[str, Node], params: Mapping, keys_seen: dict[str, set[str]]) -> list[Slot]:
    """Every slot of one example (see the module docstring)."""
    out: list[Slot] = []

    def walk(fields: Mapping[str, Node], value: Any, steps: tuple) -> None:
        given = value if isinstance(value, Mapping) else {"text": value} if isinstance(value, str) else {}
        for name, node in fields.items():
            sub = given.get(name)
            here = (*steps, (name, node))
            out.append(Slot(here))
            if node.type == "attrs":
                out.append(Slot(here, entry=True))
            elif node.type in ("dict", "part"):
                if node.fields:
                    walk(node.fields, sub, here)
                else:  # drawn by the template itself: the keys the examples use
                    keys = set(keys_seen.get(_shape(k for k, _ in here), ())) | ({"text"} if node.type == "part"
                                                                                    else set())
                    walk({k: Node("any") for k in sorted(keys)}, sub, here)
            elif node.type == "list":
                items = sub if isinstance(sub, list) else []
                indexes = sorted({0, 1, len(items) - 1} & set(range(len(items)))) or [0]
                for index in indexes:
                    item_steps = (*here, (index, node.item))
                    if node.item.fields:
                        out.append(Slot(item_steps))
                        walk(node.item.fields, items[index] if index < len(items) else None, item_steps)
                    else:
                        out.append(Slot(item_steps))

    walk(tree, params, ())
    return out


@dataclass(frozen=True)
class Case:
    """One fuzzed call: an example of a component with some slots given other values."""

    component: str
    example: str
    mutations: tuple[tuple[Slot, Any], ...]

    def describe(self) -> str:
        return ", ".join(f"{_slot_label(slot, value)} = {_show(_slot_value(slot, value))}"
                         for slot, value in self.mutations)


def _slot_label(slot: Slot, value: Any) -> str:
    if slot.entry:
        return f"{slot.name}[{_show(value[0])}]"
    return slot.name


def _slot_value(slot: Slot, value: Any) -> Any:
    return value[1] if slot.entry else value


def _show(value: Any, limit: int = 120) -> str:
    if isinstance(value, jinja2.Undefined):  # its repr is just "Undefined"
        text = f"{type(value).__name__}(name={value._undefined_name!r})"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _put(params: dict, slot: Slot, value: Any) -> bool:
    """Set ``value`` at ``slot`` in ``params`` (in place), creating what the example leaves out. False if the
    path runs through something that is not a container (another mutation replaced it)."""
    current: Any = params
    steps = slot.steps
    for position, (key, node) in enumerate(steps):
        last = position == len(steps) - 1
        if isinstance(key, int):
            if not isinstance(current, list):
                return False
            while len(current) <= key:
                current.append(minimal(node))
        elif not isinstance(current, dict):
            return False
        if last and not slot.entry:
            current[key] = value
            return True
        present = key < len(current) if isinstance(key, int) else key in current and current[key] is not None
        child = current[key] if present else minimal(node)
        if last:  # an attrs entry
            child = dict(child) if isinstance(child, Mapping) else {}
            child[value[0]] = value[1]
            current[key] = child
            return True
        if isinstance(child, str) and not isinstance(steps[position + 1][0], int):
            child = {"text": child}  # a part given as a text, now given as a dict
        elif isinstance(child, Mapping):
            child = dict(child)
        elif isinstance(child, tuple):
            child = list(child)
        current[key] = child
        current = child
    return True


# ---- values ------------------------------------------------------------------------------------------------------

HOSTILE_TEXT = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "' onmouseover='alert(1)",
    '" onfocus="alert(1)" autofocus="',
    " onclick=alert(1) ",
    "'",
    '"',
    "`",
    "`-alert(1)-`",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</option></select><img src=x onerror=alert(1)>",
    "<style>*{color:red}</style>",
    "<a href=javascript:alert(1)>x</a>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<!--",
    "--><script>alert(1)</script>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "{{ 7 * 7 }}",
    "{% raw %}{{ x }}",
    "{{ ''.__class__.__mro__ }}",
    "{# comment #}",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;",
    "&amp;",
    "%3Cscript%3E",
    "\\u003cscript\\u003e",
    "javascript:alert(1)",
    "\x00",
    "\x00<script>",
    "\u2028\u2029",
    "\ufeff",
    "\r\n",
    "\n",
    "\t",
    "",
    " ",
    "x" * 2000,
    "<" * 50,
    "ｊａｖａｓｃｒｉｐｔ：alert(1)",
    "﹤script﹥alert(1)﹤/script﹥",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
)
HOSTILE_URLS = (
    "javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "\x01javascript:alert(1)",
    "\x00javascript:alert(1)",
    " javascript:alert(1)",
    "\x1f \x0bjavascript:alert(1)",
    "javascript\t:alert(1)",
    "JaVaScRiPt:alert(1)",
    "JAVASCRIPT:alert(1)",
    "  \n javascript:alert(1)",
    "javascript:alert(1)\x00",
    "vbscript:msgbox(1)",
    "vb\nscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:image/svg+xml,<svg onload=alert(1)>",
    "jav&#x09;ascript:alert(1)",
    "javascript&colon;alert(1)",
    "ｊａｖａｓｃｒｉｐｔ:alert(1)",
    "\x00",
    "file:///etc/passwd",
    "blob:https://evil.example/uuid",
    "//evil.example",
    "///evil.example",
    "\\\\evil.example",
    "https://evil.example/\"><script>alert(1)</script>",
    "http://example.ca/?q=<script>",
    "mailto:someone@example.ca",
    "tel:+15145550199",
    "#main",
    "?q=1",
    "/path:with:colons",
    "./javascript:alert(1)",
    "",
    " ",
)
URL_SCHEMES = ("javascript", "vbscript", "data", "file", "http", "https", "mailto", "tel")
#: attrs names that a caller may legitimately use (the reference call keeps the name).
PLAIN_ATTR_NAMES = ("title", "aria-label", "data-track", "lang", "hidden", "id", "name", "value", "for", "type",
                    "role", "tabindex", "autofocus", "srcdoc", "target", "rel")
HOSTILE_ATTR_NAMES = (
    "style", "style\n", "style\t", "style\r", "style\x0c", "style ", " style", "STYLE", "Style\n",
    "onclick", "ONCLICK", "onClick", "onclick\n", "\nonclick", "on", "onfocus ", "href\n", "src\n",
    "x onerror=alert(1) y", "x onerror", '"><script>alert(1)</script>', "a b", "a=b", 'a"b', "a'b", "a/b",
    "a>b", "a<b", "a`b", "class", "CLASS", "", " ", "\x00", "\x00onclick", "=", "data-x\n", "-", ":", "xmlns",
    "xmlns:xlink", "is", "{{ x }}", "ｏｎclick", "on\u017fclick", "data-\u0130",
)
ATTR_VALUE_EXTRAS = (True, False, None, 0, -1, 10**30, 1.5, float("nan"))


class Opaque:
    """A value of no type any parameter accepts (its repr is stable, for reproducible reports)."""

    def __repr__(self) -> str:
        return "<Opaque>"


WRONG_TYPES = (
    None, [], ["x"], [["nested", ["list"]]], [None], [1, 2], {}, {1: "x"}, {None: "x"}, {(1, 2): "x"},
    {"text": ["x"]}, {"text": {"text": "x"}}, {"text": "x", 1: "y"}, {b"text": "x"}, 10**100, -(10**100), 2**64,
    0, -1, True, False, 1.5, float("nan"), float("inf"), -0.0, Decimal("1e999999"), complex(1, 2), b"bytes",
    b"\xff\xfe\x00", bytearray(b"x"), ("tuple",), frozenset({"x"}), {"x", "y"}, range(3), _dt.date(2020, 1, 1),
    _dt.datetime(2020, 1, 1, 12, 0), jinja2.Undefined(name="missing"), jinja2.StrictUndefined(name="missing"),
    Opaque(),
)


def _generated_text() -> st.SearchStrategy[str]:
    """Generated text: any characters (``st.text()``), weighted towards those that matter in HTML and URLs, and
    runs of tokens that start tags, comments, entities, Jinja syntax and event handlers."""
    chars = st.sampled_from(list("<>\"'`&;:=/#?\\%{}!- \t\n\r\x00\x01\x0b\x0c\x1f\u00a0\u2028\ufeff"))
    tokens = st.sampled_from(["javascript:", "on", "script", "&#", "{{", "}}", "{%", "%}", "<!--", "-->", "<",
                              "img", "src=x", "onerror=", "alert(1)", "\"", "'", " ", "/", "style="])
    return st.one_of(st.text(max_size=24), st.text(st.one_of(chars, st.characters()), max_size=24),
                     st.builds("".join, st.lists(st.one_of(chars, tokens), max_size=10)))


def _spelled_url() -> st.SearchStrategy[str]:
    """A URL whose scheme is spelled the ways browsers forgive: any case, tab/LF/CR inside, C0 controls before."""

    @st.composite
    def spelled(draw) -> str:
        scheme = draw(st.sampled_from(URL_SCHEMES))
        letters = []
        for char in scheme:
            letters.append(char.upper() if draw(st.booleans()) else char)
            if draw(st.integers(0, 6)) == 0:
                letters.append(draw(st.sampled_from("\t\n\r")))
        before = draw(st.text(st.sampled_from([chr(c) for c in range(0x21)]), max_size=3))
        after = draw(st.sampled_from(["alert(1)", "//evil.example/", "text/html,<script>alert(1)</script>",
                                      "\talert(1)", "", "x@example.ca"]))
        trailing = draw(st.sampled_from(["", " ", "\x00", "\n"]))
        return before + "".join(letters) + ":" + after + trailing

    return spelled()


def _junk() -> st.SearchStrategy[Any]:
    """Generated values of the wrong type: nested lists and dicts with odd keys, numbers, bytes."""
    leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(min_value=2**63), st.floats(),
                       st.binary(max_size=8), st.text(max_size=6))
    keys = st.one_of(st.integers(), st.none(), st.text(max_size=6), st.booleans(), st.binary(max_size=4))
    return st.recursive(leaves, lambda children: st.one_of(st.lists(children, max_size=3),
                                                           st.dictionaries(keys, children, max_size=3),
                                                           st.tuples(children)), max_leaves=6)


def _pick(values: Iterable[Any]) -> st.SearchStrategy[Any]:
    """sampled_from for values hypothesis cannot hash (StrictUndefined raises on hash())."""
    values = tuple(values)
    return st.integers(0, len(values) - 1).map(values.__getitem__)


_TEXT = st.one_of(st.sampled_from(HOSTILE_TEXT), _generated_text(),
                  st.builds(lambda a, b: a + b, st.sampled_from(HOSTILE_TEXT), st.sampled_from(HOSTILE_TEXT)))
_URL = st.one_of(st.sampled_from(HOSTILE_URLS), _spelled_url(), _generated_text(),
                 st.builds(lambda a, b: a + b, st.sampled_from(("/", "#", "?", "")), st.sampled_from(HOSTILE_TEXT)))
_WRONG = st.one_of(_pick(WRONG_TYPES), _junk())


def _wrong_for(node: Node) -> list[Any]:
    """Wrong values derived from the spec: an allowed value wrapped in a list, a dict, a tuple; numbers as text;
    for containers, items and fields of the wrong type."""
    out: list[Any] = []
    for value in node.values or ():
        out += [[value], {value: 1} if not isinstance(value, float) or not math.isnan(value) else {}, (value,),
                str(value) if not isinstance(value, str) else value.upper() + " ", [[value]]]
        if isinstance(value, int) and not isinstance(value, bool):
            out += [float(value), value + 10**30]
    if node.type == "list":
        item = minimal(node.item) if node.item is not None else "x"
        out += [[None], ["x"], [[item]], [{}], [{1: "x"}], [item, None], "text", {"a": item}, (item,), {"x"},
                [{**item, "zz_unknown": 1}] if isinstance(item, dict) else [{"x": 1}], [item] * 3]
    if node.type in ("dict", "part"):
        base = minimal(node)
        base = base if isinstance(base, dict) else {"text": base}
        out += [{**base, 1: "x"}, {**base, None: "x"}, {**base, "zz_unknown": "x"}, {**base, "text": ["x"]},
                {**base, "text": {"nested": "dict"}}, [base], {1: "x"}]
    if node.type == "date_parts":
        out += [{"day": "<script>", "month": "1", "year": "2020"}, {"day": 1.5}, {"day": ["1"]}, {"week": "1"},
                {1: "1"}, "2020-02-30", "2020-13-01", "9999-99-99"]
    return out


def attr_entries() -> st.SearchStrategy[tuple[Any, Any]]:
    """One (name, value) for an attrs dict: URL-bearing names with hostile URLs, hostile names, plain names with
    hostile values, generated names, and names that are not strings."""
    any_value = st.one_of(_TEXT, _pick(ATTR_VALUE_EXTRAS), _WRONG, _TEXT.map(Markup))
    return st.one_of(
        st.tuples(st.sampled_from(sorted(URL_ATTRS)), st.one_of(_URL, _URL.map(Markup))),
        st.tuples(st.sampled_from(HOSTILE_ATTR_NAMES), st.one_of(st.just("harmless"), _TEXT, st.just(True))),
        st.tuples(st.sampled_from(PLAIN_ATTR_NAMES), any_value),
        st.tuples(_generated_text(), st.just("harmless")),
        st.tuples(st.one_of(st.integers(), st.none(), st.binary(max_size=4), st.tuples(st.integers())),
                  st.just("harmless")),
    )


def value_strategy(node: Node) -> st.SearchStrategy[Any]:
    """Fuzzed values for one slot, by the slot's type."""
    kind = node.type
    wrong = st.one_of(_WRONG, _pick(_wrong_for(node))) if _wrong_for(node) else _WRONG
    markup = _TEXT.map(Markup)  # Markup where the value lands in an attribute: it must be escaped all the same
    if node.values is not None:
        return st.one_of(_pick(node.values), _TEXT, markup, wrong)
    if kind == "text":
        return st.one_of(_TEXT, wrong)  # Markup in a text keeps its HTML on purpose: not fuzzed
    if kind in ("string", "id"):
        return st.one_of(_TEXT, markup, wrong)
    if kind == "any":  # a key of a dict the template draws itself: it may keep Markup on purpose
        return st.one_of(_TEXT, wrong)
    if kind == "url":
        return st.one_of(_URL, _URL.map(Markup), _TEXT, wrong)
    if kind == "classes":
        return st.one_of(_TEXT, markup, st.lists(st.one_of(_TEXT, markup), max_size=3), wrong)
    if kind == "int":
        return st.one_of(st.integers(), st.sampled_from((0, -1, 10**100, -(10**100), 2**63, 2**31)), _TEXT, wrong)
    if kind == "bool":
        return st.one_of(st.booleans(), _TEXT, wrong)
    if kind in ("date", "date_parts"):
        iso = st.dates().map(_dt.date.isoformat)
        return st.one_of(st.dates(), iso, _TEXT, wrong)
    if kind == "attrs":
        return st.one_of(st.lists(attr_entries(), max_size=3).map(dict), wrong)
    if kind == "part":
        return st.one_of(_TEXT, wrong)
    return wrong  # dict, list


def _neutral(value: str, url: bool) -> str:
    """A harmless string in place of ``value``: empty stays empty, line breaks stay (some text keeps them as
    <br>), everything else becomes "harmless" ("/harmless" for a URL)."""
    if url:
        return "/harmless" if value else ""
    return re.sub(r"[^\n]+", "harmless", value)


def harmless(slot: Slot, value: Any, baseline: Any) -> Any:
    """The harmless counterpart of one fuzzed value (see the module docstring)."""
    node = slot.node
    if value is None or (isinstance(value, jinja2.Undefined) and not isinstance(value, jinja2.StrictUndefined)):
        return None  # "not given" (a component may draw something else then): compare with not giving it
    if slot.entry:
        name, given = value
        if isinstance(name, str) and name in URL_ATTRS:
            return name, "/harmless"
        keep = isinstance(name, str) and name in PLAIN_ATTR_NAMES
        return (name if keep else "data-harmless"), (_neutral(given, False) if isinstance(given, str) and keep
                                                      else "harmless")
    if node.values is not None or node.type in ("bool", "int", "enum", "date", "date_parts"):
        if node.accepts(value):
            return value  # a valid choice may change the markup (disabled=True draws disabled): compare like with like
        return baseline if baseline is not None else minimal(node)
    if node.type in ("text", "string", "id", "any", "classes", "part"):
        if isinstance(value, str):
            return _neutral(value, False)
        if node.type != "part":
            return "harmless"
    if node.type == "url":
        return _neutral(value, True) if isinstance(value, str) else "/harmless"
    if node.type in ("part", "dict", "list") and node.accepts(value):
        return value  # a whole list or dict of the right shape (its strings are fuzzed through their own slots)
    return baseline if baseline is not None else minimal(node)


def _get(params: Any, path: tuple) -> Any:
    for key in path:
        if isinstance(key, int):
            if not isinstance(params, list) or key >= len(params):
                return None
            params = params[key]
        elif isinstance(params, Mapping):
            params = params.get(key)
        elif isinstance(params, str) and key == "text":
            pass  # a part given as a text
        else:
            return None
    return params


def _attr_names(case: Case) -> set[str]:
    """The attribute names the call asks for in attrs (a new attribute of exactly that name is expected)."""
    names: set[str] = set()
    for slot, value in case.mutations:
        if slot.entry and isinstance(value[0], str):
            names.add(value[0])
        elif slot.node.type == "attrs" and isinstance(value, Mapping):
            names.update(k for k in value if isinstance(k, str))
    return names


# ---- the fuzzer --------------------------------------------------------------------------------------------------


@dataclass
class Finding:
    """One problem: a component, a slot (list indexes blanked), what went wrong, and the calls that showed it."""

    component: str
    slot: str
    kind: str
    detail: str
    example: str
    call: str
    output: str
    count: int = 1
    values: list[str] = field(default_factory=list)

    def report(self) -> str:
        lines = [
            f"FINDING wet.{self.component} {self.slot}: {self.kind}",
            f"  value: {self.call}   (example {self.example!r})",
            f"  what came out: {self.detail}",
        ]
        if self.output:
            lines.append(f"  output: {self.output}")
        if len(self.values) > 1:
            lines.append("  also with: " + "; ".join(self.values[1:]))
        lines.append(f"  seen {self.count} time(s)")
        return "\n".join(lines)


Render = Callable[[ComponentSpec, dict, Any], str]


@dataclass
class Plan:
    """What the fuzzer knows about one component: its tree and, per example, its slots and their strategies."""

    spec: ComponentSpec
    tree: dict[str, Node]
    slots: dict[str, list[Slot]]
    strategies: dict[Slot, st.SearchStrategy]


class Fuzzer:
    """Builds cases from the registry, renders them and collects findings.

    ``render(spec, params, content)`` renders one call (default: the ``wet`` global of a StrictUndefined
    environment, content as a ``{% call %}`` block, as ``wetkit.site.render_example`` does); the oracle self-test
    passes a planted one. ``expected_errors`` are the exceptions that are a proper answer (wetkit's own).
    """

    def __init__(self, registry: Registry | None = None, render: Render | None = None,
                 expected_errors: tuple[type[BaseException], ...] = (WetkitError,)):
        self.registry = registry or get_registry()
        self.expected_errors = expected_errors
        if render is None:
            wet = wetkit.environment(undefined=jinja2.StrictUndefined).globals["wet"]

            def render(spec: ComponentSpec, params: dict, content: Any) -> str:
                component = getattr(wet, spec.name)
                if content is not None:
                    block = content if isinstance(content, Markup) else Markup(content)
                    return str(component(caller=lambda: block, **params))
                return str(component(**params))

        self.render = render
        self.renders = 0  # fuzzed calls rendered (or refused)
        self.reference_renders = 0  # harmless calls rendered for comparison (cached ones not counted)
        self.cases = 0
        self.findings: dict[tuple[str, str, str], Finding] = {}
        self._plans: dict[str, Plan] = {}
        self._references: dict[str, Features | None] = {}

    # -- planning

    def plan(self, name: str) -> Plan:
        if name not in self._plans:
            spec = self.registry[name]
            tree = build_tree(self.registry, spec)
            seen = _keys_seen(spec)
            slots = {ex: slots_for(tree, example.params, seen) for ex, example in spec.examples.items()}
            strategies = {}
            for example_slots in slots.values():
                for slot in example_slots:
                    strategies[slot] = attr_entries() if slot.entry else value_strategy(slot.node)
            self._plans[name] = Plan(spec, tree, slots, strategies)
        return self._plans[name]

    def cases_for(self, name: str) -> st.SearchStrategy[Case]:
        """Hypothesis strategy: cases of component ``name`` (an example, one to three fuzzed slots)."""
        plan = self.plan(name)
        examples = sorted(plan.slots)

        @st.composite
        def cases(draw) -> Case:
            example = draw(st.sampled_from(examples))
            slots = plan.slots[example]
            picked = draw(st.lists(st.integers(0, len(slots) - 1), min_size=1, max_size=3, unique=True))
            mutations: list[tuple[Slot, Any]] = []
            for index in picked:
                slot = slots[index]
                if any(_overlaps(slot, other) for other, _ in mutations):
                    continue
                mutations.append((slot, draw(plan.strategies[slot])))
            return Case(name, example, tuple(mutations))

        return cases()

    def case(self, component: str, example: str, **values: Any) -> Case:
        """A hand-made case. Keys of ``values`` are slot names: ``href``, ``items[0].href``, ``label.text``; a name
        ending in ``[]`` is an attrs entry given as a (name, value) pair: ``case("button", "primary",
        **{"attrs[]": ("href", "javascript:alert(1)")})``."""
        slots = self.plan(component).slots[example]
        mutations = []
        for name, value in values.items():
            entry = name.endswith("[]")
            wanted = name[:-2] if entry else name
            slot = next(s for s in slots if s.name == wanted and s.entry == entry)
            mutations.append((slot, value))
        return Case(component, example, tuple(mutations))

    # -- running one case

    def _call(self, case: Case, reference: bool) -> tuple[dict, Any]:
        example = self.registry[case.component].examples[case.example]
        params = copy.deepcopy(dict(example.params))
        for slot, value in case.mutations:
            if reference:
                value = harmless(slot, value, _get(example.params, slot.path))
            _put(params, slot, value)
        return params, example.content

    def _outcome(self, case: Case, params: dict, content: Any) -> Outcome:
        try:
            return Outcome(html=self.render(self.registry[case.component], params, content))
        except Exception as error:  # noqa: BLE001 - every exception is judged
            return Outcome(error=error, origin=origin_of(error))

    def reference(self, case: Case) -> Features | None:
        """Features of the case's harmless call, or None when that call is refused too (then only the rules that
        need no reference apply: no script, no on*/style, URL schemes)."""
        params, content = self._call(case, reference=True)
        return self._reference(repr((case.component, case.example, params)), case, params, content)

    def _reference(self, key: str, case: Case, params: dict, content: Any) -> Features | None:
        if key not in self._references:
            if len(self._references) > 20000:
                self._references.clear()
            self.reference_renders += 1
            outcome = self._outcome(case, params, content)
            self._references[key] = features(outcome.html) if outcome.html is not None else None
        return self._references[key]

    def check(self, case: Case) -> list[Problem]:
        """Render one case, judge it, record its findings; returns its problems."""
        self.cases += 1
        params, content = self._call(case, reference=False)
        self.renders += 1
        outcome = self._outcome(case, params, content)
        reference = self.reference(case) if outcome.html is not None else None
        problems = judge(outcome, reference, _attr_names(case), self.expected_errors)
        for problem in problems:
            self._record(case, outcome, problem)
        return problems

    def _record(self, case: Case, outcome: Outcome, problem: Problem) -> None:
        # Name the slots at fault: the fewest of the case's fuzzed values that show the same problem on their own.
        smaller = (combo for size in range(1, len(case.mutations))
                   for combo in itertools.combinations(case.mutations, size))
        for combo in smaller:
            fewer = Case(case.component, case.example, combo)
            params, content = self._call(fewer, reference=False)
            again = self._outcome(fewer, params, content)
            ref = self.reference(fewer) if again.html is not None else None
            same = [p for p in judge(again, ref, _attr_names(fewer), self.expected_errors) if p.kind == problem.kind]
            if same:
                case, outcome, problem = fewer, again, same[0]
                break
        slot_shape = " + ".join(slot.shape for slot, _ in case.mutations)
        key = (case.component, slot_shape, problem.kind)
        shown = case.describe()
        finding = self.findings.get(key)
        if finding is None:
            output = "" if outcome.html is None else _show(outcome.html, 300)
            self.findings[key] = Finding(case.component, slot_shape, problem.kind, problem.detail, case.example,
                                         shown, output, values=[shown])
        else:
            finding.count += 1
            if len(finding.values) < 4 and shown not in finding.values:
                finding.values.append(shown)

    def report(self) -> str:
        return "\n\n".join(f.report() for f in self.findings.values())


def _overlaps(a: Slot, b: Slot) -> bool:
    shorter, longer = sorted((a.path, b.path), key=len)
    return longer[: len(shorter)] == shorter


# ---- driving it with hypothesis ----------------------------------------------------------------------------------


@dataclass
class Run:
    renders: int
    reference_renders: int
    cases: int
    seconds: float
    findings: list[Finding]
    seed: int | None

    def summary(self) -> str:
        found = len(self.findings)
        return (f"fuzz: {self.renders:,} renders, {found} finding{'' if found == 1 else 's'} "
                f"({self.cases:,} cases; {self.reference_renders:,} harmless reference renders; "
                f"{self.seconds:.1f} s; seed {self.seed if self.seed is not None else 'derandomized'})")


#: hypothesis settings profiles. "wetkit-fuzz-unit": the same cases every run (tests/unit/test_fuzz.py);
#: "wetkit-fuzz": seeded from --seed (python -m tests.fuzz, nox -s fuzz). Neither shrinks nor stores examples:
#: every case is judged and recorded by the fuzzer itself, so nothing is gained by hypothesis replaying it.
_PROFILE = {"database": None, "deadline": None, "phases": [Phase.generate], "print_blob": False,
            "suppress_health_check": list(HealthCheck), "verbosity": hypothesis.Verbosity.quiet}
settings.register_profile("wetkit-fuzz-unit", derandomize=True, **_PROFILE)
settings.register_profile("wetkit-fuzz", derandomize=False, **_PROFILE)


def run(per_component: int, components: Iterable[str] | None = None, *, seed: int | None = None,
        fuzzer: Fuzzer | None = None, progress: Callable[[str, Fuzzer], None] | None = None, batch: int = 8) -> Run:
    """Fuzz each component (default: every one in the registry) with at least ``per_component`` cases.

    ``seed=None`` uses the derandomized profile (the same cases every run: the unit test); an int seeds each
    component's run from it (``python -m tests.fuzz --seed``). Each hypothesis example is a ``batch`` of cases:
    hypothesis's own work per example is the larger cost, so batching triples the renders a second.
    """
    fuzzer = fuzzer or Fuzzer()
    names = list(components) if components is not None else fuzzer.registry.names()
    started = time.perf_counter()
    for name in names:
        target = fuzzer.cases + per_component
        strategy = st.lists(fuzzer.cases_for(name), min_size=batch, max_size=batch)
        rounds = 0
        while fuzzer.cases < target and rounds < 10:  # more than one round only if hypothesis stops early
            wanted = -(-(target - fuzzer.cases) // batch)

            derandomized = seed is None and not rounds
            profile = settings.get_profile("wetkit-fuzz-unit" if derandomized else "wetkit-fuzz")

            @settings(profile, max_examples=wanted)
            @hypothesis.given(strategy)
            def fuzz_some(cases: list[Case]) -> None:
                for case in cases:
                    fuzzer.check(case)

            if not derandomized:
                fuzz_some = hypothesis.seed(((seed or 0) + rounds) ^ zlib.crc32(name.encode()))(fuzz_some)
            before = fuzzer.cases
            fuzz_some()
            rounds += 1
            if fuzzer.cases == before:
                break
        if progress is not None:
            progress(name, fuzzer)
    return Run(fuzzer.renders, fuzzer.reference_renders, fuzzer.cases, time.perf_counter() - started,
               list(fuzzer.findings.values()), seed)


__all__ = ["Case", "Finding", "Fuzzer", "Node", "Run", "Slot", "build_tree", "handed_on", "run", "slots_for"]
