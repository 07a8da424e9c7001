"""WTForms integration: each field type renders with its component, errors feed the summary, dates parse."""

from __future__ import annotations

import datetime as _dt

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
    assert 'value="d" checked' in html or ('value="d"' in html and "checked" in html.split('value="d"')[1][:40])
    assert html.count("checked") == 2


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
