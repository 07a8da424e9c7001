"""Tabs, site menu and table in Chromium: every key of their WAI-ARIA patterns (tabs: Left/Right wrapping and
mirrored in right-to-left pages, Home, End, Enter/Space for manual activation; disclosure navigation: Enter, Space,
Escape, Tab out, click outside; sort buttons: Enter, Space), the aria state and focus after each key, the URL hash,
the table's scroll-region tab stop as the width changes, an audit of each state reached, and the same examples
with scripts disabled (for one page load, through the DevTools protocol on the suite's one browser)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

STATE = """var e = arguments[0]; return {expanded: e.getAttribute('aria-expanded'),
 selected: e.getAttribute('aria-selected'), sort: e.getAttribute('aria-sort'), tabindex: e.getAttribute('tabindex'),
 role: e.getAttribute('role'),
 shown: !e.hidden && e.getClientRects().length > 0};"""


class Page:
    """One demo page in the shared browser, with the few moves these tests make."""

    def __init__(self, driver, url: str, width: int = 1280, scripts: bool = True):
        from selenium.webdriver.support.ui import WebDriverWait

        from wetkit.audit.browser import set_viewport

        self.driver = driver
        set_viewport(driver, width)
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": not scripts})
        try:
            driver.get(url)
            WebDriverWait(driver, 5).until(lambda d: d.execute_script("return document.readyState === 'complete'"))
        finally:
            driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
        enhanced = driver.execute_script("return document.documentElement.classList.contains('wet-js')")
        assert enhanced == scripts

    def all(self, selector):
        from selenium.webdriver.common.by import By

        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def one(self, selector):
        found = self.all(selector)
        assert len(found) == 1, f"{len(found)} × {selector}"
        return found[0]

    def state(self, element) -> dict:
        return self.driver.execute_script(STATE, element)

    def keys(self, *keys):
        from selenium.webdriver.common.action_chains import ActionChains

        for key in keys:
            ActionChains(self.driver).send_keys(key).perform()

    def back_tab(self):
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        ActionChains(self.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()

    @property
    def focused(self):
        return self.driver.execute_script("return document.activeElement")

    def tab_until(self, element, presses: int = 60):
        from selenium.webdriver.common.keys import Keys

        self.driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
        for _ in range(presses):
            self.keys(Keys.TAB)
            if self.focused == element:
                return
        raise AssertionError("Tab never reached the element")


def _url(site_url, component, example=None, lang="en"):
    return f"{site_url}{lang}/components/{component}/" + (f"{example}/" if example else "")


def _audited(auditor, label, focus_walk=True):
    result = auditor.audit_current(label=label, focus_walk=focus_walk)
    assert result.ok, result.report(label)


# ---- tabs ---------------------------------------------------------------------------------------------------------


def _tabs(page):
    tabs = page.all("[role=tab]")
    panels = [page.driver.find_element("id", tab.get_attribute("aria-controls")) for tab in tabs]
    return tabs, panels


def _selected(page, tabs, panels) -> int:
    """The one selected tab's index, after checking the roving tabindex and that only its panel is shown."""
    states = [page.state(tab) for tab in tabs]
    chosen = [i for i, state in enumerate(states) if state["selected"] == "true"]
    assert len(chosen) == 1, states
    index = chosen[0]
    assert all(s["selected"] == "false" for i, s in enumerate(states) if i != index)
    assert [s["tabindex"] for s in states] == ["0" if i == index else "-1" for i in range(len(tabs))]
    assert [page.state(panel)["shown"] for panel in panels] == [i == index for i in range(len(panels))]
    return index


