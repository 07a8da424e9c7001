"""The demo site's search (docs-search.js over <lang>/search-index.json) in Chromium, as a keyboard and screen
reader user meets it: the header's box leads to the search page, words typed list matching pages as links, the
count is written to the role=status region in the page's language, Enter searches in place, and the page with
results passes the audit."""

from __future__ import annotations

import pytest

from wetkit.i18n import translations

pytestmark = pytest.mark.browser


def _wait(driver, condition, timeout: float = 10):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def _status(driver) -> str:
    """The status line's text as written (WebDriver's visible text would turn no-break spaces into spaces)."""
    status = driver.find_element("css selector", ".wet-docs-search [role=status]")
    return driver.execute_script("return arguments[0].textContent.trim();", status)


def _results(driver) -> list[tuple[str, str]]:
    links = driver.find_elements("css selector", ".wet-docs-search__results a")
    return [(a.text, a.get_attribute("href")) for a in links]


def _expected_count(lang: str, count: int, query: str) -> str:
    """The status line as the page's catalogue words it (the same message the template gives the script)."""
    words = translations(lang).ngettext("%(num)s page matches “%(query)s”", "%(num)s pages match “%(query)s”", count)
    return words % {"num": count, "query": query}


def test_header_search_leads_to_results(driver, site_url):
    from selenium.webdriver.common.keys import Keys

    driver.get(site_url + "en/components/button/")
    box = driver.find_element("id", "site-header-search")
    box.send_keys("date input", Keys.ENTER)
    _wait(driver, lambda d: d.current_url.split("?")[0].endswith("/en/search/") and _status(d))
    assert driver.find_element("id", "docs-search-q").get_attribute("value") == "date input"
    results = _results(driver)
    assert results[0] == ("Date input", site_url + "en/components/date_input/")
    assert _status(driver) == _expected_count("en", len(results), "date input")


def test_typing_searches_and_the_keyboard_reaches_each_result(driver, site_url):
    from selenium.webdriver.common.keys import Keys

    driver.get(site_url + "en/search/")
    field = _wait(driver, lambda d: d.find_element("id", "docs-search-q").is_displayed()
                  and d.find_element("id", "docs-search-q"))
    assert not driver.find_element("css selector", "[data-no-script]").is_displayed()
    field.send_keys("error")
    _wait(driver, lambda d: _status(d))
    results = _results(driver)
    titles = [title for title, _ in results]
    assert {"Error message", "Error summary"} <= set(titles[:2])  # a title match ranks first
    assert (  # a guide whose headings hold the word is found too
        "Forms", site_url + "en/docs/forms/") in results
    assert _status(driver) == _expected_count("en", len(results), "error")
    assert driver.find_element("css selector", ".wet-docs-search [role=status]").get_attribute("role") == "status"

    field.send_keys(Keys.TAB)  # the Search button, then the first result
    driver.switch_to.active_element.send_keys(Keys.TAB)
    assert driver.switch_to.active_element.text == titles[0]
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    _wait(driver, lambda d: "/en/components/" in d.current_url or "/en/docs/" in d.current_url)


def test_enter_searches_in_place_and_nothing_found_is_said(driver, site_url):
    from selenium.webdriver.common.keys import Keys

    driver.get(site_url + "en/search/?q=button")
    _wait(driver, lambda d: _status(d))
    field = driver.find_element("id", "docs-search-q")
    field.clear()
    field.send_keys("zebrafish", Keys.ENTER)
    _wait(driver, lambda d: "zebrafish" in _status(d))
    assert driver.current_url.endswith("/en/search/?q=button")  # no reload
    assert _results(driver) == []
    assert _status(driver) == translations("en").gettext("No page matches “%(query)s”.") % {"query": "zebrafish"}


def test_french_page_speaks_french_and_finds_accented_words(driver, site_url):
    driver.get(site_url + "fr/search/?q=Date")
    _wait(driver, lambda d: _status(d))
    results = _results(driver)
    assert ("Date input", site_url + "fr/components/date_input/") in results
    assert _status(driver) == _expected_count("fr", len(results), "Date")
    link = driver.find_element("css selector", ".wet-docs-search__results a")
    assert link.get_attribute("lang") == "en"  # the titles and summaries are English on a French page


def test_search_page_with_results_passes_the_audit(driver, auditor, site_url):
    driver.get(site_url + "en/search/?q=table")
    _wait(driver, lambda d: _status(d))
    result = auditor.audit_current(label="search results")
    assert result.ok, result.report("en/search/?q=table")
