"""Checks that span parameters, run right after each call's parameters are checked one by one (wetkit.params).

A rule is a function of the bound parameters (every parameter by name, defaults filled; ``caller`` is set, and
falsy, for components that take a ``{% call %}`` block) that raises :class:`RuleViolation` naming the parameter
at fault, the value and what is allowed. :class:`wetkit.jinja.Component` turns it into the same ParameterError as
a one-parameter check: ``wet.select: parameter 'value' got 'x' (str); allowed: one of the items' values: 'a', 'b'``.

Rules are registered per component name with :func:`rule`; a team's own component registers its rules the same
way, from a module it imports before rendering. Templates hold no checks of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from wetkit import policy

Rule = Callable[[Mapping[str, Any]], None]
_RULES: dict[str, list[Rule]] = {}


class RuleViolation(Exception):
    """A call broke a rule: ``param`` (a path such as ``items[2].value``), the ``value`` given, what is ``allowed``."""

    def __init__(self, param: str, value: Any, allowed: str):
        super().__init__(allowed)
        self.param = param
        self.value = value
        self.allowed = allowed


def rule(*components: str) -> Callable[[Rule], Rule]:
    """Register the decorated function as a rule of each named component."""

    def register(function: Rule) -> Rule:
        for name in components:
            _RULES.setdefault(name, []).append(function)
        return function

    return register


def rules_for(component: str) -> tuple[Rule, ...]:
    """The rules of one component, in the order they were registered."""
    return tuple(_RULES.get(component, ()))


# ---- content components: a body given as a parameter or as a {% call %} block -----------------------------------


@rule("alert", "details", "panel", "inset_text", "warning_text")
def _body_or_content(p: Mapping[str, Any]) -> None:
    if p["body"] and p["caller"]:
        raise RuleViolation("body", p["body"], "None when a {% call %} block gives the body")


@rule("alert", "details", "inset_text", "warning_text")
def _body_needed(p: Mapping[str, Any]) -> None:
    if not p["body"] and not p["caller"]:
        raise RuleViolation("body", p["body"], "a text, or a {% call %} block")


# ---- actions -------------------------------------------------------------------------------------------------


@rule("button")
def _link_not_disabled(p: Mapping[str, Any]) -> None:
    if p["href"] and p["disabled"]:
        raise RuleViolation(
            "disabled", p["disabled"], "False when href is given: a link cannot be disabled; leave the link out instead"
        )


# ---- lists that must not be empty ----------------------------------------------------------------------------


def _not_empty(component: str, param: str, allowed: str) -> None:
    @rule(component)
    def check(p: Mapping[str, Any]) -> None:
        if not p[param]:
            raise RuleViolation(param, p[param], allowed)


_not_empty("summary_list", "rows", "a non-empty list of {key, value, actions}")
_not_empty("error_summary", "errors", "a non-empty list of {text, href}; show no summary when there are no errors")
_not_empty("select", "items", "a non-empty list of {value, text} options")


@rule("error_summary")
def _links_to_fields(p: Mapping[str, Any]) -> None:
    for index, error in enumerate(p["errors"]):
        href = error["href"]
        if href[:1] != "#" or len(href) < 2:
            raise RuleViolation(f"errors[{index}].href", href, "'#' and the id of a field on this page, like '#email'")


# ---- numbers -------------------------------------------------------------------------------------------------


def _at_least_one(param: str, value: Any, allowed: str = "a whole number of 1 or more") -> None:
    if value is not None and value < 1:
        raise RuleViolation(param, value, allowed)


@rule("textarea", "character_count")
def _rows(p: Mapping[str, Any]) -> None:
    _at_least_one("rows", p["rows"])


@rule("character_count")
def _one_limit(p: Mapping[str, Any]) -> None:
    length, words = p["max_length"], p["max_words"]
    if length is None and words is None:
        raise RuleViolation("max_length", None, "an integer of 1 or more (or give max_words instead)")
    if length is not None and words is not None:
        raise RuleViolation(
            "max_words", words, "None when max_length is given: the limit is in characters or in words, not both"
        )
    _at_least_one("max_length", length, "an integer of 1 or more")
    _at_least_one("max_words", words, "an integer of 1 or more")
    threshold = p["threshold"]
    if threshold is not None and not 0 <= threshold <= 100:
        raise RuleViolation("threshold", threshold, "a percentage from 0 to 100")


# ---- date input ----------------------------------------------------------------------------------------------


@rule("date_input")
def _error_fields(p: Mapping[str, Any]) -> None:
    fields = p["error_fields"]
    if fields is None:
        return
    if not p["error"]:
        raise RuleViolation("error_fields", fields, "None when there is no error")
    if not fields:
        raise RuleViolation(
            "error_fields", fields, "a non-empty list of 'day', 'month', 'year' (leave it out for all three)"
        )
    for index, part in enumerate(fields):
        if part not in ("day", "month", "year"):
            raise RuleViolation(f"error_fields[{index}]", part, "one of 'day', 'month', 'year'")


# ---- select --------------------------------------------------------------------------------------------------


@rule("select")
def _select_options(p: Mapping[str, Any]) -> None:
    items, value = p["items"], p["value"]
    values = _unique_values(items, "items")
    chosen = [item["value"] for item in items if item["selected"]]
    if value is not None:
        if value not in values:
            raise RuleViolation("value", value, _one_of_items(values))
        if chosen:
            raise RuleViolation(
                "value", value, "None when an item is marked selected: give value= or an item's selected, not both"
            )
    elif len(chosen) > 1:
        raise RuleViolation("items", chosen, "at most one item with selected: true (a select has one answer)")


def _unique_values(items: Iterable[Mapping[str, Any]], param: str) -> list[Any]:
    """The items' values in order; a value given twice is an error naming the second item."""
    values: list[Any] = []
    for index, item in enumerate(items):
        value = item.get("value")
        if value in values:
            raise RuleViolation(
                f"{param}[{index}].value", value,
                f"a value no other item has ({param}[{values.index(value)}] sends it already)",
            )
        values.append(value)
    return values


