"""WTForms integration: render any WTForms field with the matching wetkit component.

In a template (``wet`` is installed by ``wetkit.install``)::

    {{ wet.form_error_summary(form) }}          {# nothing when the form has no errors #}
    {{ wet.field(form.email) }}                 {# label, description (hint), errors, value from the field #}
    {{ wet.field(form.email, width="20") }}     {# any component parameter may be added or overridden #}

The component is chosen by the field's class (subclasses count): see ``FIELD_COMPONENTS``. A field type with no
component raises an error naming it. ``DateInputField`` is a date field entered as day, month and year boxes
(``wet.date_input``); WTForms' own ``DateField`` expects one ISO string and renders as a text input.

WTForms is an optional extra: ``pip install wetkit[wtforms]``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from wetkit.errors import ParameterError

try:  # the import is optional so `wetkit.wtforms` can explain itself when WTForms is absent
    import wtforms
except ImportError:  # pragma: no cover - exercised only without the extra
    wtforms = None


def _require_wtforms() -> None:
    if wtforms is None:
        raise ImportError("wetkit.wtforms needs WTForms: pip install 'wetkit[wtforms]'")


# ---- reading a field ---------------------------------------------------------------------------------------


def _common(field) -> dict[str, Any]:
    params: dict[str, Any] = {"name": field.name, "id": field.id, "label": field.label.text}
    if field.description:
        params["hint"] = field.description
    if field.errors:
        params["error"] = str(field.errors[0])
    return params


def _text(field, **extra) -> dict[str, Any]:
    value = field._value()
    params = _common(field)
    if value not in (None, ""):
        params["value"] = str(value)
    params.update(extra)
    return params


def _choices(field) -> list[dict[str, Any]]:
    items = []
    for choice in field.iter_choices():
        value, label = choice[0], choice[1]
        items.append({"value": str(value), "text": str(label)})
    return items


def _select(field) -> dict[str, Any]:
    """A posted value that is not a choice (a tampered form) is not shown as selected; WTForms' own
    pre-validation reports it as "Not a valid choice"."""
    params = _common(field)
    params["items"] = _choices(field)
    if field.data not in (None, "") and str(field.data) in {item["value"] for item in params["items"]}:
        params["value"] = str(field.data)
    return params


def _radios(field) -> dict[str, Any]:
    params = _select(field)
    params["legend"] = params.pop("label")
    return params


def _checkboxes(field) -> dict[str, Any]:
    params = _common(field)
    params["legend"] = params.pop("label")
    params["items"] = _choices(field)
    if field.data:
        known = {item["value"] for item in params["items"]}
        params["values"] = [str(v) for v in field.data if str(v) in known]
    return params


def _boolean(field) -> dict[str, Any]:
    """A single checkbox: its label is the item text; no legend."""
    params = _common(field)
    text = params.pop("label")
    params["items"] = [{"value": "y", "text": text}]
    if field.data:
        params["values"] = ["y"]
    return params


def _date_input(field) -> dict[str, Any]:
    params = _common(field)
    params["legend"] = params.pop("label")
    value = field.data if isinstance(field.data, _dt.date) else getattr(field, "raw_parts", None)
    if value:
        params["value"] = value
    if field.errors and getattr(field, "error_parts", None):
        params["error_fields"] = list(field.error_parts)  # only the boxes that are wrong
    return params


def normalize_newlines(value):
    """A WTForms filter: browsers send line breaks as CRLF, which ``Length(max=...)`` would count twice while
    wet.character_count (and the user) count one. ``TextAreaField(filters=[normalize_newlines])``."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def _file(field) -> dict[str, Any]:
    return _common(field)


def _password(field) -> dict[str, Any]:
    return _common(field)  # a password's value is never written back into the page


def _submit(field) -> dict[str, Any]:
    return {"text": field.label.text, "name": field.name, "id": field.id}


def _hidden(field) -> Markup:
    return Markup('<input type="hidden" name="{}" id="{}" value="{}">').format(field.name, field.id, field._value())


