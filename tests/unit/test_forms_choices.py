"""Radios, checkboxes and date input: ids, associations, checked state, conditional content and the errors a team
gets for a call that cannot make a usable question."""

from __future__ import annotations

import datetime as _dt
from html.parser import HTMLParser

import pytest
from markupsafe import Markup

from wetkit.errors import ParameterError


class _Elements(HTMLParser):
    """Every element as (tag, attrs), in document order."""

    def __init__(self, html):
        super().__init__()
        self.elements = []
        self.feed(str(html))

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html, tag=None, **where):
    found = []
    for name, attrs in _Elements(html).elements:
        if tag and name != tag:
            continue
        if all(attrs.get(key.rstrip("_").replace("_", "-")) == value for key, value in where.items()):
            found.append(attrs)
    return found


def one(html, tag=None, **where):
    found = elements(html, tag, **where)
    assert len(found) == 1, f"expected one <{tag or '*'} {where}>, found {len(found)}"
    return found[0]


YES_NO = [{"value": "yes", "text": "Yes"}, {"value": "no", "text": "No"}]
CONTACT = [
    {"value": "email", "text": "Email", "conditional": Markup('<p id="email-more">Email address</p>')},
    {"value": "phone", "text": "Phone", "hint": "Mobile or landline."},
    {"divider": "or"},
    {"value": "none", "text": "Do not contact me"},
]


# ---- radios ----------------------------------------------------------------------------------------------------


def test_radio_ids_start_with_the_component_id_and_skip_dividers(wet):
    html = wet.radios(name="contact[method]", legend="How?", items=CONTACT)
    ids = [attrs["id"] for attrs in elements(html, "input")]
    assert ids == ["contact-method", "contact-method-2", "contact-method-3"]
    assert {a["name"] for a in elements(html, "input")} == {"contact[method]"}
    assert [a["type"] for a in elements(html, "input")] == ["radio"] * 3
    custom = wet.radios(name="contact", id="how", legend="How?", items=YES_NO)
    assert [a["id"] for a in elements(custom, "input")] == ["how", "how-2"]
    assert 'class="wet-choices__divider">or</div>' in str(html)


def test_radio_labels_name_their_inputs(wet):
    html = wet.radios(name="c", legend="How?", items=CONTACT)
    assert [a["for"] for a in elements(html, "label")] == ["c", "c-2", "c-3"]
    assert '<label class="wet-choices__label" for="c-2">Phone</label>' in str(html)


def test_radio_group_hint_and_error_describe_the_fieldset(wet):
    html = wet.radios(name="c", legend="How?", items=YES_NO, hint="Pick one.", error="Select an answer",
                      describedby="extra-help")
    assert one(html, "fieldset")["aria-describedby"] == "extra-help c-hint c-error"
    assert one(html, id="c-hint") and one(html, "p", id="c-error")
    assert "wet-form-group--error" in one(html, "div", class_="wet-form-group wet-form-group--error")["class"]
    assert all("aria-describedby" not in a for a in elements(html, "input")), "the fieldset carries them"
    assert '<span class="wet-visually-hidden">Error: </span>Select an answer' in str(html)


def test_radio_item_hint_describes_only_its_input(wet):
    html = wet.radios(name="c", legend="How?", items=CONTACT)
    assert one(html, "input", id="c-2")["aria-describedby"] == "c-2-item-hint"
    assert one(html, "div", id="c-2-item-hint")["class"] == "wet-hint wet-choices__hint"
    assert "aria-describedby" not in one(html, "input", id="c")


def test_radio_value_checks_exactly_one(wet):
    html = wet.radios(name="c", legend="How?", items=CONTACT, value="phone")
    assert [a["id"] for a in elements(html, "input") if "checked" in a] == ["c-2"]
    assert not [a for a in elements(wet.radios(name="c", legend="How?", items=CONTACT), "input") if "checked" in a]


