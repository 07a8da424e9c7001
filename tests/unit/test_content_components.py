"""Behaviour of the content components: pagination, step indicator, footnotes, inset text, warning text, task list.

What a reader or a screen reader gets (the pages in a pagination window, where each link leads, what is announced
with a task or a step) and the errors a wrong call gets. The generic checks (types, escaping, attrs, wiring) are in
the generated suites.
"""

from __future__ import annotations

import re

import html5lib
import pytest
from markupsafe import Markup

from wetkit.errors import ParameterError


def tree(html):
    return html5lib.parseFragment(str(html), treebuilder="etree", namespaceHTMLElements=False)


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def by_class(root, name):
    return [el for el in root.iter() if name in (el.get("class") or "").split()]


# ---- pagination ------------------------------------------------------------------------------------------------


def window(wet, current, total, **extra):
    """The numbered items as the reader sees them: ints for pages, '…' for a gap; plus the current page's number."""
    nav = tree(wet.pagination(current=current, total=total, url="/results?page={page}", **extra))
    items, marked = [], []
    for li in by_class(nav, "wet-pagination__item"):
        link = li.find("a")
        if link is None:
            assert text(li) == "\u2026"
            items.append("\u2026")
            continue
        number = int(text(link))
        assert link.get("href") == f"/results?page={number}"
        assert link.get("aria-label") == f"Page {number}"
        if link.get("aria-current") == "page":
            marked.append(number)
        items.append(number)
    assert marked == [current], "exactly the current page is marked aria-current"
    return items


E = "\u2026"
WINDOWS = {
    (1, 1): [1],
    (1, 2): [1, 2],
    (2, 2): [1, 2],
    (1, 7): [1, 2, E, 7],
    (2, 7): [1, 2, 3, E, 7],
    (3, 7): [1, 2, 3, 4, E, 7],
    (4, 7): [1, 2, 3, 4, 5, 6, 7],
    (5, 7): [1, E, 4, 5, 6, 7],
    (6, 7): [1, E, 5, 6, 7],
    (7, 7): [1, E, 6, 7],
    (1, 50): [1, 2, E, 50],
    (2, 50): [1, 2, 3, E, 50],
    (5, 50): [1, E, 4, 5, 6, E, 50],
    (49, 50): [1, E, 48, 49, 50],
    (50, 50): [1, E, 49, 50],
}


@pytest.mark.parametrize(("current", "total"), list(WINDOWS), ids=[f"{c}-of-{t}" for c, t in WINDOWS])
def test_pagination_window(wet, current, total):
    assert window(wet, current, total) == WINDOWS[(current, total)]


#: current = 1, 2, 5, total - 1 and total, for 1, 2, 7 and 50 pages (the pages that exist, each once).
PLACES = sorted({(c, t) for t in (1, 2, 7, 50) for c in (1, 2, 5, t - 1, t) if 1 <= c <= t}, key=lambda p: p[::-1])


@pytest.mark.parametrize(("current", "total"), PLACES, ids=[f"{c}-of-{t}" for c, t in PLACES])
def test_pagination_window_properties(wet, current, total):
    """For any window: first, last, current and its neighbours are shown, in order, once; an ellipsis stands only for
    two or more missing pages (a gap of one shows that page)."""
    items = window(wet, current, total)
    numbers = [i for i in items if i != E]
    assert numbers == sorted(set(numbers))
    assert {1, total, current} | {n for n in (current - 1, current + 1) if 1 <= n <= total} <= set(numbers)
    for before, gap, after in zip(items, items[1:], items[2:], strict=False):
        if gap == E:
            hidden = after - before - 1
            assert hidden >= 2, f"an ellipsis hides only {hidden} page(s) between {before} and {after}"
    assert len(items) <= 9


def test_pagination_previous_and_next(wet):
    middle = tree(wet.pagination(current=5, total=50, url="/r?page={page}"))
    prev, nxt = middle.find(".//a[@rel='prev']"), middle.find(".//a[@rel='next']")
    assert (prev.get("href"), text(prev)) == ("/r?page=4", "Previous")
    assert (nxt.get("href"), text(nxt)) == ("/r?page=6", "Next")
    first = str(wet.pagination(current=1, total=3, url="/r?page={page}"))
    assert 'rel="prev"' not in first and 'rel="next"' in first
    last = str(wet.pagination(current=3, total=3, url="/r?page={page}"))
    assert 'rel="prev"' in last and 'rel="next"' not in last


