"""Behaviour of the text form components (textarea, select, character_count, password_input, file_upload) that the
generic contract tests cannot know about: the markup a user and a screen reader get, and the mistakes refused."""

from __future__ import annotations

import re

import pytest

from wetkit.errors import ParameterError


def _attr(html: str, tag: str, name: str) -> str | None:
    """The value of attribute ``name`` on the first ``<tag>`` (None when absent, "" when bare)."""
    found = re.search(rf"<{tag}\b[^>]*>", html)
    assert found, f"no <{tag}>"
    value = re.search(rf'\s{name}(?:="([^"]*)")?[\s>]', found.group(0))
    return None if value is None else (value.group(1) or "")


# ---- textarea ----------------------------------------------------------------------------------------------------


def test_textarea_wires_label_hint_and_error(wet):
    html = str(wet.textarea(name="details[more]", label="More detail", hint="No personal details.",
                            error="Enter more detail", rows=3, spellcheck=False))
    assert '<label class="wet-label" for="details-more">More detail</label>' in html
    assert _attr(html, "textarea", "id") == "details-more" and _attr(html, "textarea", "name") == "details[more]"
    assert _attr(html, "textarea", "rows") == "3"
    assert _attr(html, "textarea", "aria-describedby") == "details-more-hint details-more-error"
    assert _attr(html, "textarea", "aria-invalid") == "true" and _attr(html, "textarea", "spellcheck") == "false"
    assert "wet-form-group--error" in html and "wet-textarea--error" in html
    plain = str(wet.textarea(name="more", label="More"))
    assert _attr(plain, "textarea", "rows") == "5"
    for absent in ("aria-describedby", "aria-invalid", "spellcheck", "autocomplete"):
        assert _attr(plain, "textarea", absent) is None, absent


def test_textarea_keeps_a_leading_line_break_and_escapes_the_value(wet):
    html = str(wet.textarea(name="a", label="A", value="\nsecond line </textarea><b>"))
    # The parser drops the first line break after <textarea>; the value's own must survive it.
    assert re.search(r"<textarea[^>]*>\n\nsecond line &lt;/textarea&gt;&lt;b&gt;</textarea>", html)


def test_textarea_rows_must_be_positive(wet):
    with pytest.raises(ParameterError, match=r"wet\.textarea: parameter 'rows' got 0 .*1 or more"):
        wet.textarea(name="a", label="A", rows=0)


# ---- select ------------------------------------------------------------------------------------------------------

ITEMS = [{"value": "", "text": "Select a province"}, {"value": "ON", "text": "Ontario"},
         {"value": "QC", "text": "Quebec"}]


def _options(html: str) -> list[tuple[str, str]]:
    return re.findall(r"<option ([^>]*)>([^<]*)</option>", html)


def test_select_marks_the_value_and_adds_no_option_of_its_own(wet):
    html = str(wet.select(name="province", label="Province", items=ITEMS, value="QC", autocomplete="address-level1"))
    assert _options(html) == [('value=""', "Select a province"), ('value="ON"', "Ontario"),
                              ('value="QC" selected', "Quebec")]
    assert _attr(html, "select", "autocomplete") == "address-level1"
    no_placeholder = str(wet.select(name="p", label="P", items=ITEMS[1:]))
    assert _options(no_placeholder)[0] == ('value="ON"', "Ontario"), "the first option is the team's first item"
    assert "selected" not in no_placeholder


def test_select_item_selected_and_disabled(wet):
    html = str(wet.select(name="t", label="Time", items=[
        {"value": "9", "text": "9:00 (full)", "disabled": True}, {"value": "10", "text": "10:00", "selected": True}]))
    assert _options(html) == [('value="9" disabled', "9:00 (full)"), ('value="10" selected', "10:00")]


def test_select_error_state(wet):
    html = str(wet.select(name="office", label="Office", items=ITEMS, error="Select an office", hint="Nearest."))
    assert _attr(html, "select", "aria-invalid") == "true"
    assert _attr(html, "select", "aria-describedby") == "office-hint office-error"
    assert "wet-select wet-select--error" in html and "wet-form-group--error" in html
    assert '<div class="wet-select-wrapper">' in html, "the wrapper draws the chevron"