def test_radio_conditional_follows_its_item_and_is_wired_only_for_the_script(wet):
    html = str(wet.radios(name="c", legend="How?", items=CONTACT, value="email"))
    radio = one(html, "input", id="c")
    assert radio["data-aria-controls"] == "c-conditional"
    assert "aria-controls" not in radio, "aria-controls is set by the script, which can toggle the content"
    panel = one(html, "div", id="c-conditional")
    assert panel["class"] == "wet-choices__conditional" and "hidden" not in panel, "shown without JS"
    assert html.index('for="c">Email</label>') < html.index('id="c-conditional"') < html.index('id="c-2"')
    assert '<p id="email-more">Email address</p>' in html
    assert one(html, "div", class_="wet-choices")["data-wetkit-module"] == "conditional-reveal"
    plain = wet.radios(name="c", legend="How?", items=YES_NO)
    assert "data-wetkit-module" not in one(plain, "div", class_="wet-choices")
    assert "data-aria-controls" not in str(plain)


def test_radio_legend_can_be_the_page_heading(wet):
    html = str(wet.radios(name="c", legend={"text": "Where?", "is_page_heading": True, "size": "l"}, items=YES_NO))
    assert '<legend class="wet-fieldset__legend wet-fieldset__legend--l"><h1 class="wet-fieldset__heading">Where?' \
        in html


@pytest.mark.parametrize(("items", "param", "allowed"), [
    ([], "items", "at least 2 choice"),
    ([{"value": "yes", "text": "Yes"}], "items", "at least 2 choice"),
    ([{"value": "a", "text": "A"}, {"value": "a", "text": "Again"}], r"items\[1\]\.value", "a value no other item"),
    ([{"value": "a", "text": "A"}, {"value": "b"}], r"items\[1\]\.text", "label text"),
    ([{"value": "a", "text": "A"}, {"text": "B"}], r"items\[1\]\.value", "needs a value"),
    ([{"divider": "or"}, *YES_NO], r"items\[0\]\.divider", "only between two choices"),
    ([*YES_NO, {"divider": "or"}], r"items\[2\]\.divider", "only between two choices"),
    ([YES_NO[0], {"divider": "or"}, {"divider": "or"}, YES_NO[1]], r"items\[2\]\.divider", "only between"),
    ([YES_NO[0], {"divider": "or", "value": "x"}, YES_NO[1]], r"items\[1\]\.value", "a divider item has only"),
])
def test_radio_items_that_cannot_make_a_question_are_refused(wet, items, param, allowed):
    with pytest.raises(ParameterError, match=rf"wet\.radios: parameter '{param}' got .*allowed: .*{allowed}"):
        wet.radios(name="c", legend="How?", items=items)


def test_radio_value_must_be_a_choice(wet):
    with pytest.raises(ParameterError, match=r"wet\.radios: parameter 'value' got 'maybe' .*'yes', 'no'"):
        wet.radios(name="c", legend="How?", items=YES_NO, value="maybe")


def test_inline_radios_are_only_for_two_plain_answers(wet):
    assert "wet-choices wet-choices--inline" in str(wet.radios(name="c", legend="?", items=YES_NO, inline=True))
    three = [*YES_NO, {"value": "unsure", "text": "Not sure"}]
    with pytest.raises(ParameterError, match=r"wet\.radios: parameter 'inline' got True .*more than 2 choices"):
        wet.radios(name="c", legend="?", items=three, inline=True)
    revealing = [{**YES_NO[0], "conditional": Markup("<p>More</p>")}, YES_NO[1]]
    with pytest.raises(ParameterError, match=r"wet\.radios: parameter 'inline' got True .*conditional content"):
        wet.radios(name="c", legend="?", items=revealing, inline=True)


def test_item_text_is_escaped_and_markup_kept(wet):
    items = [{"value": "a", "text": "<b>A</b>", "hint": "<i>h</i>"}, {"divider": "<u>or</u>"},
             {"value": "b", "text": Markup('<span lang="fr">Oui</span>')}]
    html = str(wet.radios(name="c", legend="?", items=items))
    assert "&lt;b&gt;A&lt;/b&gt;" in html and "&lt;i&gt;h&lt;/i&gt;" in html and "&lt;u&gt;or&lt;/u&gt;" in html
    assert '<span lang="fr">Oui</span>' in html and "<b>" not in html


def test_radio_classes_and_attrs_go_on_the_choices(wet):
    html = wet.radios(name="c", legend="?", items=YES_NO, classes="team", attrs={"data-x": "1"})
    assert one(html, "div", class_="wet-choices team")["data-x"] == "1"