def test_pagination_links_carry_titles_and_overrides(wet):
    nav = tree(wet.pagination(current=2, total=3, url="/guide/{page}", previous_title="Who needs a permit",
                              next_title="Where to fish", previous_text="Back", next_text="Onward", label="Guide"))
    assert nav.find("nav").get("aria-label") == "Guide"
    assert text(nav.find(".//a[@rel='prev']")) == "Back: Who needs a permit"
    assert text(nav.find(".//a[@rel='next']")) == "Onward: Where to fish"


def test_pagination_compact_form_keeps_first_current_and_last(wet):
    nav = tree(wet.pagination(current=5, total=50, url="/r?page={page}"))
    far = [text(li) for li in by_class(nav, "wet-pagination__item--far")]
    assert far == ["4", "6"]


def test_pagination_strings_are_translated(marked):
    html = str(marked.pagination(current=2, total=3, url="/r?page={page}"))
    for message in ("[Pagination]", "[Previous]", "[Next]", 'aria-label="[Page 3]"'):
        assert message in html


@pytest.mark.parametrize(("changes", "param", "allowed"), [
    ({"current": 0}, "current", "a page number from 1 to total (7)"),
    ({"current": 8}, "current", "a page number from 1 to total (7)"),
    ({"total": 0, "current": 1}, "total", "a whole number of 1 or more"),
    ({"url": "/results?page=2"}, "url", "a URL with {page}"),
    ({"url": "x{page}:alert(1)"}, "url", "browsers read the scheme 'x1'"),
    ({"url": "javascript:go({page})"}, "url", "the scheme http"),
])
def test_pagination_bad_input(wet, changes, param, allowed):
    call = {"current": 3, "total": 7, "url": "/results?page={page}", **changes}
    with pytest.raises(ParameterError) as info:
        wet.pagination(**call)
    message = str(info.value)
    assert message.startswith(f"wet.pagination: parameter '{param}' got {call[param]!r}")
    assert allowed in message


# ---- step indicator --------------------------------------------------------------------------------------------

STEPS = ["Your details", "Contact information", "Permit", "Payment", "Check your answers"]


def test_step_indicator_counts_and_marks_the_current_step(wet):
    root = tree(wet.step_indicator(steps=STEPS, current=2))
    assert text(by_class(root, "wet-step-indicator__count")[0]) == "Step 2 of 5: Contact information"
    steps = root.findall(".//li")
    assert [text(li) for li in steps] == [
        "Completed: Your details", "Current step: Contact information", "Permit", "Payment", "Check your answers"]
    assert [li.get("aria-current") for li in steps] == [None, "step", None, None, None]


def test_step_indicator_count_only_and_custom_count(wet):
    html = str(wet.step_indicator(steps=STEPS, current=5, count_text="Part 5 of 5", show_steps=False))
    root = tree(html)
    assert text(by_class(root, "wet-step-indicator__count")[0]) == "Part 5 of 5: Check your answers"
    assert "<ol" not in html


def test_step_indicator_count_is_a_plural_message(marked):
    html = str(marked.step_indicator(steps=STEPS[:2], current=1))
    assert "[Step 1 of 2]" in html and "[Current step:]" in html


@pytest.mark.parametrize(("steps", "current", "param", "allowed"), [
    (["Your details", "Payment", "your  Details"], 1, "steps[2]",
     "a name no other step has (steps[0] is 'Your details')"),
    (STEPS, 0, "current", "a step number from 1 to the number of steps (5)"),
    (STEPS, 6, "current", "a step number from 1 to the number of steps (5)"),
    (["Only one"], 1, "steps", "a list of 2 or more step names"),
    (["Your details", " "], 1, "steps[1]", "a non-empty string"),
    (["Your details", {"text": "Payment"}], 1, "steps[1]", "a non-empty string"),
])
def test_step_indicator_bad_input(wet, steps, current, param, allowed):
    with pytest.raises(ParameterError) as info:
        wet.step_indicator(steps=steps, current=current)
    message = str(info.value)
    assert message.startswith(f"wet.step_indicator: parameter '{param}' got ") and allowed in message


# ---- footnotes -------------------------------------------------------------------------------------------------

PARAGRAPHS = [
    ["Up to $8,000 per child", {"note": "age"}, " if your income is under $72,000", {"note": "income"}, "."],
    "A paragraph with no note.",
    ["It goes down as income goes up", {"note": "income"}, "."],
]
NOTES = [{"id": "income", "text": "Line 23600 of your return."}, {"id": "age", "text": "Age on December 31."}]