@pytest.mark.parametrize(("changes", "message"), [
    ({"items": []}, r"parameter 'items' got \[\] .*non-empty list"),
    ({"items": [*ITEMS, {"value": "ON", "text": "Ontario again"}]},
     r"parameter 'items\[3\]\.value' got 'ON' .*items\[1\] sends it already"),
    ({"value": "BC"}, r"parameter 'value' got 'BC' .*one of the items' values: '', 'ON', 'QC'"),
    ({"items": [{**ITEMS[1], "selected": True}, ITEMS[2]], "value": "QC"}, r"parameter 'value' got 'QC' .*not both"),
    ({"items": [{**ITEMS[1], "selected": True}, {**ITEMS[2], "selected": True}]},
     r"parameter 'items' got \['ON', 'QC'\] .*at most one item with selected"),
])
def test_select_refuses_inconsistent_items(wet, changes, message):
    params = {"name": "p", "label": "Province", "items": ITEMS, **changes}
    with pytest.raises(ParameterError, match=r"wet\.select: " + message):
        wet.select(**params)


def test_select_values_are_case_sensitive(wet):
    html = str(wet.select(name="c", label="Code", items=[{"value": "a", "text": "a"}, {"value": "A", "text": "A"}]))
    assert len(_options(html)) == 2


# ---- character_count ---------------------------------------------------------------------------------------------


def test_character_count_states_the_limit_without_javascript(wet):
    html = str(wet.character_count(name="detail", label="Detail", hint="No personal details.", max_length=200))
    assert '<div class="wet-hint wet-character-count__message" id="detail-info">You can enter up to 200 characters' \
           "</div>" in html
    assert _attr(html, "textarea", "aria-describedby") == "detail-info detail-hint"
    assert _attr(html, "textarea", "maxlength") is None, "no hard cut-off: users may paste and then shorten"
    assert html.index("<textarea") < html.index('id="detail-info"') < html.rindex("</div>")
    group = re.match(r"<div [^>]*>", html).group(0)
    assert 'class="wet-form-group wet-character-count"' in group
    assert 'data-wetkit-module="character_count"' in group and 'data-limit="200"' in group
    assert 'data-unit="characters"' in group and "data-threshold" not in group
    assert 'data-text-remaining="You have %{count} characters remaining"' in group
    assert 'data-text-too-many-one="You have %{count} character too many"' in group


@pytest.mark.parametrize(("params", "message"), [
    ({"max_length": 1}, "You can enter up to 1 character"),
    ({"max_words": 150}, "You can enter up to 150 words"),
    ({"max_words": 1}, "You can enter up to 1 word"),
])
def test_character_count_limit_message_counts_the_right_unit(wet, params, message):
    html = str(wet.character_count(name="a", label="A", **params))
    assert f'id="a-info">{message}</div>' in html
    assert f'data-unit="{"words" if "max_words" in params else "characters"}"' in html


def test_character_count_keeps_the_error_and_value(wet):
    html = str(wet.character_count(name="r", label="Reason", max_length=10, value="Far too long a reason",
                                   error="Reason must be 10 characters or fewer", threshold=50, describedby="extra"))
    assert _attr(html, "textarea", "aria-describedby") == "extra r-info r-error"
    assert "Far too long a reason</textarea>" in html and 'data-threshold="50"' in html
    assert "wet-textarea--error" in html and "wet-form-group--error" in html


def test_character_count_own_texts(wet):
    html = str(wet.character_count(name="s", label="S", max_length=50, texts={
        "limit": "Up to %{count} characters", "remaining": "%{count} left"}))
    assert 'id="s-info">Up to 50 characters</div>' in html
    assert 'data-text-remaining="%{count} left"' in html
    assert 'data-text-remaining-one="%{count} left"' in html, "a plural-only override serves the singular too"
    assert 'data-text-too-many="You have %{count} characters too many"' in html
    one = str(wet.character_count(name="s", label="S", max_length=1, texts={"limit": "Max %{count}",
                                                                           "limit_one": "Only %{count} character"}))
    assert 'id="s-info">Only 1 character</div>' in one


def test_character_count_texts_go_through_gettext(marked):
    html = str(marked.character_count(name="a", label="A", max_words=2))
    assert 'id="a-info">[You can enter up to 2 words]</div>' in html
    assert 'data-text-remaining-one="[You have %{count} word remaining]"' in html
    assert 'data-text-too-many="[You have %{count} words too many]"' in html


