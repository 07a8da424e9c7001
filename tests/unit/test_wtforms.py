"""WTForms integration: each field type renders with its component, errors feed the summary, dates parse."""

from __future__ import annotations

import datetime as _dt

import html5lib
import jinja2
import pytest
from werkzeug.datastructures import MultiDict

wtforms = pytest.importorskip("wtforms")

from wtforms import validators  # noqa: E402

import wetkit  # noqa: E402
from wetkit.errors import ParameterError  # noqa: E402
from wetkit.wtforms import DateInputField, form_errors, normalize_newlines  # noqa: E402

Choice = getattr(wtforms.fields.choices, "SelectChoice", lambda *pair: pair)  # tuples are deprecated in 3.3


class PermitForm(wtforms.Form):
    name = wtforms.StringField("Full name", description="As on your ID",
                               validators=[validators.InputRequired("Enter your name")])
    email = wtforms.EmailField("Email", validators=[validators.InputRequired("Enter your email")])
    phone = wtforms.TelField("Phone")
    age = wtforms.IntegerField("Age")
    bio = wtforms.TextAreaField("About you", filters=[normalize_newlines])
    secret = wtforms.PasswordField("Password")
    kind = wtforms.RadioField("Permit", choices=[Choice("a", "Annual"), Choice("d", "Day")],
                              validators=[validators.InputRequired("Choose a permit")])
    waters = wtforms.SelectMultipleField("Waters", choices=[Choice("l", "Lakes"), Choice("r", "Rivers")])
    region = wtforms.SelectField("Region", choices=[Choice("", "Select one"), Choice("on", "Ontario"),
                                                  Choice("qc", "Quebec")])
    agree = wtforms.BooleanField("I agree to the terms")
    proof = wtforms.FileField("Proof of residence")
    start = DateInputField("Start date", validators=[validators.InputRequired("Enter a start date")])
    token = wtforms.HiddenField(default="t0k")
    send = wtforms.SubmitField("Send")


@pytest.fixture(scope="module")
def env():
    return wetkit.environment(undefined=jinja2.StrictUndefined)


def render(env, source, **context):
    return env.from_string(source).render(**context)


def _inputs(html: str) -> list[dict]:
    """The attributes of every <input>, as a browser parses them."""
    tree = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    return [dict(el.attrib) for el in tree.iter() if el.tag == "input"]


EXPECTED = {
    "name": 'class="wet-input"', "email": 'type="email"', "phone": 'type="tel"', "age": 'inputmode="numeric"',
    "bio": "<textarea", "secret": 'type="password"', "kind": 'type="radio"', "waters": 'type="checkbox"',
    "region": "<select", "agree": 'type="checkbox"', "proof": 'type="file"', "start": 'id="start-day"',
    "token": 'type="hidden"', "send": "wet-btn",
}


@pytest.mark.parametrize("field", list(EXPECTED))
def test_every_field_type_renders_with_its_component(env, field):
    html = render(env, "{{ wet.field(form[name]) }}", form=PermitForm(), name=field)
    assert EXPECTED[field] in html


def test_label_hint_error_and_value_come_from_the_field(env):
    form = PermitForm(MultiDict({"name": "", "email": "a@b.ca", "kind": "d", "waters": ["r"]}))
    form.validate()
    html = render(env, "{{ wet.field(form.name) }}{{ wet.field(form.email) }}{{ wet.field(form.kind) }}"
                       "{{ wet.field(form.waters) }}", form=form)
    assert ">Full name</label>" in html and "As on your ID" in html
    assert 'Error: </span>Enter your name' in html and 'aria-invalid="true"' in html
    assert 'value="a@b.ca"' in html
    checked = [(box.get("name"), box.get("value")) for box in _inputs(html) if "checked" in box]
    assert checked == [("kind", "d"), ("waters", "r")], "exactly the answers given are checked"


def test_overrides_and_another_component(env):
    html = render(env, '{{ wet.field(form.name, width="20") }}'
                       '{{ wet.field(form.bio, component="character_count", max_length=50) }}', form=PermitForm())
    assert "wet-input--width-20" in html and "50 characters" in html


def test_error_summary_links_each_error_to_its_first_input(env):
    form = PermitForm(MultiDict({}))
    assert not form.validate()
    assert [e["href"] for e in form_errors(form)] == ["#name", "#email", "#kind", "#region", "#start-day"]
    html = render(env, "{{ wet.form_error_summary(form) }}", form=form)
    assert 'href="#start-day"' in html and "Enter a start date" in html
    assert render(env, "{{ wet.form_error_summary(form) }}", form=PermitForm()) == ""


def test_tampered_choice_is_an_error_message_not_a_crash(env):
    form = PermitForm(MultiDict({"region": "xx", "kind": "zz"}))
    form.validate()
    html = render(env, "{{ wet.field(form.region) }}{{ wet.field(form.kind) }}", form=form)
    assert "Not a valid choice" in html and "selected" not in html and "checked" not in html