def test_footnotes_cited_twice_return_to_each_citation(wet):
    root = tree(wet.footnotes(paragraphs=PARAGRAPHS, notes=NOTES))
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids)), f"ids repeat: {ids}"
    refs = by_class(root, "wet-footnotes__ref-link")
    assert [(r.get("id"), r.get("href"), text(r)) for r in refs] == [
        ("fn-age-ref-1", "#fn-age", "Footnote 1"),
        ("fn-income-ref-1", "#fn-income", "Footnote 2"),
        ("fn-income-ref-2", "#fn-income", "Footnote 2"),
    ]
    notes = by_class(root, "wet-footnotes__note")
    assert [n.get("id") for n in notes] == ["fn-age", "fn-income"], "numbered and listed by first citation"
    returns = {n.get("id"): [(a.get("href"), text(a)) for a in by_class(n, "wet-footnotes__return")] for n in notes}
    assert returns == {
        "fn-age": [("#fn-age-ref-1", "Return to footnote 1 referrer")],
        "fn-income": [("#fn-income-ref-1", "Return to footnote 2 referrer (1 of 2)"),
                      ("#fn-income-ref-2", "Return to footnote 2 referrer (2 of 2)")],
    }
    # each return link lands on a reference in the paragraph that cites it
    paragraphs = root.find("div").findall("p")
    assert [r.get("id") for r in paragraphs[2].iter("a")] == ["fn-income-ref-2"]


def test_footnotes_heading_and_id_prefix(wet):
    root = tree(wet.footnotes(paragraphs=PARAGRAPHS, notes=NOTES, id="notes-b", heading="Notes", heading_level=3))
    section = root.find(".//section")
    heading = section.find("h3")
    assert section.get("aria-labelledby") == heading.get("id") == "notes-b-heading" and text(heading) == "Notes"
    assert all(el.get("id").startswith("notes-b") for el in root.iter() if el.get("id"))


def test_footnotes_keep_markup_and_escape_text(wet):
    html = str(wet.footnotes(paragraphs=[[Markup("<em>Net</em> income"), {"note": "a"}], "<b>x</b>"],
                             notes=[{"id": "a", "text": "<i>note</i>"}]))
    assert "<em>Net</em> income" in html and "&lt;b&gt;x&lt;/b&gt;" in html and "&lt;i&gt;note&lt;/i&gt;" in html


@pytest.mark.parametrize(("paragraphs", "notes", "param", "allowed"), [
    ([["Text", {"note": "incom"}]], NOTES[:1], "paragraphs[0][1].note", "one of the notes' ids: 'income'"),
    ([["Text", {"note": "income"}]], NOTES, "notes[1].id", "a note nothing refers to cannot link back"),
    ([["Text", {"note": "income"}]], [NOTES[0], NOTES[0]], "notes[1].id", "an id no other note has"),
    ([["Text", {"ref": "income"}]], NOTES[:1], "paragraphs[0][1]", "a reference {'note': id}"),
    ([["Text", {"note": ["income"]}]], NOTES[:1], "paragraphs[0][1].note", "one of the notes' ids"),
    ([42], NOTES[:1], "paragraphs[0]", "a string, or a list of strings and {'note': id} references"),
    ([["Text", {"note": "income"}]], [], "notes", "a non-empty list"),
])
def test_footnotes_bad_input(wet, paragraphs, notes, param, allowed):
    with pytest.raises(ParameterError) as info:
        wet.footnotes(paragraphs=paragraphs, notes=notes)
    message = str(info.value)
    assert message.startswith(f"wet.footnotes: parameter '{param}' got ") and allowed in message


def test_footnotes_strings_are_translated(marked):
    html = str(marked.footnotes(paragraphs=PARAGRAPHS, notes=NOTES))
    for message in ("[Footnote]", "[Footnotes]", "[Return to footnote 1 referrer]",
                    "[Return to footnote 2 referrer (2 of 2)]"):
        assert message in html


# ---- inset text and warning text -------------------------------------------------------------------------------


def test_inset_text_body_or_block(wet):
    assert text(tree(wet.inset_text(body="Allow 8 weeks.")).find("div/p")) == "Allow 8 weeks."
    block = wet.inset_text(caller=lambda: Markup("<p>One</p><p>Two</p>"))
    assert "<p>One</p><p>Two</p>" in str(block)
    with pytest.raises(ParameterError, match=r"wet\.inset_text: parameter 'body' got None"):
        wet.inset_text()


