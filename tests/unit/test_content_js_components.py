"""The content components that enhance with scripts (on_this_page, notification_banner, page_feedback, filter):
the markup that works without JavaScript, what screen readers get, the strings handed to the scripts, and the
mistakes refused. Their scripts are tested in tests/browser/test_content_js.py."""

from __future__ import annotations

import re

import pytest
from markup import Tags, refused
from markupsafe import Markup

from wetkit import paths
from wetkit.contents import page_headings

# ---- filter ----------------------------------------------------------------------------------------------------


def test_filter_is_a_get_form_with_a_labelled_search_box_described_by_the_count(wet):
    page = Tags(wet.filter(target="services", label="Filter services", hint="For example, passport", value="pass"))
    form = page.one("form")
    assert form["method"] == "get" and "action" not in form, "sent to this page by default"
    assert form["data-wetkit-module"] == "filter" and form["data-target"] == "services"
    box = page.one("input", type="search")
    assert box["name"] == "filter" and box["value"] == "pass" and box["id"] == "filter"
    assert page.one("label")["for"] == "filter"
    assert box["aria-describedby"].split() == ["filter-hint", "filter-count"]
    assert page.one("p", id="filter-count")
    assert page.one("button")["type"] == "submit"


def test_filter_server_count_is_plural_aware_and_its_messages_reach_the_script(wet):
    page = Tags(wet.filter(target="t", label="Filter", name="q", shown=1, total=40, action="/search"))
    form = page.one("form")
    assert form["action"] == "/search" and form["data-total"] == "40"
    assert "1 of 40 shown" in page.text
    assert form["data-text-count"] == "%{shown} of %{total} shown"
    assert form["data-text-count-one"] == "%{shown} of %{total} shown"
    assert "12 of 40 shown" in str(wet.filter(target="t", label="Filter", shown=12, total=40))


def test_filter_strings_go_through_gettext_and_can_be_replaced(marked, wet):
    page = Tags(marked.filter(target="t", label="Filter", shown=2, total=3))
    assert page.one("button") is not None and "[Filter]" in page.text
    assert page.one("form")["data-text-count"].startswith("[")
    own = Tags(wet.filter(target="t", label="L", shown=1, total=3,
                          texts={"count": "%{shown} topics of %{total}", "count_one": "%{shown} topic of %{total}"}))
    assert "1 topic of 3" in own.text
    assert own.one("form")["data-text-count"] == "%{shown} topics of %{total}"


def test_filter_refuses_a_count_that_cannot_be(wet):
    refused(lambda: wet.filter(target="t", label="L", shown=3), "wet.filter", "'total'", "together")
    refused(lambda: wet.filter(target="t", label="L", shown=5, total=4), "'shown'", "5", "from 0 to total (4)")
    refused(lambda: wet.filter(target="t", label="L", shown=0, total=-1), "'total'", "-1")
    refused(lambda: wet.filter(target="t", label="L", action="javascript:alert(1)"), "'action'", "scheme")
    refused(lambda: wet.filter(target="two words", label="L"), "'target'", "no whitespace")
    refused(lambda: wet.filter(target="t"), "'label'", "required")


# ---- notification banner ---------------------------------------------------------------------------------------


def test_banner_is_a_region_named_by_its_title(wet):
    page = Tags(wet.notification_banner(body="Services are down on Sunday."))
    region = page.one("div", role="region")
    assert region["aria-labelledby"] == "notification-banner-title"
    assert page.one("h2", id="notification-banner-title") is not None and "Important" in page.text
    assert "tabindex" not in region and "data-wetkit-module" not in region, "no script needed without focus/dismiss"
    assert not page.find("form") and not page.find("button")


def test_success_banner_takes_focus_when_asked(wet):
    page = Tags(wet.notification_banner(variant="success", focus=True, heading="Your application has been sent"))
    region = page.one("div", role="region")
    assert region["tabindex"] == "-1" and region["data-focus"] == "true"
    assert "wet-notification-banner--success" in region["class"] and "Success" in page.text


def test_dismiss_without_a_server_url_has_no_control_until_the_script_adds_one(wet):
    page = Tags(wet.notification_banner(body="Closed on holidays.", dismiss={"key": "holidays"}))
    region = page.one("div", role="region")
    assert region["data-dismiss-key"] == "holidays" and region["data-dismiss-text"] == "Dismiss"
    assert region["data-dismissed-text"] == "Message dismissed."
    assert not page.find("form") and not page.find("button"), "no dead button without JavaScript"


