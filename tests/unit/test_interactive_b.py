"""Tabs, site menu and table: the markup that works without JavaScript (what the scripts start from), the strings
handed to the table's script, and the mistakes refused with an error naming component, parameter, value and what
is allowed. The scripts are tested in tests/browser/test_interactive_b.py."""

from __future__ import annotations

from html.parser import HTMLParser

import jinja2
import pytest
from markup import refused
from markupsafe import Markup

import wetkit


class Parsed(HTMLParser):
    """Start tags in order as (tag, attrs) and the text of the fragment."""

    def __init__(self, html):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text = ""
        self.feed(str(html))

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data

    def all(self, tag, **wanted):
        return [a for t, a in self.tags if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in wanted.items())]


@pytest.fixture
def marked_wet(marking):
    """``wet`` whose every built-in string comes out as ``[msgid]``: proves the string went through gettext (the
    session's ``marked`` catalogue holds only the msgids merged into wetkit.pot so far)."""
    env = wetkit.environment(undefined=jinja2.StrictUndefined)
    env.install_gettext_translations(marking, newstyle=True)
    return env.globals["wet"]


# ---- tabs ---------------------------------------------------------------------------------------------------------

ITEMS = [{"label": "Eligibility", "panel": Markup("<p>Who <b>can</b> apply</p>")}, {"label": "Apply", "panel": "<x>"}]


def test_tabs_without_js_are_a_headed_contents_list_linking_to_headed_sections(wet):
    html = wet.tabs(title="EI benefits", items=ITEMS, heading_level=3)
    page = Parsed(html)
    box = page.all("div")[0]
    assert box["id"] == "ei-benefits" and box["data-wetkit-module"] == "tabs"
    assert box["data-activation"] == "automatic"
    assert page.all("h3", id="ei-benefits-title")
    assert [a["href"] for a in page.all("a")] == ["#ei-benefits-1", "#ei-benefits-2"]
    assert [a["id"] for a in page.all("a")] == ["ei-benefits-1-tab", "ei-benefits-2-tab"]
    sections = page.all("section")
    assert [s["aria-labelledby"] for s in sections] == ["ei-benefits-1-heading", "ei-benefits-2-heading"]
    assert [h["id"] for h in page.all("h4")] == ["ei-benefits-1-heading", "ei-benefits-2-heading"]
    assert "<b>can</b>" in html and "&lt;x&gt;" in html, "Markup kept, a string escaped"
    assert not any("role" in attrs or "hidden" in attrs for _, attrs in page.tags), "roles and hiding are the script's"


def test_tabs_own_ids_and_manual_activation(wet):
    items = [{"id": "adult", "label": "Adults", "panel": "x"}, {"label": "Children", "panel": "y"}]
    page = Parsed(wet.tabs(title="Fees", id="fees", manual=True, items=items))
    assert page.all("div")[0]["data-activation"] == "manual"
    assert [a["href"] for a in page.all("a")] == ["#adult", "#fees-2"]


@pytest.mark.parametrize("params, words", [
    ({"items": ITEMS[:1]}, ["wet.tabs", "items", "at least two tabs"]),
    ({"items": [{"id": "#a", "label": "A", "panel": "x"}, ITEMS[1]]}, ["items[0].id", "'#a'", "without '#'"]),
    ({"items": [{"id": "a", "label": "A", "panel": "x"}, {"id": "a", "label": "B", "panel": "y"}]},
     ["items[1].id", "'a'", "not used by"]),
    ({"id": "t", "items": [{"id": "t-title", "label": "A", "panel": "x"}, ITEMS[1]]}, ["items[0].id", "t-title"]),
    ({"items": [{"label": "A"}, ITEMS[1]]}, ["wet.tabs", "panel"]),
    ({"items": ITEMS, "heading_level": 6}, ["heading_level", "6"]),
])
def test_tabs_refuse_bad_input(wet, params, words):
    refused(lambda: wet.tabs(title="T", **params), *words)


# ---- site menu ----------------------------------------------------------------------------------------------------

MENU = [{"text": "Home", "href": "/"}, {"text": "Benefits", "items": [
    {"text": "EI", "href": "/ei", "current": True}, {"text": "CPP", "href": "/cpp"}]}]


def test_site_menu_without_js_is_a_named_nav_of_nested_lists(wet, marked_wet):
    page = Parsed(wet.site_menu(items=MENU))
    nav = page.all("nav")[0]
    assert nav["aria-label"] == "Site menu" and nav["data-wetkit-module"] == "site_menu" and nav["id"] == "site-menu"
    assert len(page.all("ul")) == 2 and page.all("ul", id="site-menu-2")
    assert [a["href"] for a in page.all("a")] == ["/", "/ei", "/cpp"]
    assert page.all("a", href="/ei")[0]["aria-current"] == "page"
    assert "aria-current" not in page.all("a", href="/cpp")[0]
    assert not page.all("button") and "Benefits" in page.text, "the script makes the buttons"
    assert Parsed(marked_wet.site_menu(items=MENU)).all("nav")[0]["aria-label"] == "[Site menu]"
    assert Parsed(wet.site_menu(items=MENU, label="Services", id="svc")).all("nav", id="svc")[0]["aria-label"] == (
        "Services")