def test_tabs_arrows_wrap_home_end_select_and_the_hash_follows(auditor, driver, site_url):
    from selenium.webdriver.common.keys import Keys

    page = Page(driver, _url(site_url, "tabs", "default"))
    tablist = page.one("[role=tablist]")
    assert tablist.get_attribute("aria-labelledby") == "ei-title"
    tabs, panels = _tabs(page)
    assert [p.get_attribute("id") for p in panels] == ["ei-1", "ei-2", "ei-3"]
    assert all(p.get_attribute("role") == "tabpanel" for p in panels)
    assert [p.get_attribute("aria-labelledby") for p in panels] == [t.get_attribute("id") for t in tabs]
    assert _selected(page, tabs, panels) == 0
    page.tab_until(tabs[0])
    for key, expected in [(Keys.ARROW_RIGHT, 1), (Keys.ARROW_RIGHT, 2), (Keys.ARROW_RIGHT, 0), (Keys.ARROW_LEFT, 2),
                          (Keys.HOME, 0), (Keys.END, 2), (Keys.ARROW_LEFT, 1)]:
        page.keys(key)
        assert page.focused == tabs[expected], key
        assert _selected(page, tabs, panels) == expected, key
        assert driver.execute_script("return location.hash") == f"#ei-{expected + 1}"
    page.keys(Keys.TAB)
    assert page.focused == panels[1], "one tab stop for the tabs, then the panel"
    page.back_tab()
    assert page.focused == tabs[1], "Shift+Tab returns to the selected tab"
    tabs[2].click()
    assert _selected(page, tabs, panels) == 2 and page.focused == tabs[2]
    _audited(auditor, "tabs default, third tab selected")


def test_tabs_manual_activation_moves_focus_only_until_enter_or_space(driver, site_url):
    from selenium.webdriver.common.keys import Keys

    page = Page(driver, _url(site_url, "tabs", "manual"))
    tabs, panels = _tabs(page)
    page.tab_until(tabs[0])
    page.keys(Keys.ARROW_RIGHT)
    assert page.focused == tabs[1] and _selected(page, tabs, panels) == 0, "focus moves, the panel stays"
    page.keys(Keys.ENTER)
    assert page.focused == tabs[1] and _selected(page, tabs, panels) == 1
    assert driver.execute_script("return location.hash") == "#fees-2"
    page.keys(Keys.ARROW_RIGHT)
    assert page.focused == tabs[0] and _selected(page, tabs, panels) == 1, "wraps to the first tab"
    page.keys(Keys.SPACE)
    assert _selected(page, tabs, panels) == 0
    assert driver.execute_script("return window.scrollY") == 0, "Space selects; it does not scroll the page"
    page.keys(Keys.END)
    assert page.focused == tabs[1] and _selected(page, tabs, panels) == 0


def test_tabs_arrows_are_mirrored_right_to_left(driver, site_url):
    from selenium.webdriver.common.keys import Keys

    page = Page(driver, _url(site_url, "tabs", "default"))
    driver.execute_script("document.documentElement.dir = 'rtl'")
    tabs, panels = _tabs(page)
    page.tab_until(tabs[0])
    page.keys(Keys.ARROW_LEFT)
    assert page.focused == tabs[1] and _selected(page, tabs, panels) == 1, "Left goes to the next tab in RTL"
    page.keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
    assert page.focused == tabs[2] and _selected(page, tabs, panels) == 2, "Right goes back, wrapping"


def test_tabs_a_hash_selects_its_tab_on_load_and_when_it_changes(driver, site_url):
    page = Page(driver, _url(site_url, "tabs", "default") + "#ei-3")
    tabs, panels = _tabs(page)
    assert _selected(page, tabs, panels) == 2
    page.one("#ei-3 a[href='#ei-1']").click()
    assert _selected(page, tabs, panels) == 0, "a link to another panel selects its tab"


def test_tabs_starting_twice_changes_nothing(driver, site_url):
    from selenium.webdriver.common.keys import Keys

    page = Page(driver, _url(site_url, "tabs", "default"))
    driver.execute_script("wetkit.initAll(document); wetkit.initAll(document.querySelector('.wet-tabs'))")
    tabs, panels = _tabs(page)
    page.tab_until(tabs[0])
    page.keys(Keys.ARROW_RIGHT)
    assert _selected(page, tabs, panels) == 1, "one key listener: one step per press"


@pytest.mark.parametrize("example, ids", [("default", ["ei-1", "ei-2", "ei-3"]), ("manual", ["fees-1", "fees-2"])])
def test_tabs_without_javascript_are_a_contents_list_and_headed_sections(driver, site_url, example, ids):
    page = Page(driver, _url(site_url, "tabs", example), scripts=False)
    assert not page.all("[role=tab]") and not page.all("[role=tablist]")
    links = page.all(".wet-tabs__list a")
    assert [link.get_attribute("hash") for link in links] == [f"#{i}" for i in ids]
    for ident, link in zip(ids, links, strict=True):
        section = page.one(f"section#{ident}")
        assert page.state(section)["shown"] and page.state(link)["shown"]
        assert section.find_element("css selector", ".wet-tabs__heading").text == link.text
    assert page.state(page.one(".wet-tabs__title"))["shown"], "the contents list keeps its heading"