#: WTForms field class name → (component, function reading the field into its parameters).
FIELD_COMPONENTS: dict[str, tuple[str, Callable]] = {
    "SubmitField": ("button", _submit),
    "DateInputField": ("date_input", _date_input),
    "EmailField": ("text_input", lambda f: _text(f, type="email", autocomplete="email", spellcheck=False)),
    "TelField": ("text_input", lambda f: _text(f, type="tel", autocomplete="tel")),
    "URLField": ("text_input", lambda f: _text(f, type="url", spellcheck=False)),
    "SearchField": ("text_input", lambda f: _text(f, type="search")),
    "IntegerField": ("text_input", lambda f: _text(f, inputmode="numeric", spellcheck=False)),
    "DecimalField": ("text_input", lambda f: _text(f, inputmode="decimal", spellcheck=False)),
    "FloatField": ("text_input", lambda f: _text(f, inputmode="decimal", spellcheck=False)),
    "DateField": ("text_input", lambda f: _text(f, spellcheck=False)),
    "TextAreaField": ("textarea", _text),
    "PasswordField": ("password_input", _password),
    "StringField": ("text_input", _text),
    "RadioField": ("radios", _radios),
    "SelectMultipleField": ("checkboxes", _checkboxes),
    "SelectField": ("select", _select),
    "BooleanField": ("checkboxes", _boolean),
    "MultipleFileField": ("file_upload", lambda f: {**_common(f), "multiple": True}),
    "FileField": ("file_upload", _file),
}


def component_for(field) -> tuple[str, Callable] | None:
    """The (component, reader) for a field: the nearest class in its MRO that has one."""
    for cls in type(field).__mro__:
        if cls.__name__ in FIELD_COMPONENTS:
            return FIELD_COMPONENTS[cls.__name__]
    return None


def field_params(field) -> tuple[str, dict[str, Any]]:
    """The component name and its parameters for a WTForms field (before any overrides)."""
    _require_wtforms()
    found = component_for(field)
    if found is None:
        raise ParameterError(
            f"wet.field: no wetkit component renders WTForms field type {type(field).__name__!r} "
            f"(field {field.name!r}); supported: {', '.join(sorted(FIELD_COMPONENTS))}. "
            "Call a component directly, or add the type to wetkit.wtforms.FIELD_COMPONENTS."
        )
    return found[0], found[1](field)


def render_field(wet, field, component: str | None = None, **overrides) -> Markup:
    """Render ``field`` with its component; ``overrides`` are extra or replacement component parameters.

    ``component`` picks another component fed the same way, e.g. ``wet.field(form.bio,
    component="character_count", max_length=200)`` for a TextAreaField.
    """
    if not hasattr(field, "name") or not hasattr(field, "label"):
        raise ParameterError(f"wet.field: expected a bound WTForms field (form.<name>), got {type(field).__name__}")
    if wtforms is not None and isinstance(field, wtforms.HiddenField):
        return _hidden(field)
    name, params = field_params(field)
    params.update(overrides)
    return getattr(wet, component or name)(**params)


def error_target(field) -> str:
    """The id an error summary link should point at: the field's first input (for a date, its first wrong box)."""
    found = component_for(field)
    if found is not None and found[0] == "date_input":
        wrong = getattr(field, "error_parts", None)
        return f"{field.id}-{wrong[0] if wrong else 'day'}"
    return field.id


def form_errors(form) -> list[dict[str, str]]:
    """``[{text, href}]`` for every field with an error, in form order: the error summary's links."""
    errors = []
    for field in form:
        if field.errors:
            errors.append({"text": str(field.errors[0]), "href": "#" + error_target(field)})
    return errors


def render_error_summary(wet, form, **overrides) -> Markup:
    """``wet.error_summary`` for the form's errors, or nothing when it has none."""
    errors = form_errors(form)
    if not errors:
        return Markup("")
    return wet.error_summary(errors=errors, **overrides)