def _one_of_items(values: list[Any]) -> str:
    return "one of the items' values: " + ", ".join(repr(v) for v in values)


# ---- radios and checkboxes -----------------------------------------------------------------------------------


def _check_choices(items: list[Mapping[str, Any]], checked: list[Any], checked_param: str, min_choices: int) -> int:
    """The rules radios and checkboxes share; returns the number of choices (dividers not counted).

    Each choice has a value and a text; a divider item has only ``divider`` and stands between two choices; values
    are unique; every checked value is among them; there are at least ``min_choices`` choices.
    """
    values: list[Any] = []
    after_choice = False
    for index, item in enumerate(items):
        where = f"items[{index}]"
        if item["divider"] is not None:
            for key, given in item.items():
                if key != "divider" and given is not None and given is not False:
                    raise RuleViolation(f"{where}.{key}", given, "nothing: a divider item has only 'divider'")
            if not after_choice or index == len(items) - 1:
                raise RuleViolation(
                    f"{where}.divider", item["divider"],
                    "a divider only between two choices, not first, last or twice in a row",
                )
            after_choice = False
            continue
        if item["value"] is None:
            raise RuleViolation(
                f"{where}.value", None, "a string: every choice needs a value (or give 'divider' alone)"
            )
        if item["text"] is None or not str(item["text"]).strip():
            raise RuleViolation(
                f"{where}.text", item["text"], "a non-empty text: every choice needs its label text"
            )
        if item["value"] in values:
            raise RuleViolation(f"{where}.value", item["value"], "a value no other item has")
        values.append(item["value"])
        after_choice = True
    if len(values) < min_choices:
        raise RuleViolation("items", items, f"a list of at least {min_choices} choice(s) {{value, text}}")
    for value in checked:
        if value not in values:
            raise RuleViolation(checked_param, value, _one_of_items(values))
    return len(values)


@rule("radios")
def _radios(p: Mapping[str, Any]) -> None:
    items = p["items"]
    choices = _check_choices(items, [p["value"]] if p["value"] is not None else [], "value", 2)
    if p["inline"]:
        if any(item["conditional"] for item in items):
            raise RuleViolation(
                "inline", True, "False when a choice has conditional content: it cannot sit beside the choices"
            )
        if choices > 2:
            raise RuleViolation(
                "inline", True,
                "False for more than 2 choices: side by side is only for two short answers, like Yes and No",
            )


