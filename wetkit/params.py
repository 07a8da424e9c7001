"""Parameter schemas: what a spec's ``params`` entry means, and the checks run on every macro call.

A spec declares each parameter as ``name: {type, required, default, values, doc, fields}``. This module turns that
into a :class:`ParamSchema` and checks call values against it. The checks are on the hot path (macros are called
thousands of times a page), so each schema precompiles one small check function and ``bind`` does dict work only.

Types:
    text     a string; a ``markupsafe.Markup`` string keeps its HTML, anything else is escaped on output
    string   a plain string (names, values, labels for attributes)
    id       a string usable as an HTML id (no whitespace)
    url      a string that passes the URL policy (:mod:`wetkit.policy`): relative, #fragment, http(s), mailto, tel
    bool     True/False
    int      an integer (not a bool)
    enum     one of ``values`` (any YAML scalars)
    classes  a string of class names, or a list of them
    attrs    a dict of extra attributes: str -> str | int | bool | None (True = bare attribute, False/None = omitted);
             names and URL-bearing values pass the attribute policy (:mod:`wetkit.policy`), and an entry may not
             replace an attribute the component sets itself (checked when it renders)
    part     a sub-part (label, hint, legend…): a text, or a dict with the keys in ``fields``
    dict     a dict with the keys in ``fields``
    list     a list; with ``fields`` each item is a dict checked against them
    date     a ``datetime.date`` or an ISO ``YYYY-MM-DD`` string
    date_parts  a date as its day, month and year: a ``datetime.date``, an ISO ``YYYY-MM-DD`` string, or a dict
             ``{day, month, year}`` of strings or ints exactly as typed (so a wrong date can be shown again);
             always bound as a dict of three strings ("" where nothing was typed)

A required ``text`` (or ``part`` given as a text) may not be empty or only white space: a label, legend or button
with no text leaves a control with no accessible name. Checks that span parameters (``disabled`` with ``href``)
are rules in :mod:`wetkit.rules`, run right after these.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from jinja2 import StrictUndefined, Undefined

from wetkit import policy
from wetkit.errors import ParameterError

TYPES = ("text", "string", "id", "url", "bool", "int", "enum", "classes", "attrs", "part", "dict", "list", "date",
         "date_parts")

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class InvalidValue(Exception):
    """Raised by a schema's ``check``: carries what is allowed (and, for nested values, the path to the bad one);
    :meth:`Signature.bind` adds the component, the parameter and the value given."""

    def __init__(self, allowed: str, path: str = "", kind: str = "value", field: str = ""):
        super().__init__(allowed)
        self.allowed = allowed
        self.path = path
        self.kind = kind  # value | missing | unknown
        self.field = field


def describe(value: Any) -> str:
    """A short, unambiguous rendering of a given value for error messages."""
    text = repr(value)
    if len(text) > 80:
        text = text[:77] + "..."
    return f"{text} ({type(value).__name__})"


@dataclass
class ParamSchema:
    """One parameter of a component (or one field of a dict/list item)."""

    name: str
    type: str
    required: bool = False
    default: Any = None
    values: list | None = None
    doc: str = ""
    fields: dict[str, ParamSchema] | None = None
    check: Callable[[Any], Any] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.check = _make_check(self)

    def allowed(self) -> str:
        """What this parameter accepts, in words (used in errors and in the docs' parameter table)."""
        if self.values is not None:
            return "one of " + ", ".join(repr(v) for v in self.values)
        return _TYPE_WORDS[self.type]


_TYPE_WORDS = {
    "text": "a string (Markup keeps its HTML)",
    "string": "a string",
    "id": "a string with no whitespace (an HTML id)",
    "url": "a URL string: relative, a #fragment, or http, https, mailto, tel (the URL policy)",
    "bool": "True or False",
    "int": "an integer",
    "enum": "one of the listed values",
    "classes": "a string of class names or a list of them",
    "attrs": "a dict of attribute name to str, int, True, False or None",
    "part": "a string, or a dict of its fields",
    "dict": "a dict of its fields",
    "list": "a list",
    "date": "a datetime.date or a 'YYYY-MM-DD' string",
    "date_parts": "a datetime.date, a 'YYYY-MM-DD' string, or a dict of day, month, year (str or int, as typed)",
}
_DATE_PARTS = ("day", "month", "year")


def _make_check(schema: ParamSchema) -> Callable[[Any], Any]:
    """Build the check for one schema: returns the (possibly normalised) value or raises InvalidValue."""
    kind = schema.type
    values = schema.values
    if values is not None:
        allowed_set = {(type(v), v) for v in values}
        words = schema.allowed()

        def check_values(value):
            if isinstance(value, bool) or not isinstance(value, (str, int, float)):
                try:
                    known = (type(value), value) in allowed_set
                except TypeError:  # a list or dict: unhashable, so never one of the values
                    known = False
                if not known:
                    raise InvalidValue(words)
                return value
            # Markup compares equal to its str; ints are not bools here.
            key = (str if isinstance(value, str) else type(value), value)
            if key not in allowed_set:
                raise InvalidValue(words)
            return value

        return check_values

    if kind == "text" and schema.required:
        words = "a non-empty string (Markup keeps its HTML); not empty or only white space"

        def check_required_text(value):
            if not isinstance(value, str) or not value.strip():
                raise InvalidValue(words)
            return value

        return check_required_text
    if kind == "text":

        def check_text(value):
            if not isinstance(value, str):
                raise InvalidValue(_TYPE_WORDS[kind])
            return value

        return check_text
    if kind == "string":

        def check_string(value):
            if not isinstance(value, str):
                raise InvalidValue(_TYPE_WORDS[kind])
            return str(value)  # a Markup value loses its "safe" mark: strings end up in attributes

        return check_string
    if kind == "id":

        def check_id(value):
            if not isinstance(value, str) or not value or any(c.isspace() for c in value):
                raise InvalidValue(_TYPE_WORDS["id"])
            return str(value)

        return check_id
    if kind == "url":

        def check_url(value):
            if not isinstance(value, str):
                raise InvalidValue(_TYPE_WORDS["url"])
            try:
                return policy.check_url(str(value))  # str(): a Markup URL is escaped like any other
            except policy.PolicyViolation as err:
                raise InvalidValue(err.allowed) from None

        return check_url
    if kind == "bool":

        def check_bool(value):
            if not isinstance(value, bool):
                raise InvalidValue(_TYPE_WORDS["bool"])
            return value

        return check_bool
    if kind == "int":

        def check_int(value):
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidValue(_TYPE_WORDS["int"])
            return value

        return check_int
    if kind == "classes":

        def check_classes(value):
            if isinstance(value, str):
                return str(value)
            if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
                return " ".join(str(v) for v in value if v)
            raise InvalidValue(_TYPE_WORDS["classes"])

        return check_classes
    if kind == "attrs":
        return _check_attrs
    if kind == "date":

        def check_date(value):
            if isinstance(value, _dt.date):
                return value
            if isinstance(value, str) and _ISO_DATE.match(value):
                try:
                    return _dt.date.fromisoformat(value)
                except ValueError:
                    pass
            raise InvalidValue(_TYPE_WORDS["date"])

        return check_date
    if kind == "date_parts":

        def check_date_parts(value):
            if isinstance(value, str) and _ISO_DATE.match(value):
                with contextlib.suppress(ValueError):
                    value = _dt.date.fromisoformat(value)
            if isinstance(value, _dt.date):
                return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
            if isinstance(value, Mapping) and set(value) <= set(_DATE_PARTS) and all(
                part is None or (isinstance(part, (str, int)) and not isinstance(part, bool)) for part in value.values()
            ):
                return {key: "" if value.get(key) is None else str(value[key]) for key in _DATE_PARTS}
            raise InvalidValue(_TYPE_WORDS["date_parts"])

        return check_date_parts
    if kind in ("dict", "part", "list"):
        fields = schema.fields

        def check_item(value, where=""):
            if not isinstance(value, Mapping):
                raise InvalidValue("a dict" + (" of " + ", ".join(fields) if fields else ""), where)
            if fields is None:
                bad = next((key for key in value if not isinstance(key, str)), _MISSING)
                if bad is not _MISSING:
                    raise InvalidValue("a dict whose keys are parameter names (strings)", f"{where}[{bad!r}]")
                return value
            return bind_fields(fields, value, where)

        if kind == "dict":
            return check_item
        if kind == "part":

            required = schema.required

            def check_part(value):
                if isinstance(value, str):
                    if required and not value.strip():
                        raise InvalidValue("a non-empty string (Markup keeps its HTML), or a dict of its fields")
                    return value
                return check_item(value)

            return check_part

        def check_list(value):
            if isinstance(value, (str, bytes, Mapping)) or not hasattr(value, "__iter__"):
                raise InvalidValue(_TYPE_WORDS["list"])
            items = list(value)
            if fields is None:
                for index, item in enumerate(items):
                    if isinstance(item, Undefined):
                        raise InvalidValue(_UNDEFINED, f"[{index}]")
                return items
            return [check_item(item, f"[{index}]") for index, item in enumerate(items)]

        return check_list
    raise ValueError(f"unknown parameter type {kind!r}")


def _check_attrs(value):
    if not isinstance(value, Mapping):
        raise InvalidValue(_TYPE_WORDS["attrs"])
    for key, item in value.items():
        if isinstance(key, str) and key.lower() == "class":
            raise InvalidValue("no 'class' here: pass extra classes with classes=", f"[{key!r}]")
        if item is not None and not isinstance(item, (str, int, float, bool)):
            raise InvalidValue(_TYPE_WORDS["attrs"], f"[{key!r}]")
        try:
            policy.check_attribute(key, item)
        except policy.PolicyViolation as err:
            raise InvalidValue(err.allowed, f"[{key!r}]") from None
    return value


def bind_fields(fields: Mapping[str, ParamSchema], given: Mapping, where: str = "") -> dict:
    """Check a dict against ``fields``: unknown keys, required keys, types. Returns a dict with defaults filled."""
    unknown = given.keys() - fields.keys()
    if unknown:
        key = sorted(unknown, key=str)[0]
        raise InvalidValue(_unknown_words(key, fields), where, kind="unknown", field=key)
    bound = {}
    for name, schema in fields.items():
        value = given.get(name, _MISSING)
        if value is _MISSING or value is None or (isinstance(value, Undefined) and _lenient(value)):
            if schema.required:
                raise InvalidValue(schema.allowed(), f"{where}.{name}", kind="missing")
            bound[name] = schema.default
            continue
        if isinstance(value, Undefined):  # a StrictUndefined: a template passed a variable that does not exist
            raise InvalidValue(_UNDEFINED, f"{where}.{name}")
        try:
            bound[name] = schema.check(value)
        except InvalidValue as err:
            raise InvalidValue(err.allowed, f"{where}.{name}{err.path}", err.kind, err.field) from None
    return bound


_UNDEFINED = "a defined value (the template passed a variable that does not exist)"


_MISSING = object()


def _lenient(value: Undefined) -> bool:
    """A plain Undefined passed as a value counts as 'not given'; a StrictUndefined is an error."""
    return not isinstance(value, StrictUndefined)


def _unknown_words(key: Any, fields: Mapping[str, Any]) -> str:
    close = difflib.get_close_matches(str(key), list(fields), n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return hint + "known: " + ", ".join(fields)


class Signature:
    """The checked parameters of one component; ``bind`` validates a call and fills defaults."""

    def __init__(self, component: str, params: dict[str, ParamSchema], positional: list[str]):
        self.component = component
        self.params = params
        self.positional = positional
        self._order = [(name, s.required, s.default, s.check) for name, s in params.items()]
        self._known = frozenset(params)

    def error(self, message: str) -> ParameterError:
        return ParameterError(f"wet.{self.component}: {message}", self.component)

    def bind(self, args: tuple, kwargs: dict) -> dict:
        """Validate one call. Returns every parameter by name (defaults filled), or raises ParameterError."""
        if args:
            if len(args) > len(self.positional):
                raise self.error(
                    f"takes {len(self.positional)} positional argument(s) "
                    f"({', '.join(self.positional) or 'none'}), got {len(args)}: {describe(args)}; "
                    "pass the others by keyword"
                )
            for name, value in zip(self.positional, args, strict=False):
                if name in kwargs:
                    raise self.error(f"parameter {name!r} given both by position and by keyword")
                kwargs[name] = value
        if not self._known.issuperset(kwargs):
            name = sorted(set(kwargs) - self._known)[0]
            raise self.error(
                f"unknown parameter {name!r} (given {describe(kwargs[name])}); "
                + _unknown_words(name, self.params)
            )
        bound = {}
        get = kwargs.get
        for name, required, default, check in self._order:
            value = get(name, _MISSING)
            if value is _MISSING or value is None or (isinstance(value, Undefined) and _lenient(value)):
                if required:
                    shown = "nothing" if value is _MISSING else describe(value)
                    raise self.error(
                        f"parameter {name!r} is required, got {shown}; allowed: {self.params[name].allowed()}"
                    )
                bound[name] = default
                continue
            if isinstance(value, Undefined):
                raise self.error(f"parameter {name!r} got an undefined value ({value._undefined_message})")
            try:
                bound[name] = check(value)
            except InvalidValue as err:
                where = f"parameter {name!r}{err.path}"
                if err.kind == "missing":
                    raise self.error(f"{where} is required, got nothing; allowed: {err.allowed}") from None
                if err.kind == "unknown":
                    given = describe(_dig(value, err.path)[err.field])
                    message = f"{where} has unknown field {err.field!r} (given {given}); {err.allowed}"
                    raise self.error(message) from None
                raise self.error(f"{where} got {describe(_dig(value, err.path))}; allowed: {err.allowed}") from None
        return bound


def _dig(value: Any, path: str) -> Any:
    """Follow an error path like ``[2].href`` into value, to show the exact offending item."""
    for part in re.findall(r"\[(\d+|'[^']*')\]|\.(\w+)", path):
        index, key = part
        try:
            if index.isdigit():
                value = list(value)[int(index)]
            elif index:
                value = value[index.strip("'")]
            else:
                value = value.get(key) if isinstance(value, Mapping) else value
        except (LookupError, TypeError):
            break
    return value