# ---- site menu ----------------------------------------------------------------------------------------------------


def test_site_menu_disclosure_keys_escape_and_one_section_at_a_time(auditor, driver, site_url):
    from selenium.webdriver.common.keys import Keys

    page = Page(driver, _url(site_url, "site_menu", "default"))
    buttons = page.all(".wet-site-menu__toggle")
    assert [b.text for b in buttons] == ["Jobs", "Benefits", "Taxes"]
    lists = [page.driver.find_element("id", b.get_attribute("aria-controls")) for b in buttons]
    assert [page.state(b)["expanded"] for b in buttons] == ["false"] * 3
    assert not any(page.state(sub)["shown"] for sub in lists)
    assert not page.all(".wet-site-menu__label"), "the labels became the buttons"
    page.tab_until(buttons[0])
    page.keys(Keys.ENTER)
    assert page.state(buttons[0])["expanded"] == "true" and page.state(lists[0])["shown"]
    page.keys(Keys.TAB)
    assert page.focused == lists[0].find_element("css selector", "a"), "Tab goes into the open section"
    page.keys(Keys.ESCAPE)
    assert page.state(buttons[0])["expanded"] == "false" and not page.state(lists[0])["shown"]
    assert page.focused == buttons[0], "Escape returns focus to the section's button"
    page.keys(Keys.SPACE)
    assert page.state(buttons[0])["expanded"] == "true"
    page.keys(Keys.SPACE)
    assert page.state(buttons[0])["expanded"] == "false", "Space closes it again"
    page.keys(Keys.ENTER)
    page.keys(*[Keys.TAB] * 4)
    assert page.focused == buttons[1], "the open section's three links, then the next button"
    page.keys(Keys.ENTER)
    assert [page.state(b)["expanded"] for b in buttons] == ["false", "true", "false"], "opening one closes the others"
    assert [page.state(sub)["shown"] for sub in lists] == [False, True, False]
    current = page.one(".wet-site-menu [aria-current=page]")  # the theme switcher marks its current theme too
    assert current.text == "Employment Insurance" and page.state(current)["shown"]
    _audited(auditor, "site menu, Benefits open", focus_walk=False)


def test_site_menu_closes_on_a_click_outside_and_when_focus_leaves(driver, site_url):
    from selenium.webdriver.common.keys import Keys

    page = Page(driver, _url(site_url, "site_menu", "default"))
    buttons = page.all(".wet-site-menu__toggle")
    buttons[2].click()
    assert page.state(buttons[2])["expanded"] == "true"
    page.one("h1").click()
    assert page.state(buttons[2])["expanded"] == "false", "a click outside closes"
    buttons[2].click()
    assert page.focused == buttons[2] and page.state(buttons[2])["expanded"] == "true"
    page.keys(Keys.TAB, Keys.TAB, Keys.TAB)
    nav = page.one("nav.wet-site-menu")
    assert not driver.execute_script("return arguments[0].contains(document.activeElement)", nav)
    assert page.state(buttons[2])["expanded"] == "false", "Tab past the last link closes the section"
    buttons[0].click()
    driver.execute_script("arguments[0].addEventListener('click', function (e) { e.preventDefault(); });"
                          "arguments[0].click()", page.all("#site-menu-2 a")[0])
    assert page.state(buttons[0])["expanded"] == "true", "a click inside the menu keeps it open"


def test_site_menu_at_320_px_stacks_the_open_section_in_the_flow(auditor, driver, site_url):
    page = Page(driver, _url(site_url, "site_menu", "default"), width=320)
    button = page.all(".wet-site-menu__toggle")[1]
    button.click()
    sub = driver.find_element("id", button.get_attribute("aria-controls"))
    box = driver.execute_script("var r = arguments[0].getBoundingClientRect(),"
                                " b = arguments[1].getBoundingClientRect();"
                                "return [r.left, r.right, r.top, b.bottom, getComputedStyle(arguments[0]).position]",
                                sub, button)
    assert box[0] >= 0 and box[1] <= 320 and box[2] >= box[3] - 1 and box[4] == "static", box
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 320
    _audited(auditor, "site menu at 320 px, Benefits open", focus_walk=False)