@rule("checkboxes")
def _checkboxes(p: Mapping[str, Any]) -> None:
    items = p["items"]
    choices = _check_choices(items, p["values"] or [], "values", 1)
    exclusive = None
    for index, item in enumerate(items):
        if item.get("behaviour") == "exclusive":
            if exclusive is not None:
                raise RuleViolation(
                    f"items[{index}].behaviour", item["behaviour"],
                    f"None: only one item may be exclusive ({exclusive} is already)",
                )
            exclusive = item["value"]
    if exclusive is not None and choices < 2:
        raise RuleViolation(
            "items", items, f"at least one other choice beside the exclusive one ({exclusive}), or no 'behaviour'"
        )
    if not p["legend"] and choices > 1:
        raise RuleViolation(
            "legend", p["legend"], "the question as a text or dict: only a single checkbox may go without a legend"
        )


# ---- content components: pagination, step indicator, footnotes, task list --------------------------------------


@rule("pagination")
def _pagination(p: Mapping[str, Any]) -> None:
    total, current, url = p["total"], p["current"], p["url"]
    _at_least_one("total", total)
    if not 1 <= current <= total:
        raise RuleViolation("current", current, f"a page number from 1 to total ({total})")
    if "{page}" not in url:
        raise RuleViolation("url", url, "a URL with {page} where the page number goes: '/results?page={page}'")
    try:
        policy.check_url(url.replace("{page}", "1"))
    except policy.PolicyViolation as err:
        raise RuleViolation("url", url, f"{err.allowed} (with a page number in place of {{page}})") from None


@rule("step_indicator")
def _steps(p: Mapping[str, Any]) -> None:
    steps = p["steps"]
    if len(steps) < 2:
        raise RuleViolation("steps", steps, "a list of 2 or more step names")
    seen: dict[str, int] = {}
    for index, step in enumerate(steps):
        if not isinstance(step, str) or not step.strip():
            raise RuleViolation(f"steps[{index}]", step, "a non-empty string: the step's name")
        key = " ".join(step.split()).casefold()
        if key in seen:
            raise RuleViolation(
                f"steps[{index}]", step, f"a name no other step has (steps[{seen[key]}] is {steps[seen[key]]!r})"
            )
        seen[key] = index
    if not 1 <= p["current"] <= len(steps):
        raise RuleViolation("current", p["current"], f"a step number from 1 to the number of steps ({len(steps)})")


@rule("footnotes")
def _footnotes(p: Mapping[str, Any]) -> None:
    notes, paragraphs = p["notes"], p["paragraphs"]
    if not notes:
        raise RuleViolation("notes", notes, "a non-empty list of {id, text}")
    ids: list[str] = []
    for index, note in enumerate(notes):
        if note["id"] in ids:
            raise RuleViolation(f"notes[{index}].id", note["id"], "an id no other note has")
        ids.append(note["id"])
    cited: set[str] = set()
    for index, paragraph in enumerate(paragraphs):
        if isinstance(paragraph, str):
            continue
        if isinstance(paragraph, (Mapping, bytes)) or not isinstance(paragraph, Iterable):
            raise RuleViolation(
                f"paragraphs[{index}]", paragraph, "a string, or a list of strings and {'note': id} references"
            )
        for place, run in enumerate(paragraph):
            where = f"paragraphs[{index}][{place}]"
            if isinstance(run, str):
                continue
            if not isinstance(run, Mapping) or set(run) != {"note"}:
                raise RuleViolation(where, run, "a string, or a reference {'note': id} to one of the notes")
            if not isinstance(run["note"], str) or run["note"] not in ids:
                raise RuleViolation(f"{where}.note", run["note"], "one of the notes' ids: " + ", ".join(map(repr, ids)))
            cited.add(run["note"])
    for index, note in enumerate(notes):
        if note["id"] not in cited:
            raise RuleViolation(
                f"notes[{index}].id", note["id"],
                "the id of a note the paragraphs cite ({'note': id}): a note nothing refers to cannot link back",
            )


