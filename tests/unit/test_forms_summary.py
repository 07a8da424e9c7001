"""Behaviour of the summary components (error_summary, summary_list, panel) beyond the generic contract tests: what
a screen reader and a keyboard user get, and the mistakes refused."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import jinja2
import pytest
from markupsafe import Markup

import wetkit
from wetkit.errors import ParameterError


class Tree(HTMLParser):
    """Start tags (tag, attrs) in order, and the text of every <a> and heading as a screen reader gets it."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.links: list[tuple[str, str]] = []  # (href, accessible name)
        self.headings: list[tuple[str, str]] = []
        self._open: list[list] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "a" or re.fullmatch(r"h[1-6]", tag):
            self._open.append([tag, attrs, ""])
        elif tag == "br" and self._open:
            self._open[-1][2] += " "

    def handle_data(self, data):
        for item in self._open:
            item[2] += data

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            name, attrs, text = self._open.pop()
            text = " ".join(text.split())
            if name == "a":
                self.links.append((attrs.get("href"), text))
            else:
                self.headings.append((name, text))

    def first(self, tag: str) -> dict:
        return next(attrs for name, attrs in self.tags if name == tag)


ERRORS = [
    {"text": "Enter your full name", "href": "#full-name"},
    {"text": "Select the type of permit you want", "href": "#permit-type"},
]


# ---- error_summary -----------------------------------------------------------------------------------------------


class Regions(HTMLParser):
    """The text and links inside each element that has a role, and the role of every element (None when it has none),
    following nesting: what a screen reader announces when that region is announced."""

    VOID = {"br", "hr", "img", "input", "meta", "link"}

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[dict] = []  # {tag, attrs, text, links}
        self._stack: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": "", "links": []}
        self.elements.append(element)
        if tag == "a":
            for open_element in self._stack:
                open_element["links"].append(element["attrs"].get("href"))
        if tag not in self.VOID:
            self._stack.append(element)

    def handle_data(self, data):
        for element in self._stack:
            element["text"] += data

    def handle_endtag(self, tag):
        while self._stack:
            if self._stack.pop()["tag"] == tag:
                break

    def with_role(self, role: str) -> list[dict]:
        return [e for e in self.elements if e["attrs"].get("role") == role]


def test_error_summary_focus_box_holds_an_alert_with_the_title_and_every_error(wet):
    """JAWS on Chrome/Edge reads only the name of a focused, labelled role=alert box: the box that takes focus is not
    the alert, and the alert inside it (unnamed) holds the heading and the whole list."""
    html = str(wet.error_summary(errors=ERRORS, description="Correct the answers below."))
    regions = Regions(html)
    box = regions.elements[0]
    assert box["tag"] == "div" and box["attrs"]["id"] == "error-summary"
    assert box["attrs"]["tabindex"] == "-1", "focusable by script, not in the Tab order"
    assert box["attrs"]["data-wetkit-module"] == "error-summary"
    assert "role" not in box["attrs"] and "aria-labelledby" not in box["attrs"], "the focused box is not the alert"
    assert "data-disable-auto-focus" not in box["attrs"]

    alerts = regions.with_role("alert")
    assert len(alerts) == 1
    alert = alerts[0]
    assert alert is not box and alert in regions.elements[1:], "the alert is inside the focused box"
    assert "aria-labelledby" not in alert["attrs"] and "aria-label" not in alert["attrs"], \
        "a named alert may be read by its name alone"
    text = " ".join(alert["text"].split())
    for part in ("There is a problem", "Correct the answers below.", *(e["text"] for e in ERRORS)):
        assert part in text
    assert alert["links"] == [e["href"] for e in ERRORS]
    tree = Tree(html)
    assert tree.headings == [("h2", "There is a problem")] and tree.first("h2")["id"] == "error-summary-title"


def test_error_summary_links_every_error_to_its_field_in_order(wet):
    tree = Tree(str(wet.error_summary(errors=ERRORS)))
    assert tree.links == [("#full-name", "Enter your full name"),
                          ("#permit-type", "Select the type of permit you want")]
    assert [tag for tag, _ in tree.tags].count("li") == 2


def test_error_summary_title_description_and_id_can_be_set(wet):
    html = str(wet.error_summary(errors=ERRORS[:1], title="Il y a un problème", description="Corrigez les réponses.",
                                 id="errors-top"))
    tree = Tree(html)
    assert tree.headings == [("h2", "Il y a un problème")]
    assert tree.first("div")["id"] == "errors-top" and tree.first("h2")["id"] == "errors-top-title"
    assert '<p class="wet-error-summary__description">Corrigez les réponses.</p>' in html


