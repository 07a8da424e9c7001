"""The error summary's script, in Chromium: what a keyboard or screen reader user notices after a failed submission.

The summary takes focus when the page loads (so it is read first), unless told not to, and the role=alert element
inside it holds the title and every error (not the focused box itself: JAWS would read only the title). Each of its
links moves focus to the field it names and scrolls so that the field's label, or its group's legend, is visible
above it (a plain "#id" jump would put the field at the very top and hide the question). The URL keeps no fragment,
as no jump happened. The states reached are audited like the demo pages.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

HEIGHT = 500  # a short window, so every link has to scroll


@pytest.fixture
def short_window(driver):
    from wetkit.audit.browser import set_viewport

    set_viewport(driver, 1280, HEIGHT)
    yield driver
    set_viewport(driver, 1280)


def _open(driver, site_url, example):
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"{site_url}en/components/error_summary/{example}/")
    WebDriverWait(driver, 5).until(lambda d: d.execute_script(
        "return document.documentElement.classList.contains('wet-js') && document.readyState === 'complete'"))


def _summary(driver):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, "[data-wetkit-module=error-summary]")


def _links(driver):
    from selenium.webdriver.common.by import By

    return _summary(driver).find_elements(By.CSS_SELECTOR, "a")


def _box(driver, element) -> dict:
    return driver.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return {top: r.top, bottom: r.bottom, view: innerHeight};",
        element)


def _caption(driver, field):
    """What names the field on screen: its group's legend (radios, date boxes) or its label."""
    return driver.execute_script(
        """
        var field = arguments[0], set = field.closest('fieldset');
        if (set && (field.type === 'radio' || field.id.slice(-4) === '-day')) return set.querySelector('legend');
        return document.querySelector('label[for="' + field.id + '"]');
        """,
        field)


def _assert_lands_on(driver, link):
    target = link.get_attribute("href").split("#", 1)[1]
    active = driver.switch_to.active_element
    assert active.get_attribute("id") == target, f"focus is on {active.get_attribute('outerHTML')[:80]}"
    caption = _box(driver, _caption(driver, active))
    field = _box(driver, active)
    assert 0 <= caption["top"] <= 8, f"{target}: its label or legend is scrolled to the top of the window: {caption}"
    assert field["bottom"] <= field["view"], f"{target}: the field is in view below its label: {field}"
    assert "#" not in driver.current_url, "the default jump was replaced"


TITLES = {"default": "There is a problem", "with-description": "There is a problem", "french": "Il y a un problème"}


@pytest.mark.parametrize("example", ["default", "with-description", "french"])
def test_summary_takes_focus_on_load_and_its_alert_holds_the_title_and_every_error(driver, site_url, example):
    from selenium.webdriver.common.by import By

    _open(driver, site_url, example)
    summary = _summary(driver)
    assert driver.switch_to.active_element == summary
    assert _box(driver, summary)["top"] >= 0, "the focused summary is on screen"
    # JAWS on Chrome/Edge reads only the title when the focused box is itself a labelled alert: the alert is inside.
    assert summary.get_attribute("role") is None and summary.get_attribute("aria-labelledby") is None
    alerts = driver.find_elements(By.CSS_SELECTOR, "[role=alert]")
    assert len(alerts) == 1
    alert = alerts[0]
    assert alert != summary and driver.execute_script("return arguments[0].contains(arguments[1])", summary, alert)
    said = driver.execute_script("return arguments[0].textContent", alert)
    assert TITLES[example] in said
    links = _links(driver)
    assert links and all(driver.execute_script("return arguments[0].contains(arguments[1])", alert, link)
                         for link in links), "every error link is inside the alert"
    for link in links:
        assert link.text and link.text in said


def test_summary_with_auto_focus_disabled_leaves_focus_alone(driver, site_url):
    _open(driver, site_url, "no-auto-focus")
    active = driver.switch_to.active_element
    assert active != _summary(driver)
    assert active.tag_name == "body"


@pytest.mark.parametrize("example", ["default", "with-description", "no-auto-focus"])
def test_each_link_focuses_its_field_with_the_label_or_legend_in_view(short_window, site_url, example):
    driver = short_window
    _open(driver, site_url, example)
    count = len(_links(driver))
    assert count >= 1
    for index in range(count):
        driver.execute_script("window.scrollTo(0, 0)")
        link = _links(driver)[index]
        link.click()
        _assert_lands_on(driver, link)


def test_keyboard_user_reaches_a_field_from_the_summary(short_window, site_url):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver = short_window
    _open(driver, site_url, "with-description")
    ActionChains(driver).send_keys(Keys.TAB).perform()
    first = _links(driver)[0]
    assert driver.switch_to.active_element == first, "Tab from the focused summary reaches its first link"
    ActionChains(driver).send_keys(Keys.TAB).send_keys(Keys.ENTER).perform()
    second = _links(driver)[1]
    _assert_lands_on(driver, second)
    assert driver.switch_to.active_element.get_attribute("id") == "start-date-day"


def test_page_after_following_a_link_has_no_barriers(auditor, short_window, site_url):
    driver = short_window
    _open(driver, site_url, "default")
    _links(driver)[1].click()
    result = auditor.audit_current(label="error summary: after following a link")
    assert result.ok, result.report("error summary: after following a link")