# ---- checkboxes ------------------------------------------------------------------------------------------------


BENEFITS = [{"value": "ccb", "text": "Child benefit"}, {"value": "gst", "text": "GST/HST credit"},
            {"value": "cwb", "text": "Workers benefit"}]


def test_checkboxes_check_every_value_given(wet):
    html = wet.checkboxes(name="b", legend="Which?", items=BENEFITS, values=["ccb", "cwb"])
    assert [a["id"] for a in elements(html, "input") if "checked" in a] == ["b", "b-3"]
    assert [a["type"] for a in elements(html, "input")] == ["checkbox"] * 3
    assert one(html, "fieldset")


def test_checkbox_values_must_be_choices(wet):
    with pytest.raises(ParameterError, match=r"wet\.checkboxes: parameter 'values' got 'dtc' .*'ccb', 'gst', 'cwb'"):
        wet.checkboxes(name="b", legend="Which?", items=BENEFITS, values=["ccb", "dtc"])
    with pytest.raises(ParameterError, match=r"wet\.checkboxes: parameter 'items\[1\]\.value' got 'ccb'"):
        wet.checkboxes(name="b", legend="Which?", items=[BENEFITS[0], BENEFITS[0]])
    with pytest.raises(ParameterError, match=r"wet\.checkboxes: parameter 'items' got \[\] .*at least 1 choice"):
        wet.checkboxes(name="b", legend="Which?", items=[])


def test_checkbox_conditional_ids_and_module(wet):
    items = [BENEFITS[0], {**BENEFITS[1], "conditional": Markup("<p>Income</p>")}]
    html = wet.checkboxes(name="b", legend="Which?", items=items)
    assert one(html, "input", id="b-2")["data-aria-controls"] == "b-2-conditional"
    assert one(html, "div", id="b-2-conditional")["class"] == "wet-choices__conditional"
    assert one(html, "div", class_="wet-choices")["data-wetkit-module"] == "conditional-reveal"


EXCLUSIVE = [*BENEFITS, {"divider": "or"}, {"value": "none", "text": "None of these", "behaviour": "exclusive"}]


def test_exclusive_item_is_marked_for_the_script(wet):
    html = wet.checkboxes(name="b", legend="Which?", items=EXCLUSIVE)
    assert one(html, "input", id="b-4")["data-wetkit-behaviour"] == "exclusive"
    assert len(elements(html, "input", data_wetkit_behaviour="exclusive")) == 1
    assert one(html, "div", class_="wet-choices")["data-wetkit-module"] == "checkboxes"
    both = [*EXCLUSIVE[:-1], {**EXCLUSIVE[-1], "conditional": Markup("<p>Why?</p>")}]
    modules = one(wet.checkboxes(name="b", legend="?", items=both), "div", class_="wet-choices")["data-wetkit-module"]
    assert modules.split() == ["conditional-reveal", "checkboxes"]


def test_exclusive_item_misuse_is_refused(wet):
    two = [*EXCLUSIVE, {"value": "unsure", "text": "Not sure", "behaviour": "exclusive"}]
    with pytest.raises(ParameterError, match=r"parameter 'items\[5\]\.behaviour' got 'exclusive' .*only one item"):
        wet.checkboxes(name="b", legend="Which?", items=two)
    with pytest.raises(ParameterError, match=r"wet\.checkboxes: parameter 'items' got .*beside the exclusive one"):
        wet.checkboxes(name="b", items=[EXCLUSIVE[-1]])
    with pytest.raises(ParameterError, match=r"parameter 'items'\[0\]\.behaviour got 'only'.*'exclusive'"):
        wet.checkboxes(name="b", legend="?", items=[{**BENEFITS[0], "behaviour": "only"}, BENEFITS[1]])


def test_single_checkbox_needs_no_legend_and_carries_its_own_messages(wet):
    html = wet.checkboxes(name="agree", items=[{"value": "yes", "text": "I agree", "hint": "Required."}],
                          hint="Read the terms first.", error="Confirm that you agree")
    assert not elements(html, "fieldset")
    box = one(html, "input", id="agree")
    assert box["aria-describedby"] == "agree-hint agree-item-hint agree-error"
    assert box["aria-invalid"] == "true"
    assert one(html, "label", for_="agree") == {"class": "wet-choices__label", "for": "agree"}
    assert "wet-form-group--error" in str(html)