@rule("task_list")
def _tasks(p: Mapping[str, Any]) -> None:
    sections = p["sections"]
    if not sections:
        raise RuleViolation("sections", sections, "a non-empty list of {heading, tasks}")
    for index, section in enumerate(sections):
        if not section["tasks"]:
            raise RuleViolation(f"sections[{index}].tasks", section["tasks"], "a non-empty list of {text, status}")
        for place, task in enumerate(section["tasks"]):
            if task["href"] and task["status"] == "cannot_start_yet":
                raise RuleViolation(
                    f"sections[{index}].tasks[{place}].href", task["href"],
                    "None when status is 'cannot_start_yet': a task that cannot be started is not a link",
                )


# ---- content components that enhance with scripts: on this page, notification banner, page feedback, filter ------


@rule("on_this_page")
def _contents(p: Mapping[str, Any]) -> None:
    headings = p["headings"]
    if not headings:
        raise RuleViolation("headings", headings, "a non-empty list of {text, id}: one entry per section of the page")
    seen: dict[str, int] = {}
    for index, heading in enumerate(headings):
        ident = heading["id"]
        if ident.startswith("#"):
            raise RuleViolation(f"headings[{index}].id", ident, "the heading's id without '#' (the link adds it)")
        if ident in seen:
            raise RuleViolation(
                f"headings[{index}].id", ident, f"an id no other heading has (headings[{seen[ident]}] has it)"
            )
        seen[ident] = index


@rule("notification_banner")
def _banner(p: Mapping[str, Any]) -> None:
    if p["body"] and p["caller"]:
        raise RuleViolation("body", p["body"], "None when a {% call %} block gives the content")
    if not (p["body"] or p["caller"] or p["heading"]):
        raise RuleViolation("body", p["body"], "a text, a {% call %} block, or at least a heading")
    dismiss = p["dismiss"]
    if dismiss and dismiss["action"] and dismiss["action"].lstrip()[:1] == "#":
        raise RuleViolation("dismiss.action", dismiss["action"], "the URL of a server page that records the choice")


@rule("page_feedback")
def _feedback_posts(p: Mapping[str, Any]) -> None:
    action = p["action"]
    if not action.strip() or action.lstrip()[:1] == "#":
        raise RuleViolation("action", action, "the URL of the server page that receives the feedback (a POST)")


@rule("filter")
def _filter_count(p: Mapping[str, Any]) -> None:
    shown, total = p["shown"], p["total"]
    if (shown is None) != (total is None):
        missing = "total" if total is None else "shown"
        raise RuleViolation(missing, None, "a whole number: give shown and total together, or neither")
    if total is not None:
        if total < 0:
            raise RuleViolation("total", total, "a whole number of 0 or more")
        if not 0 <= shown <= total:
            raise RuleViolation("shown", shown, f"a whole number from 0 to total ({total})")


# ---- interactive components, engineer A (issue 10): toggle, accordion ------------------------------------------

rule("toggle")(_body_or_content)
rule("toggle")(_body_needed)


@rule("accordion")
def _accordion_sections(p: Mapping[str, Any]) -> None:
    items = p["items"]
    if len(items) < 2:
        raise RuleViolation("items", items, "at least two sections (for one, use wet.details)")
    ids = [p["id"]] + [item["id"] or f"{p['id']}-{n}" for n, item in enumerate(items, 1)]
    for n, section_id in enumerate(ids[1:], 1):
        if section_id in ids[:n]:
            raise RuleViolation(f"items[{n - 1}].id", section_id,
                                "an id not used by the accordion or another of its sections")


# ---- interactive components: dialog, session timeout (issue 10) ------------------------------------------------


@rule("dialog")
def _dialog_body(p: Mapping[str, Any]) -> None:
    if p["body"] and p["caller"]:
        raise RuleViolation("body", p["body"], "None when a {% call %} block gives the content")
    if not p["body"] and not p["caller"]:
        raise RuleViolation("body", p["body"], "a text, or a {% call %} block with the dialog's content")