@pytest.mark.parametrize(("params", "message"), [
    ({}, r"parameter 'max_length' got None .*or give max_words"),
    ({"max_length": 10, "max_words": 5}, r"parameter 'max_words' got 5 .*not both"),
    ({"max_length": 0}, r"parameter 'max_length' got 0 .*1 or more"),
    ({"max_words": -3}, r"parameter 'max_words' got -3 .*1 or more"),
    ({"max_length": 10, "threshold": 101}, r"parameter 'threshold' got 101 .*0 to 100"),
    ({"max_length": 10, "rows": 0}, r"parameter 'rows' got 0 "),
])
def test_character_count_refuses_bad_limits(wet, params, message):
    with pytest.raises(ParameterError, match=r"wet\.character_count: " + message):
        wet.character_count(name="a", label="A", **params)


# ---- password_input ----------------------------------------------------------------------------------------------


def test_password_input_markup(wet):
    html = str(wet.password_input(name="password", label="Password", hint="12 characters or more."))
    assert _attr(html, "input", "type") == "password" and _attr(html, "input", "autocomplete") == "current-password"
    assert _attr(html, "input", "spellcheck") == "false" and _attr(html, "input", "autocapitalize") == "none"
    assert _attr(html, "input", "aria-describedby") == "password-hint"
    assert _attr(html, "button", "type") == "button", "the toggle never submits the form"
    assert _attr(html, "button", "aria-controls") == "password"
    assert _attr(html, "button", "hidden") == "", "no dead button without JavaScript"
    assert re.search(r'<button [^>]*><span class="wet-password-input__toggle-text">Show</span>'
                     r'<span class="wet-visually-hidden"> password</span></button>', html)
    assert 'data-wetkit-module="password_input"' in html
    for key, text in (("show", "Show"), ("hide", "Hide"), ("shown", "Your password is visible"),
                      ("hidden", "Your password is hidden")):
        assert f'data-text-{key}="{text}"' in html


def test_password_input_never_writes_a_value_back(wet):
    with pytest.raises(ParameterError, match=r"wet\.password_input: unknown parameter 'value'"):
        wet.password_input(name="p", label="P", value="secret")


def test_password_input_new_password_error_and_disabled(wet):
    html = str(wet.password_input(name="p", label="P", autocomplete="new-password", error="Too short", disabled=True))
    assert _attr(html, "input", "autocomplete") == "new-password"
    assert _attr(html, "input", "aria-invalid") == "true" and _attr(html, "input", "aria-describedby") == "p-error"
    assert _attr(html, "input", "disabled") == "" and _attr(html, "button", "disabled") == ""
    assert "wet-input--error" in html and "wet-form-group--error" in html


def test_password_input_texts(wet, marked):
    own = str(wet.password_input(name="code", label="Code", texts={"show": "Reveal", "subject": "access code"}))
    assert '<span class="wet-password-input__toggle-text">Reveal</span>' in own
    assert '<span class="wet-visually-hidden"> access code</span>' in own
    assert 'data-text-show="Reveal"' in own and 'data-text-hide="Hide"' in own
    html = str(marked.password_input(name="p", label="P"))
    for text in ("Show", "Hide", "password", "Your password is visible", "Your password is hidden"):
        assert f"[{text}]" in html, text


# ---- file_upload -------------------------------------------------------------------------------------------------


def test_file_upload_markup(wet):
    html = str(wet.file_upload(name="documents", label="Upload your documents", hint="PDF only.",
                               accept=".pdf,application/pdf", multiple=True))
    assert _attr(html, "input", "type") == "file" and _attr(html, "input", "multiple") == ""
    assert _attr(html, "input", "accept") == ".pdf,application/pdf"
    assert _attr(html, "input", "aria-describedby") == "documents-hint"
    assert _attr(html, "input", "value") is None
    plain = str(wet.file_upload(name="photo", label="Photo"))
    assert _attr(plain, "input", "multiple") is None and _attr(plain, "input", "accept") is None


def test_file_upload_error(wet):
    html = str(wet.file_upload(name="photo", label="Photo", error="The selected file must be a JPG"))
    assert _attr(html, "input", "aria-invalid") == "true" and _attr(html, "input", "aria-describedby") == "photo-error"
    assert "wet-file-upload wet-file-upload--error" in html and "wet-form-group--error" in html
    with pytest.raises(ParameterError, match=r"wet\.file_upload: unknown parameter 'value'"):
        wet.file_upload(name="photo", label="Photo", value="C:\\fakepath\\x.jpg")