def test_a_list_of_checkboxes_needs_a_legend(wet):
    with pytest.raises(ParameterError, match=r"wet\.checkboxes: parameter 'legend' got None .*only a single checkbox"):
        wet.checkboxes(name="b", items=BENEFITS)


def test_grouped_checkboxes_are_not_marked_invalid_one_by_one(wet):
    html = wet.checkboxes(name="b", legend="Which?", items=BENEFITS, error="Select a benefit")
    assert one(html, "fieldset")["aria-describedby"] == "b-error"
    assert all("aria-invalid" not in a for a in elements(html, "input"))


# ---- date input ------------------------------------------------------------------------------------------------


def test_date_boxes_names_ids_and_keyboard(wet):
    html = wet.date_input(name="dob", legend="Date of birth")
    assert one(html, "fieldset")["id"] == "dob"
    boxes = elements(html, "input")
    assert [b["id"] for b in boxes] == ["dob-day", "dob-month", "dob-year"]
    assert [b["name"] for b in boxes] == ["dob-day", "dob-month", "dob-year"]
    assert {(b["type"], b["inputmode"]) for b in boxes} == {("text", "numeric")}
    assert [b["class"] for b in boxes] == ["wet-input wet-input--width-2", "wet-input wet-input--width-2",
                                          "wet-input wet-input--width-4"]
    assert all("autocomplete" not in b and "value" not in b for b in boxes)
    assert [a["for"] for a in elements(html, "label")] == ["dob-day", "dob-month", "dob-year"]
    assert ">Day</label>" in str(html) and ">Month</label>" in str(html) and ">Year</label>" in str(html)


def test_date_of_birth_autocomplete(wet):
    boxes = elements(wet.date_input(name="dob", legend="Date of birth", autocomplete_bday=True), "input")
    assert [b["autocomplete"] for b in boxes] == ["bday-day", "bday-month", "bday-year"]


def test_date_labels_can_be_replaced(wet):
    html = str(wet.date_input(name="d", legend="Date", labels={"day": "Jour", "month": "Mois", "year": "Année"}))
    assert ">Jour</label>" in html and ">Mois</label>" in html and ">Année</label>" in html and "Day" not in html


def test_date_value_keeps_what_was_typed(wet):
    html = wet.date_input(name="d", legend="Date", value={"day": "07", "month": "13", "year": ""})
    assert [b.get("value") for b in elements(html, "input")] == ["07", "13", None]


def test_date_value_may_be_a_date(wet):
    html = wet.date_input(name="d", legend="Date", value=_dt.date(2024, 3, 5))
    assert [b.get("value") for b in elements(html, "input")] == ["5", "3", "2024"]


def test_date_error_marks_only_the_fields_in_error(wet):
    html = wet.date_input(name="d", legend="Date", hint="For example, 27 3 2007", error="Date must include a year",
                          error_fields=["year"])
    assert one(html, "fieldset")["aria-describedby"] == "d-hint d-error"
    day, month, year = elements(html, "input")
    assert "aria-invalid" not in day and "aria-invalid" not in month and year["aria-invalid"] == "true"
    assert year["class"].endswith("wet-input--error") and "error" not in day["class"]
    everything = elements(wet.date_input(name="d", legend="Date", error="Enter a real date"), "input")
    assert [b.get("aria-invalid") for b in everything] == ["true"] * 3


@pytest.mark.parametrize(("call", "message"), [
    ({"error_fields": ["day"]}, r"'error_fields' got \['day'\] .*None when there is no error"),
    ({"error": "Wrong", "error_fields": ["week"]}, r"'error_fields\[0\]' got 'week' .*'day', 'month', 'year'"),
    ({"error": "Wrong", "error_fields": []}, r"'error_fields' got \[\] .*non-empty"),
    ({"value": {"day": "1", "weekday": "Monday"}}, r"'value'.*'weekday'"),
])
def test_date_misuse_is_refused(wet, call, message):
    with pytest.raises(ParameterError, match=rf"wet\.date_input: parameter {message}"):
        wet.date_input(name="d", legend="Date", **call)