# ---- interactive components, engineer B (issue 10): tabs, site menu, table --------------------------------------


@rule("tabs")
def _tab_items(p: Mapping[str, Any]) -> None:
    items = p["items"]
    if len(items) < 2:
        raise RuleViolation("items", items, "at least two tabs (for one section, show it without tabs)")
    taken = {p["id"] or "", (p["id"] or "") + "-title"}
    for index, item in enumerate(items):
        ident = item["id"]
        if ident is None:
            continue
        if ident.startswith("#"):
            raise RuleViolation(f"items[{index}].id", ident, "the panel's id without '#' (the tab's link adds it)")
        if ident in taken:
            raise RuleViolation(f"items[{index}].id", ident, "an id not used by the tabs, their title or another tab")
        taken.add(ident)


@rule("site_menu")
def _menu_entries(p: Mapping[str, Any]) -> None:
    items = p["items"]
    if not items:
        raise RuleViolation("items", items, "a non-empty list of {text, href} links or {text, items} sections")
    for index, item in enumerate(items):
        if bool(item["href"]) == bool(item["items"]):
            raise RuleViolation(
                f"items[{index}]", dict(item), "either href (a link) or a non-empty items list (a section), not both"
            )


_CELL = "a text, a number, or {text, sort} (sort: the value the column sorts by)"


@rule("table")
def _table_cells(p: Mapping[str, Any]) -> None:
    columns, rows = p["columns"], p["rows"]
    if not columns:
        raise RuleViolation("columns", columns, "a non-empty list of {text, numeric, sortable}")
    if not rows:
        raise RuleViolation("rows", rows, "a non-empty list of rows: show no table when there is no data")
    for index, row in enumerate(rows):
        if isinstance(row, (str, bytes, Mapping)) or not isinstance(row, Iterable):
            raise RuleViolation(f"rows[{index}]", row, f"a list of {len(columns)} cells, one per column")
        row = list(row)
        if len(row) != len(columns):
            raise RuleViolation(f"rows[{index}]", row, f"a list of {len(columns)} cells, one per column")
        for place, cell in enumerate(row):
            where = f"rows[{index}][{place}]"
            if isinstance(cell, Mapping):
                if set(cell) - {"text", "sort"} or not isinstance(cell.get("text"), (str, int, float)):
                    raise RuleViolation(where, cell, _CELL)
                if not isinstance(cell.get("sort", ""), (str, int, float)) or isinstance(cell.get("sort"), bool):
                    raise RuleViolation(f"{where}.sort", cell.get("sort"), "a number or a string")
            elif isinstance(cell, bool) or not isinstance(cell, (str, int, float)):
                raise RuleViolation(where, cell, _CELL)


@rule("session_timeout")
def _session_times(p: Mapping[str, Any]) -> None:
    unit = p["unit"]
    factor = 60 if unit == "minutes" else 1
    session, warning = p["session"], p["warning"]
    if not 1 <= session * factor <= 86_400:
        raise RuleViolation("session", session, f"a whole number of {unit} from 1 to {86_400 // factor} (24 hours)")
    if warning * factor < 20:
        least = "20 seconds" if factor == 1 else "1 minute"
        raise RuleViolation("warning", warning, f"at least {least}: WCAG 2.2.1 gives the user at least 20 seconds")
    if warning >= session:
        raise RuleViolation(
            "warning", warning, f"fewer {unit} than session ({session}): the warning comes before the end"
        )
    for name in ("keepalive_url", "signout_url", "timeout_url"):
        url = p[name]
        scheme = url.split(":", 1)[0].strip().lower() if url is not None and ":" in url.split("/", 1)[0] else ""
        if url is not None and (not url.strip() or url.lstrip()[:1] == "#" or scheme in ("mailto", "tel")):
            raise RuleViolation(name, url, "the URL of a server page: relative, http or https; not empty, not a "
                                "#fragment of this page, not mailto: or tel:")
    message = (p["texts"] or {}).get("message")
    if message is not None and "%{time}" not in message:
        raise RuleViolation("texts.message", message, "a text with %{time} where the time left goes")