def test_error_summary_default_title_goes_through_gettext(marked):
    assert Tree(str(marked.error_summary(errors=ERRORS))).headings == [("h2", "[There is a problem]")]


def test_error_summary_auto_focus_can_be_turned_off(wet):
    box = Tree(str(wet.error_summary(errors=ERRORS, disable_auto_focus=True))).first("div")
    assert box["data-disable-auto-focus"] == "true"


def test_error_summary_escapes_error_text_and_keeps_markup(wet):
    errors = [{"text": "<b>x</b>", "href": "#a"}, {"text": Markup("<b>y</b>"), "href": "#b"}]
    html = str(wet.error_summary(errors=errors))
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>y</b>" in html


def test_error_summary_without_errors_is_refused(wet):
    with pytest.raises(ParameterError, match=r"wet\.error_summary: parameter 'errors' got \[\].*non-empty"):
        wet.error_summary(errors=[])


@pytest.mark.parametrize("href", ["email", "/apply#email", "https://example.ca/#email", "#", ""])
def test_error_summary_link_must_be_an_in_page_fragment(wet, href):
    errors = [ERRORS[0], {"text": "Enter an email address", "href": href}]
    with pytest.raises(ParameterError, match=r"wet\.error_summary: parameter 'errors\[1\]\.href' got .*'#'"):
        wet.error_summary(errors=errors)


def test_error_summary_error_needs_text_and_href(wet):
    with pytest.raises(ParameterError, match=r"^wet\.error_summary: parameter 'errors'\[0\]\.href is required, "):
        wet.error_summary(errors=[{"text": "Enter your name"}])
    with pytest.raises(ParameterError, match=r"^wet\.error_summary: parameter 'errors'\[0\]\.text is required, "):
        wet.error_summary(errors=[{"href": "#name"}])


# ---- summary_list ------------------------------------------------------------------------------------------------

ROWS = [
    {"key": "Full name", "value": "Alex Tremblay", "actions": [{"href": "/apply#full-name"}]},
    {"key": "Email address", "value": "alex@example.ca",
     "actions": [{"href": "/apply#email", "visually_hidden_text": "email address"}]},
    {"key": "Reference", "value": "HDJ2123F"},
]


def test_summary_list_is_a_valid_description_list(wet):
    tree = Tree(str(wet.summary_list(rows=ROWS)))
    tags = [tag for tag, _ in tree.tags if tag in ("dl", "div", "dt", "dd")]
    assert tags == ["dl", "div", "dt", "dd", "dd", "div", "dt", "dd", "dd", "div", "dt", "dd"]


def test_summary_list_change_links_have_unique_names_from_hidden_text(wet):
    html = str(wet.summary_list(rows=ROWS))
    assert ('<a class="wet-summary-list__link" href="/apply#email">Change'
            '<span class="wet-visually-hidden"> email address</span></a>') in html
    tree = Tree(html)
    assert tree.links == [("/apply#full-name", "Change Full name"), ("/apply#email", "Change email address")]
    names = [name for _, name in tree.links]
    assert len(names) == len(set(names))


def test_summary_list_change_text_goes_through_gettext(marked):
    assert Tree(str(marked.summary_list(rows=ROWS[:1]))).links == [("/apply#full-name", "[Change] Full name")]


def test_summary_list_row_without_actions_is_marked_to_keep_columns(wet):
    html = str(wet.summary_list(rows=ROWS))
    rows = re.findall(r'<div class="([^"]+)">', html)
    assert rows == ["wet-summary-list__row", "wet-summary-list__row",
                    "wet-summary-list__row wet-summary-list__row--no-actions"]
    assert "wet-summary-list--no-actions" not in html
    read_only = str(wet.summary_list(rows=[ROWS[2]]))
    assert 'class="wet-summary-list wet-summary-list--no-actions"' in read_only
    assert "__row--no-actions" not in read_only and "<a " not in read_only


def test_summary_list_several_actions_are_a_list_with_unique_names(wet):
    rows = [{"key": "Waters", "value": "Rivers", "actions": [
        {"href": "#waters", "visually_hidden_text": "waters"},
        {"href": "#remove", "text": "Remove", "visually_hidden_text": "all waters"}]}]
    html = str(wet.summary_list(rows=rows))
    assert '<ul class="wet-summary-list__actions-list">' in html
    assert Tree(html).links == [("#waters", "Change waters"), ("#remove", "Remove all waters")]