def test_dismiss_with_a_server_url_is_a_post_form_with_its_csrf_field(wet):
    page = Tags(wet.notification_banner(body="b", dismiss={
        "key": "tax", "action": "/notices/dismiss", "csrf": {"name": "csrf_token", "value": "t<1>"}, "focus": "main"}))
    form = page.one("form")
    assert form["method"] == "post" and form["action"] == "/notices/dismiss"
    assert page.one("input", name="csrf_token")["value"] == "t<1>"
    assert page.one("input", name="dismiss")["value"] == "tax"
    assert page.one("button")["type"] == "submit"
    assert page.one("div", role="region")["data-dismiss-focus"] == "main"


def test_banner_strings_go_through_gettext(marked):
    page = Tags(marked.notification_banner(body="b", dismiss={"key": "k"}))
    assert "[Important]" in page.text
    region = page.one("div", role="region")
    assert region["data-dismiss-text"] == "[Dismiss]" and region["data-dismissed-text"] == "[Message dismissed.]"
    assert "[Success]" in Tags(marked.notification_banner(body="b", variant="success")).text


def test_banner_refuses_bad_input(wet):
    refused(lambda: wet.notification_banner(), "wet.notification_banner", "'body'", "at least a heading")
    refused(lambda: wet.notification_banner(body="b", caller=lambda: Markup("<p>x</p>")), "'body'", "call")
    refused(lambda: wet.notification_banner(body="b", variant="danger"), "'variant'", "'important', 'success'")
    refused(lambda: wet.notification_banner(body="b", dismiss={"action": "/x"}), "key", "required")
    refused(lambda: wet.notification_banner(body="b", dismiss={"key": "k", "action": "java\tscript:x"}),
             "action", "javascript")
    refused(lambda: wet.notification_banner(body="b", dismiss={"key": "k", "action": "#top"}),
             "'dismiss.action'", "server page")


# ---- page feedback ---------------------------------------------------------------------------------------------


def test_feedback_asks_with_two_buttons_in_a_fieldset_and_posts_without_javascript(wet):
    page = Tags(wet.page_feedback(action="/feedback", page="/en/passports", csrf={"name": "csrf_token", "value": "x"}))
    ask, problem = page.find("form")
    assert ask["method"] == problem["method"] == "post" and ask["action"] == problem["action"] == "/feedback"
    assert "hidden" not in ask and "hidden" in problem
    assert "Did you find what you were looking for?" in page.text
    answers = page.find("button", name="helpful")
    assert [(b["value"], b["type"]) for b in answers] == [("yes", "submit"), ("no", "submit")]
    assert len(page.find("input", name="csrf_token", value="x")) == 2, "both forms carry the token"
    assert len(page.find("input", name="page", value="/en/passports")) == 2
    assert page.one("input", name="helpful", type="hidden")["value"] == "no"
    box = page.one("textarea", name="details")
    assert box["id"] == "page-feedback-details" and page.one("label")["for"] == "page-feedback-details"
    message = page.one("p", id="page-feedback-message")
    assert message["role"] == "status" and message["tabindex"] == "-1"


@pytest.mark.parametrize(("state", "shown"), [("ask", "ask"), ("problem", "problem"), ("thanks", None)])
def test_feedback_state_shows_the_step_the_server_answers_with(wet, state, shown):
    page = Tags(wet.page_feedback(action="/feedback", state=state))
    visible = [f["class"].split("__")[1] for f in page.find("form") if "hidden" not in f]
    assert visible == ([shown] if shown else [])
    assert ("Thank you for your feedback." in page.text) == (state == "thanks")


def test_feedback_strings_go_through_gettext_and_reach_the_script(marked, wet):
    page = Tags(marked.page_feedback(action="/f"))
    box = page.one("div", data_wetkit_module="page-feedback")
    assert box["data-text-thanks"] == "[Thank you for your feedback.]"
    assert box["data-text-error"].startswith("[Your feedback could not be sent.")
    for text in ("[Did you find what you were looking for?]", "[Yes]", "[No]", "[What was wrong?]", "[Submit]"):
        assert text in page.text
    own = Tags(wet.page_feedback(action="/f", texts={"question": "Was this form easy to use?", "thanks": "Merci"}))
    assert "Was this form easy to use?" in own.text
    assert own.one("div", data_wetkit_module="page-feedback")["data-text-thanks"] == "Merci"