@pytest.mark.parametrize("items, words", [
    ([], ["wet.site_menu", "items", "non-empty"]),
    ([{"text": "A"}], ["items[0]", "either href"]),
    ([{"text": "A", "href": "/a", "items": [{"text": "B", "href": "/b"}]}], ["items[0]", "not both"]),
    ([{"text": "A", "href": "javascript:alert(1)"}], ["[0].href", "javascript"]),
    ([{"text": "A", "items": [{"text": "B"}]}], ["[0].items[0].href", "required"]),
])
def test_site_menu_refuses_bad_input(wet, items, words):
    refused(lambda: wet.site_menu(items=items), *words)


# ---- table --------------------------------------------------------------------------------------------------------

COLUMNS = [{"text": "Province", "sortable": True}, {"text": "Population", "numeric": True, "sortable": True}]


def test_table_has_its_caption_scoped_headers_and_a_named_focusable_wrapper(wet):
    page = Parsed(wet.table(caption="Population", columns=[{"text": "Province"}, {"text": "People", "numeric": True}],
                            rows=[["Ontario", 14223942], ["Yukon", "40,232"]]))
    wrap = page.all("div")[0]
    assert (wrap["role"], wrap["tabindex"], wrap["aria-labelledby"]) == ("region", "0", "population-caption")
    assert wrap["data-wetkit-module"] == "table"
    assert page.all("caption", id="population-caption") and page.all("table", id="population")
    assert [th.get("scope") for th in page.all("th")] == ["col", "col", "row", "row"]
    assert [td.get("class") for td in page.all("td")] == ["wet-table__num"] * 2
    assert page.all("th", scope="col")[1]["class"] == "wet-table__num"
    assert page.all("td")[0]["data-sort"] == "14223942" and "data-sort" not in page.all("td")[1]
    assert not page.all("p"), "no live region without a sortable column"
    assert "data-sort-type" not in page.all("th")[1] and "data-text-ascending" not in wrap


def test_table_sortable_columns_hand_their_type_and_messages_to_the_script(wet, marked_wet):
    html = wet.table(caption="Pop", columns=COLUMNS, row_headers=False,
                     rows=[["Ontario", {"text": "14 223 942", "sort": 14223942}]])
    page = Parsed(html)
    assert [th["data-sort-type"] for th in page.all("th")] == ["text", "number"]
    assert [td.get("data-sort") for td in page.all("td")] == [None, "14223942"]
    wrap = page.all("div")[0]
    assert wrap["data-text-ascending"] == "Sorted by %{column}, ascending"
    assert wrap["data-text-descending"] == "Sorted by %{column}, descending"
    live = page.all("p", id="pop-status")[0]
    assert live["aria-live"] == "polite" and live["class"] == "wet-visually-hidden"
    assert not page.all("button"), "the script makes the sort buttons"
    marked_wrap = Parsed(marked_wet.table(caption="Pop", columns=COLUMNS, rows=[["a", 1]])).all("div")[0]
    assert marked_wrap["data-text-ascending"] == "[Sorted by %{column}, ascending]"
    own = Parsed(wet.table(caption="Pop", columns=COLUMNS, rows=[["a", 1]],
                           texts={"ascending": "Up: %{column}", "descending": "Down: %{column}"})).all("div")[0]
    assert (own["data-text-ascending"], own["data-text-descending"]) == ("Up: %{column}", "Down: %{column}")


def test_table_cells_are_escaped_unless_markup(wet):
    html = str(wet.table(caption="C", columns=[{"text": "A"}, {"text": "B"}],
                         rows=[["<i>x</i>", Markup("<a href='/y'>y</a>")]]))
    assert "&lt;i&gt;x&lt;/i&gt;" in html and "<a href='/y'>y</a>" in html


@pytest.mark.parametrize("params, words", [
    ({"columns": []}, ["wet.table", "columns", "non-empty"]),
    ({"rows": []}, ["rows", "no table when there is no data"]),
    ({"rows": [["a"]]}, ["rows[0]", "['a']", "2 cells"]),
    ({"rows": ["ab"]}, ["rows[0]", "'ab'", "2 cells"]),
    ({"rows": [["a", None]]}, ["rows[0][1]", "None", "a text, a number"]),
    ({"rows": [["a", True]]}, ["rows[0][1]", "True"]),
    ({"rows": [["a", {"txt": "1"}]]}, ["rows[0][1]", "{text, sort}"]),
    ({"rows": [["a", {"text": "1", "sort": [1]}]]}, ["rows[0][1].sort", "a number or a string"]),
    ({"columns": [{"text": "A", "numeric": "yes"}, {"text": "B"}]}, ["[0].numeric", "'yes'", "True or False"]),
    ({"caption": ""}, ["wet.table", "caption"]),
])
def test_table_refuses_bad_input(wet, params, words):
    given = {"caption": "C", "columns": [{"text": "A"}, {"text": "B"}], "rows": [["a", "b"]], **params}
    refused(lambda: wet.table(**given), *words)