if wtforms is not None:

    class DateInputField(wtforms.Field):
        """A date entered in three boxes (``wet.date_input``): reads ``<name>-day``, ``-month``, ``-year``.

        ``data`` is a ``datetime.date``; a missing, malformed or impossible date leaves ``data`` None, adds an error
        that says what to fix and marks only the boxes that are wrong (``error_parts``; all three for an impossible
        date such as 31 February).

        Each box is read strictly, after stripping the whitespace around it:

        - only the ASCII digits 0-9: no sign (``+1``, ``-1``), no ``_`` (``20_30``), no inner space, no other
          script's digits (``٢٠٣٠``), though Python's ``int()`` accepts all of those;
        - day: 1 or 2 digits, 1 to 31; month: 1 or 2 digits, 1 to 12; year: exactly 4 digits (``datetime.date``
          allows 1 to 9999, so ``0000`` is "not a real date").

        So a value of any length ends in a validation message, never in an ``OverflowError`` or ``ValueError``.
        Messages, in the order they are checked (the first problem found is reported; every box with that kind of
        problem is marked): "Date must include a day|month|year"; "The day|month|year must be a number, using only
        the digits 0 to 9"; "The day must be a number from 1 to 31", "The month must be a number from 1 to 12",
        "The year must have 4 digits"; "Date must be a real date". Narrower rules (not in the past, a birth date
        after 1900) belong in the form's validators.
        """

        PARTS = ("day", "month", "year")
        #: (fewest digits, most digits, smallest value, largest value) for each box
        BOUNDS = {"day": (1, 2, 1, 31), "month": (1, 2, 1, 12), "year": (4, 4, 0, 9999)}

        def __init__(self, label=None, validators=None, **kwargs):
            super().__init__(label, validators, **kwargs)
            self.raw_parts: dict[str, str] | None = None

        def process(self, formdata, data=wtforms.utils.unset_value, extra_filters=None):
            self.process_errors = []
            if data is wtforms.utils.unset_value:
                data = self.default() if callable(self.default) else self.default
            self.object_data = data
            self.data = data
            self.raw_parts = None
            self.error_parts: tuple[str, ...] = ()
            if formdata is None:
                return
            parts = {part: str(formdata.get(f"{self.name}-{part}") or "").strip() for part in self.PARTS}
            if not any(parts.values()):
                self.data = None
                self.raw_data = []
                return
            self.raw_parts = parts
            self.raw_data = [parts[p] for p in self.PARTS]
            self.data = None
            missing = [p for p in self.PARTS if not parts[p]]
            if missing:
                self._fail(missing, self.gettext("Date must include a %s") % self.gettext(missing[0]))
                return
            not_digits = [p for p in self.PARTS if not (parts[p].isascii() and parts[p].isdigit())]
            if not_digits:
                message = self.gettext("The %s must be a number, using only the digits 0 to 9")
                self._fail(not_digits, message % self.gettext(not_digits[0]))
                return
            out_of_bounds = [p for p in self.PARTS if not self._in_bounds(p, parts[p])]
            if out_of_bounds:
                self._fail(out_of_bounds, self._bounds_message(out_of_bounds[0]))
                return
            try:
                self.data = _dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
            except ValueError:  # 31 February, year 0000
                self._fail((), self.gettext("Date must be a real date"))

        def _in_bounds(self, part: str, digits: str) -> bool:
            """``digits`` is ASCII digits only; its length is checked before ``int()`` so a huge value costs nothing."""
            shortest, longest, low, high = self.BOUNDS[part]
            return shortest <= len(digits) <= longest and low <= int(digits) <= high

        def _bounds_message(self, part: str) -> str:
            if part == "day":
                return self.gettext("The day must be a number from 1 to 31")
            if part == "month":
                return self.gettext("The month must be a number from 1 to 12")
            return self.gettext("The year must have 4 digits")

        def _fail(self, parts, message: str) -> None:
            self.data = None
            self.error_parts = tuple(parts)  # empty: the date as a whole is wrong, all three boxes are marked
            self.process_errors.append(message)

        def _value(self):
            return self.data.isoformat() if isinstance(self.data, _dt.date) else ""