def test_feedback_refuses_bad_input(wet):
    refused(lambda: wet.page_feedback(), "wet.page_feedback", "'action'", "required")
    refused(lambda: wet.page_feedback(action="javascript:alert(1)"), "'action'", "javascript")
    refused(lambda: wet.page_feedback(action="#feedback"), "'action'", "POST")
    refused(lambda: wet.page_feedback(action="/f", state="done"), "'state'", "'ask', 'problem', 'thanks'")
    refused(lambda: wet.page_feedback(action="/f", csrf={"name": "t"}), "csrf", "value")


# ---- on this page ----------------------------------------------------------------------------------------------

HEADINGS = [{"text": "Who can apply", "id": "who"}, {"text": "How to apply", "id": "how"}]


def test_contents_list_is_a_navigation_landmark_named_by_its_heading(wet):
    page = Tags(wet.on_this_page(headings=HEADINGS))
    nav = page.one("nav")
    assert nav["aria-labelledby"] == "on-this-page-title" and nav["data-wetkit-module"] == "on-this-page"
    assert page.one("h2", id="on-this-page-title") is not None and "On this page" in page.text
    assert [a["href"] for a in page.find("a")] == ["#who", "#how"]
    assert not [a for a in page.find("a") if "aria-current" in a], "nothing is marked before the script runs"


def test_contents_title_goes_through_gettext_and_text_is_escaped(marked, wet):
    assert "[On this page]" in str(marked.on_this_page(headings=HEADINGS))
    html = str(wet.on_this_page(headings=[{"text": "<b>Fees</b>", "id": "fees"}], title="Contents"))
    assert "&lt;b&gt;Fees" in html and "Contents" in html


def test_contents_refuses_bad_headings(wet):
    refused(lambda: wet.on_this_page(headings=[]), "wet.on_this_page", "'headings'", "non-empty")
    refused(lambda: wet.on_this_page(headings=[*HEADINGS, {"text": "Again", "id": "who"}]),
             "'headings[2].id'", "'who'", "headings[0] has it")
    refused(lambda: wet.on_this_page(headings=[{"text": "Fees", "id": "#fees"}]), "'headings[0].id'", "without '#'")
    refused(lambda: wet.on_this_page(headings=[{"text": "Fees", "id": "the fees"}]), "headings", "no whitespace")
    refused(lambda: wet.on_this_page(headings=[{"text": " ", "id": "fees"}]), "headings", "non-empty")


def test_page_headings_reads_the_h2s_of_the_content(wet):
    html = ('<h1>Passports</h1><h2 id="who">Who <em>can</em>\n apply</h2><p>x</p><h3 id="sub">Sub</h3>'
            '<h2 id="fees">Fees &amp; costs</h2>')
    assert page_headings(html) == [{"text": "Who can apply", "id": "who"}, {"text": "Fees & costs", "id": "fees"}]
    assert page_headings(html, level=3) == [{"text": "Sub", "id": "sub"}]
    rendered = str(wet.on_this_page(headings=page_headings(html)))
    assert "Fees &amp; costs" in rendered and 'href="#fees"' in rendered


def test_page_headings_refuses_headings_it_cannot_link_to():
    refused(lambda: page_headings('<h2 id="a">A</h2><h2>No id</h2>'), "number 2", "'No id'", "an id")
    refused(lambda: page_headings('<h2 id="a">A</h2><h2 id="a">B</h2>'), "reuses the id 'a'")
    refused(lambda: page_headings('<h2 id="a"> </h2>'), "no text")
    refused(lambda: page_headings(b"<h2>"), "a string of HTML")
    refused(lambda: page_headings("", level=1), "level", "2 to 6")


# ---- the scripts carry no words of their own --------------------------------------------------------------------

SCRIPTS = ("filter", "notification_banner", "page_feedback", "on_this_page")


@pytest.mark.parametrize("name", SCRIPTS)
def test_script_has_no_user_facing_words(name):
    """Every message a script shows comes from the markup (data-text-*), so it is translated with the page."""
    source = (paths.COMPONENTS_DIR / name / f"{name}.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)
    literals = [text for text in re.findall(r'"((?:[^"\\]|\\.)*)"', code) if text != "use strict"]
    prose = [text for text in literals  # two or more plain words: class lists and selectors have - _ . [ ] =
             if sum(bool(re.fullmatch(r"[A-Za-z]{2,}[,.?!:]?", word)) for word in text.split()) >= 2]
    assert prose == [], f"{name}.js writes words itself: {prose}"