# ---- error_message -----------------------------------------------------------------------------------------------

YES_NO = [{"value": "y", "text": "Yes"}, {"value": "n", "text": "No"}]


def _read(html: str, element_id: str) -> str:
    """What a screen reader reads for the <p> with this id: its text, visually hidden text included."""
    found = re.search(rf'<p [^>]*id="{element_id}"[^>]*>(.*?)</p>', html, re.S)
    assert found, f"no <p id={element_id}>"
    return " ".join(re.sub(r"<[^>]+>", "", found.group(1)).split())


def test_error_message_has_a_hidden_error_prefix_by_default(wet, marked):
    html = str(wet.error_message("Enter your email address", id="e-error"))
    assert '<span class="wet-visually-hidden">Error: </span>Enter your email address' in html
    assert _read(html, "e-error") == "Error: Enter your email address"
    assert _read(str(wet.error_message("Enter it", id="e", prefix=None)), "e") == "Error: Enter it", "None: default"
    assert _read(str(marked.error_message("Enter it", id="e")), "e") == "[Error:] Enter it", "through gettext"


def test_error_message_prefix_can_be_removed_so_error_is_not_read_twice(wet):
    html = str(wet.error_message("Error: the file could not be read", id="f-error", prefix=""))
    assert "wet-visually-hidden" not in html and "<span" not in html, "no empty prefix element either"
    assert _read(html, "f-error") == "Error: the file could not be read"


def test_error_message_prefix_can_be_replaced(wet):
    html = str(wet.error_message("Check your postal code", id="p-error", prefix="Warning:"))
    assert '<span class="wet-visually-hidden">Warning: </span>Check your postal code' in html
    assert "Error" not in html
    assert "&lt;b&gt;" in str(wet.error_message("x", id="p", prefix="<b>")), "the prefix is escaped like any text"


@pytest.mark.parametrize("component, params", [
    ("text_input", {"name": "email", "label": "Email"}),
    ("textarea", {"name": "email", "label": "Email"}),
    ("radios", {"name": "email", "legend": "Email?", "items": YES_NO}),
    ("checkboxes", {"name": "email", "legend": "Email?", "items": [{"value": "y", "text": "Yes"}]}),
])
def test_field_error_dict_passes_the_prefix_on(wet, component, params):
    render = getattr(wet, component)
    none = str(render(**params, error={"text": "Error: enter an email address", "prefix": ""}))
    assert _read(none, "email-error") == "Error: enter an email address"
    assert "wet-visually-hidden" not in none.split('id="email-error"', 1)[1].split("</p>", 1)[0]
    replaced = str(render(**params, error={"text": "Check the email address", "prefix": "Warning:"}))
    assert _read(replaced, "email-error") == "Warning: Check the email address"
    default = str(render(**params, error={"text": "Enter an email address"}))
    assert _read(default, "email-error") == "Error: Enter an email address"


# ---- WTForms fields reach these components -----------------------------------------------------------------------


def test_wtforms_fields_render_with_these_components(wet):
    wtforms = pytest.importorskip("wtforms")
    from werkzeug.datastructures import MultiDict

    choice = getattr(wtforms.fields.choices, "SelectChoice", lambda *pair: pair)  # tuples are deprecated in 3.3

    class Form(wtforms.Form):
        bio = wtforms.TextAreaField("About you")
        province = wtforms.SelectField("Province", choices=[choice("", "Select"), choice("ON", "Ontario"),
                                                            choice("QC", "Quebec")])
        secret = wtforms.PasswordField("Password")
        proof = wtforms.MultipleFileField("Proof")

    form = Form(MultiDict({"bio": "Hi", "province": "QC", "secret": "hunter2"}))
    assert "Hi</textarea>" in str(wet.field(form.bio))
    assert 'value="QC" selected' in str(wet.field(form.province))
    password = str(wet.field(form.secret))
    assert 'type="password"' in password and "hunter2" not in password
    assert _attr(str(wet.field(form.proof)), "input", "multiple") == ""
    count = str(wet.field(form.bio, component="character_count", max_length=200))
    assert "You can enter up to 200 characters" in count and "Hi</textarea>" in count