def test_site_menu_starting_twice_changes_nothing(driver, site_url):
    page = Page(driver, _url(site_url, "site_menu", "default"))
    driver.execute_script("wetkit.initAll(document); wetkit.initAll(document.querySelector('.wet-site-menu'))")
    buttons = page.all(".wet-site-menu__toggle")
    assert len(buttons) == 3
    buttons[0].click()
    assert page.state(buttons[0])["expanded"] == "true", "one click listener: one toggle per click"


@pytest.mark.parametrize("example, links", [("default", 9), ("own-label", 3)])
def test_site_menu_without_javascript_shows_every_link_in_nested_lists(driver, site_url, example, links):
    page = Page(driver, _url(site_url, "site_menu", example), width=320, scripts=False)
    assert not page.all("nav button")
    shown = [a for a in page.all("nav.wet-site-menu a") if page.state(a)["shown"]]
    assert len(shown) == links
    assert all(page.state(label)["shown"] for label in page.all(".wet-site-menu__label"))
    assert len(page.all("nav.wet-site-menu ul ul a")) == links - 1


# ---- table --------------------------------------------------------------------------------------------------------


def _wrapper_state(page):
    return page.state(page.one(".wet-table-wrap"))


def test_table_scroll_region_takes_a_tab_stop_only_while_it_overflows(driver, site_url):
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    from wetkit.audit.browser import set_viewport

    page = Page(driver, _url(site_url, "table", "wide"))
    wrap = page.one(".wet-table-wrap")
    assert page.state(wrap)["tabindex"] is None and page.state(wrap)["role"] is None
    assert wrap.get_attribute("aria-labelledby") is None, "no name on a plain div"
    set_viewport(driver, 320)
    page.driver.execute_script("return new Promise(function (done) { requestAnimationFrame(function () {"
                               " requestAnimationFrame(done); }); })")
    assert page.state(wrap)["tabindex"] == "0" and page.state(wrap)["role"] == "region"
    assert wrap.get_attribute("aria-labelledby") == "office-hours-by-day-caption"
    page.tab_until(wrap)

    page.keys(Keys.ARROW_RIGHT)
    WebDriverWait(driver, 3).until(lambda d: d.execute_script("return arguments[0].scrollLeft", wrap) > 0,
                                   "the arrow keys scroll it")
    set_viewport(driver, 1280)
    page.driver.execute_script("return new Promise(function (done) { requestAnimationFrame(function () {"
                               " requestAnimationFrame(done); }); })")
    assert page.state(wrap)["tabindex"] is None, "wide again: the tab stop goes"


@pytest.mark.parametrize("width", [320, 1280])
def test_table_that_fits_and_the_docs_parameter_table_make_no_tab_stop(driver, site_url, width):
    page = Page(driver, _url(site_url, "table", "default"), width=width)
    assert _wrapper_state(page)["tabindex"] is None
    page = Page(driver, _url(site_url, "filter"), width=width)
    tables = page.all(".wet-table-wrap")  # parameters, keys, conformance: each fits, so none is a tab stop
    assert tables and all(t.get_attribute("data-wetkit-module") == "table" for t in tables)
    assert [page.state(t)["tabindex"] for t in tables] == [None] * len(tables), "no useless tab stop"


def _column(page, index):
    return [row.find_elements("css selector", "th, td")[index].text for row in page.all("tbody tr")]