def test_warning_text_icon_is_decorative_and_prefix_is_hidden(wet):
    root = tree(wet.warning_text(body="You can be fined."))
    icon = by_class(root, "wet-warning-text__icon")[0]
    assert icon.get("aria-hidden") == "true"
    hidden = by_class(root, "wet-visually-hidden")[0]
    assert text(hidden) == "Warning:"
    assert text(by_class(root, "wet-warning-text__text")[0]) == "Warning: You can be fined."
    assert root.find(".//strong").text == "You can be fined."
    custom = tree(wet.warning_text(body="Sign it.", prefix="Important:"))
    assert text(by_class(custom, "wet-visually-hidden")[0]) == "Important:"
    with pytest.raises(ParameterError, match=r"wet\.warning_text: parameter 'body'"):
        wet.warning_text(body="x", caller=lambda: Markup("<p>y</p>"))


# ---- task list -------------------------------------------------------------------------------------------------

SECTIONS = [
    {"heading": "Before you start", "tasks": [{"text": "Check eligibility", "status": "completed", "href": "/e"}]},
    {"heading": "About you", "tasks": [
        {"text": "Your details", "status": "in_progress", "href": "/d", "hint": "Name and date of birth"},
        {"text": "Contact", "status": "not_started", "href": "/c"},
        {"text": "Pay", "status": "cannot_start_yet"},
    ]},
]


def test_task_list_statuses_are_read_with_each_task(wet):
    root = tree(wet.task_list(sections=SECTIONS))
    ids = {el.get("id"): el for el in root.iter() if el.get("id")}
    rows = []
    for task in by_class(root, "wet-task-list__task"):
        link = task.find(".//a")
        tag = by_class(task, "wet-tag")[0]
        described = [text(ids[i]) for i in link.get("aria-describedby").split()] if link is not None else None
        rows.append((text(by_class(task, "wet-task-list__name")[0].find("a") if link is not None else
                          by_class(task, "wet-task-list__name")[0]), text(tag), tag.get("class"), described))
    assert rows == [
        ("Check eligibility", "Completed", "wet-tag wet-tag--success", ["Completed"]),
        ("Your details", "In progress", "wet-tag wet-tag--warning", ["Name and date of birth", "In progress"]),
        ("Contact", "Not started", "wet-tag wet-tag--info", ["Not started"]),
        ("Pay", "Cannot start yet", "wet-tag wet-tag--neutral", None),
    ]
    assert [text(h) for h in root.iter("h2")] == ["Before you start", "About you"]


def test_task_list_status_words_can_be_replaced(wet):
    html = str(wet.task_list(sections=[{"heading": "Renew", "tasks": [
        {"text": "Address", "status": "completed", "href": "/a", "status_text": "Confirmed"}]}], heading_level=3))
    assert re.search(r'<strong class="wet-tag wet-tag--success" id="task-list-1-1-status">Confirmed</strong>', html)
    assert "<h3" in html


def test_task_list_uses_the_tag_component():
    from wetkit.registry import get_registry

    assert "tag" in get_registry()["task_list"].uses


def test_task_list_statuses_are_translated(marked):
    html = str(marked.task_list(sections=SECTIONS))
    for message in ("[Completed]", "[In progress]", "[Not started]", "[Cannot start yet]"):
        assert message in html


@pytest.mark.parametrize(("task", "param", "allowed"), [
    ({"text": "Pay", "status": "done"}, "'sections'[0].tasks[0].status got 'done'",
     "one of 'not_started', 'in_progress', 'completed', 'cannot_start_yet'"),
    ({"text": "Pay", "status": "cannot_start_yet", "href": "/pay"}, "'sections[0].tasks[0].href' got '/pay'",
     "None when status is 'cannot_start_yet'"),
    ({"text": "Pay"}, "'sections'[0].tasks[0].status is required", "one of 'not_started'"),
])
def test_task_list_bad_input(wet, task, param, allowed):
    with pytest.raises(ParameterError) as info:
        wet.task_list(sections=[{"heading": "Apply", "tasks": [task]}])
    message = str(info.value)
    assert message.startswith(f"wet.task_list: parameter {param}") and allowed in message


def test_task_list_needs_sections_and_tasks(wet):
    with pytest.raises(ParameterError, match=r"parameter 'sections' got \[\]"):
        wet.task_list(sections=[])
    with pytest.raises(ParameterError, match=r"parameter 'sections\[0\]\.tasks' got \[\]"):
        wet.task_list(sections=[{"heading": "Apply", "tasks": []}])