def test_date_input_field_parses_and_explains(env):
    good = PermitForm(MultiDict({"start-day": "5", "start-month": "3", "start-year": "2027"}))
    good.validate()
    assert good.start.data == _dt.date(2027, 3, 5) and not good.start.errors
    assert 'value="5"' in render(env, "{{ wet.field(form.start) }}", form=good)
    missing = PermitForm(MultiDict({"start-day": "5", "start-month": "3"}))
    missing.validate()
    assert missing.start.errors == ["Date must include a year"]
    marked = render(env, "{{ wet.field(form.start) }}", form=missing)
    assert marked.count('aria-invalid="true"') == 1
    assert 'id="start-year"' in marked.split('aria-invalid="true"')[0][-300:], "only the year box is marked"
    impossible = PermitForm(MultiDict({"start-day": "31", "start-month": "2", "start-year": "2027"}))
    impossible.validate()
    assert impossible.start.errors == ["Date must be a real date"]
    shown = render(env, "{{ wet.field(form.start) }}", form=impossible)
    assert 'value="31"' in shown, "what the user typed is shown again so they can correct it"
    prefilled = PermitForm(data={"start": _dt.date(2026, 12, 1)})
    assert 'value="2026"' in render(env, "{{ wet.field(form.start) }}", form=prefilled)


def _date(day: str, month: str, year: str) -> PermitForm:
    form = PermitForm(MultiDict({"start-day": day, "start-month": month, "start-year": year}))
    form.validate()
    return form


def _marked_boxes(env, form) -> list[str]:
    """The ids of the date boxes marked aria-invalid in the rendered field."""
    html = render(env, "{{ wet.field(form.start) }}", form=form)
    return [box for box in ("day", "month", "year")
            if 'aria-invalid="true"' in html.split(f'id="start-{box}"', 1)[1].split(">", 1)[0]]


DIGITS_ONLY = "The {} must be a number, using only the digits 0 to 9"


@pytest.mark.parametrize(("day", "month", "year", "message", "marked"), [
    # huge numbers: int() works, datetime.date raised OverflowError (a 500)
    ("5", "3", "99999999999999999999", "The year must have 4 digits", ["year"]),
    ("99999999999999999999", "3", "2030", "The day must be a number from 1 to 31", ["day"]),
    ("5", "99999999999999999999", "2030", "The month must be a number from 1 to 12", ["month"]),
    ("5", "3", "9" * 5000, "The year must have 4 digits", ["year"]),
    # int() accepts other scripts' digits, "_" between digits, a sign and inner whitespace
    ("5", "3", "\u0662\u0660\u0663\u0660", DIGITS_ONLY.format("year"), ["year"]),  # Arabic-Indic 2030
    ("\uff15", "3", "2030", DIGITS_ONLY.format("day"), ["day"]),  # fullwidth 5
    ("5", "3", "20_30", DIGITS_ONLY.format("year"), ["year"]),
    ("+1", "3", "2030", DIGITS_ONLY.format("day"), ["day"]),
    ("5", "+3", "2030", DIGITS_ONLY.format("month"), ["month"]),
    ("-1", "3", "2030", DIGITS_ONLY.format("day"), ["day"]),
    ("5", "3", "-2030", DIGITS_ONLY.format("year"), ["year"]),
    ("5", "3", "20 30", DIGITS_ONLY.format("year"), ["year"]),
    ("5", "1\t2", "2030", DIGITS_ONLY.format("month"), ["month"]),
    ("+5", "-3", "2030", DIGITS_ONLY.format("day"), ["day", "month"]),  # every box with the problem is marked
    # bounded length and range
    ("5", "3", "030", "The year must have 4 digits", ["year"]),
    ("5", "3", "02030", "The year must have 4 digits", ["year"]),
    ("005", "3", "2030", "The day must be a number from 1 to 31", ["day"]),
    ("0", "3", "2030", "The day must be a number from 1 to 31", ["day"]),
    ("32", "3", "2030", "The day must be a number from 1 to 31", ["day"]),
    ("5", "13", "2030", "The month must be a number from 1 to 12", ["month"]),
    ("5", "00", "2030", "The month must be a number from 1 to 12", ["month"]),
])
def test_date_input_field_reads_only_plain_bounded_digits(env, day, month, year, message, marked):
    form = _date(day, month, year)
    assert form.start.data is None
    assert form.start.errors == [message]
    assert _marked_boxes(env, form) == marked, "only the wrong boxes are marked"
    summary = [e for e in form_errors(form) if e["href"].startswith("#start-")]
    assert summary == [{"text": message, "href": f"#start-{marked[0]}"}], "the summary links to the first wrong box"


@pytest.mark.parametrize(("day", "month", "year", "expected"), [
    (" 5 ", "\t3\n", " 2030 ", _dt.date(2030, 3, 5)),  # whitespace around a box is not part of the number
    ("05", "03", "2030", _dt.date(2030, 3, 5)),
    ("31", "12", "9999", _dt.date(9999, 12, 31)),
    ("1", "1", "0001", _dt.date(1, 1, 1)),
])
def test_date_input_field_accepts_plain_digits(day, month, year, expected):
    form = _date(day, month, year)
    assert form.start.data == expected and not form.start.errors


def test_date_input_field_year_zero_is_not_a_real_date(env):
    form = _date("1", "1", "0000")
    assert form.start.errors == ["Date must be a real date"]
    assert _marked_boxes(env, form) == ["day", "month", "year"]


def test_newlines_are_counted_once():
    form = PermitForm(MultiDict({"bio": "a\r\nb"}))
    assert form.bio.data == "a\nb"


def test_unsupported_field_type_names_it(env):
    class StarRating(wtforms.Field):
        """A custom field type wetkit knows nothing about."""

    class Review(wtforms.Form):
        stars = StarRating("Stars")

    with pytest.raises(ParameterError, match=r"WTForms field type 'StarRating' \(field 'stars'\)"):
        render(env, "{{ wet.field(form.stars) }}", form=Review())


def test_not_a_field_is_an_error(env):
    with pytest.raises(ParameterError, match="expected a bound WTForms field"):
        render(env, "{{ wet.field('email') }}")