def test_summary_list_text_value_keeps_line_breaks_and_is_escaped(wet):
    html = str(wet.summary_list(rows=[{"key": "Address", "value": "72 Rue <Sainte>\nMontréal QC"}]))
    assert "72 Rue &lt;Sainte&gt;<br>\nMontréal QC" in html
    kept = str(wet.summary_list(rows=[{"key": "Contact", "value": Markup("<p>514-555-0199</p>\n<p>a@b.ca</p>")}]))
    assert "<p>514-555-0199</p>\n<p>a@b.ca</p>" in kept and "<br>" not in kept


def test_summary_list_card_has_a_title_actions_and_row_names_that_name_the_card(wet):
    card = {"title": "Dependant 1", "heading_level": 3, "actions": [{"href": "#rm", "text": "Remove"}]}
    html = str(wet.summary_list(rows=ROWS[:1], card=card, classes="team-card"))
    tree = Tree(html)
    assert tree.first("div")["class"] == "wet-summary-card team-card", "classes go on the card's outer element"
    assert tree.headings == [("h3", "Dependant 1")]
    assert tree.links == [("#rm", "Remove Dependant 1"), ("/apply#full-name", "Change Full name (Dependant 1)")]
    assert tree.first("dl")["class"] == "wet-summary-list"
    assert Tree(str(wet.summary_list(rows=ROWS[:1], card={"title": "T"}))).headings == [("h2", "T")]


def test_summary_list_mistakes_are_refused(wet):
    with pytest.raises(ParameterError, match=r"wet\.summary_list: parameter 'rows' got \[\]"):
        wet.summary_list(rows=[])
    with pytest.raises(ParameterError, match=r"wet\.summary_list: parameter 'rows'\[0\]\.value is required"):
        wet.summary_list(rows=[{"key": "Name"}])
    with pytest.raises(ParameterError, match=r"parameter 'rows'\[0\]\.actions\[0\]\.href got 'javascript:"):
        wet.summary_list(rows=[{"key": "Name", "value": "A", "actions": [{"href": "javascript:alert(1)"}]}])
    with pytest.raises(ParameterError, match=r"parameter 'card'\.title is required"):
        wet.summary_list(rows=ROWS, card={"actions": []})
    with pytest.raises(ParameterError, match=r"parameter 'card'\.heading_level got 1"):
        wet.summary_list(rows=ROWS, card={"title": "T", "heading_level": 1})


# ---- panel -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("level", "tag"), [(None, "h1"), (1, "h1"), (2, "h2"), (3, "h3")])
def test_panel_title_is_a_heading_at_the_level_asked(wet, level, tag):
    params = {"title": "Application complete"} | ({"heading_level": level} if level else {})
    assert Tree(str(wet.panel(**params))).headings == [(tag, "Application complete")]


@pytest.mark.parametrize("level", [0, 4, 6])
def test_panel_heading_level_outside_1_to_3_is_refused(wet, level):
    with pytest.raises(ParameterError, match=r"wet\.panel: parameter 'heading_level' got .*allowed: one of 1, 2, 3"):
        wet.panel(title="Done", heading_level=level)


def test_panel_body_from_text_or_call_block(wet):
    env = wetkit.environment(undefined=jinja2.StrictUndefined)
    called = env.from_string(
        '{% call wet.panel(title="Application complete") %}Your reference number<br><strong>{{ ref }}</strong>'
        "{% endcall %}").render(ref="<HDJ2123F>")
    assert '<div class="wet-panel__body">Your reference number<br><strong>&lt;HDJ2123F&gt;</strong></div>' in called
    text = str(wet.panel(title="Paid", body="We received $45 & a <note>."))
    assert '<div class="wet-panel__body">We received $45 &amp; a &lt;note&gt;.</div>' in text
    assert "wet-panel__body" not in str(wet.panel(title="Done"))


def test_panel_body_and_call_block_together_are_refused():
    env = wetkit.environment(undefined=jinja2.StrictUndefined)
    with pytest.raises(ParameterError, match=r"wet\.panel: parameter 'body'"):
        env.from_string('{% call wet.panel(title="Done", body="Twice") %}Also{% endcall %}').render()