def test_table_sort_buttons_sort_mark_aria_sort_and_announce(auditor, driver, site_url):
    from selenium.webdriver.common.keys import Keys

    page = Page(driver, _url(site_url, "table", "sortable"))
    heads = page.all("thead th")
    buttons = page.all("thead th > button.wet-table__sort")
    assert [b.text for b in buttons] == ["Name", "Capital", "Population", "Area (km²)"]
    assert [page.state(h)["sort"] for h in heads] == [None] * 4
    live = page.one("#provinces-and-territories-status")
    assert live.get_attribute("aria-live") == "polite" and live.text == ""
    names = ["Ontario", "Quebec", "Nova Scotia", "Yukon", "Manitoba"]
    assert _column(page, 0) == names
    page.tab_until(buttons[2])
    page.keys(Keys.ENTER)
    assert _column(page, 0) == ["Yukon", "Nova Scotia", "Manitoba", "Quebec", "Ontario"], "numeric, not text"
    assert [page.state(h)["sort"] for h in heads] == [None, None, "ascending", None]
    assert driver.execute_script("return arguments[0].textContent", live) == "Sorted by Population, ascending"
    assert page.focused == buttons[2], "focus stays on the button"
    page.keys(Keys.SPACE)
    assert _column(page, 0) == ["Ontario", "Quebec", "Manitoba", "Nova Scotia", "Yukon"]
    assert [page.state(h)["sort"] for h in heads] == [None, None, "descending", None]
    assert driver.execute_script("return arguments[0].textContent", live) == "Sorted by Population, descending"
    buttons[1].click()
    assert _column(page, 1) == ["Halifax", "Quebec City", "Toronto", "Whitehorse", "Winnipeg"]
    assert [page.state(h)["sort"] for h in heads] == [None, "ascending", None, None], "one sorted header at a time"
    page.back_tab()
    assert page.focused == buttons[0]
    _audited(auditor, "table sortable, sorted by Capital")


def test_table_sorts_french_numbers_by_their_sort_value(driver, site_url):
    page = Page(driver, _url(site_url, "table", "sortable", lang="fr"))
    page.all("thead button")[3].click()
    assert _column(page, 3) == ["55 284", "482 443", "647 797", "1 076 395", "1 542 056"]
    status = driver.execute_script("return arguments[0].textContent", page.one("[aria-live=polite]"))
    assert "Superficie (km²)" in status


def test_table_starting_twice_changes_nothing(driver, site_url):
    page = Page(driver, _url(site_url, "table", "sortable"))
    driver.execute_script("wetkit.initAll(document); wetkit.initAll(document.querySelector('.wet-table-wrap'))")
    assert len(page.all("thead button")) == 4 and not page.all("button button")
    page.all("thead button")[0].click()
    assert page.state(page.all("thead th")[0])["sort"] == "ascending", "one click listener: one sort per click"


@pytest.mark.parametrize("example, rows", [("default", 3), ("sortable", 5), ("wide", 2)])
def test_table_without_javascript_keeps_its_rows_and_a_scrollable_region(driver, site_url, example, rows):
    page = Page(driver, _url(site_url, "table", example), width=320, scripts=False)
    wrap = page.one(".wet-table-wrap")
    assert page.state(wrap)["tabindex"] == "0" and page.state(wrap)["role"] == "region"
    assert driver.find_element("id", wrap.get_attribute("aria-labelledby")).tag_name == "caption"
    assert not page.all("thead button"), "no sort button that cannot work"
    assert len(page.all("tbody tr")) == rows


# ---- incomplete markup --------------------------------------------------------------------------------------------

BROKEN = """
<div class="wet-tabs" id="bt" data-wetkit-module="tabs"><ul class="wet-tabs__list">
<li><a class="wet-tabs__tab" href="#bt-1">One</a></li><li><a class="wet-tabs__tab" href="#missing">Two</a></li></ul>
<section id="bt-1">one</section></div>
<nav class="wet-site-menu" data-wetkit-module="site_menu"><ul><li><span class="wet-site-menu__label">Lost</span></li>
</ul></nav>
<div class="wet-table-wrap" tabindex="0" data-wetkit-module="table"><table><tr><td>1</td></tr></table></div>
"""


def test_incomplete_markup_gets_a_warning_and_is_left_as_it_was(driver, site_url):
    page = Page(driver, _url(site_url, "table", "default"))
    driver.get_log("browser")  # empty the log
    driver.execute_script("var box = document.createElement('div'); box.id = 'broken'; box.innerHTML = arguments[0];"
                          "document.querySelector('main').appendChild(box); wetkit.initAll(box)", BROKEN)
    logged = driver.get_log("browser")
    assert not [e for e in logged if e["level"] == "SEVERE"], logged
    warnings = " ".join(e["message"] for e in logged if e["level"] == "WARNING")
    for words in ("tabs: a tab without its panel", "site_menu: a section without its list", "table: no table"):
        assert words in warnings, warnings
    assert not page.all("#broken [role=tab]") and not page.all("#broken [hidden]"), "nothing half-enhanced"
    assert page.all("#broken .wet-site-menu__label") and page.one("#broken .wet-table-wrap").get_attribute("tabindex")
