"""Toggle and accordion in Chromium: every key of the WAI-ARIA disclosure pattern (Enter, Space, Tab order), the
aria-expanded state after each press, focus staying on the control pressed, remembered sections across a reload,
an audit of each opened state, and the same examples with scripts disabled (content shown or reachable, no
dead button). Scripts are disabled for a page through the DevTools protocol, on the suite's one browser."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _open(driver, site_url, component, example, lang="en"):
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"{site_url}{lang}/components/{component}/{example}/")
    WebDriverWait(driver, 5).until(lambda d: d.execute_script(
        "return document.readyState === 'complete' && document.documentElement.classList.contains('wet-js')"))


def _css(driver, selector):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, selector)


def _press(driver, key):
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(key).perform()


def _active(driver):
    return driver.execute_script("return document.activeElement")


def _tab_to(driver, element, limit=40):
    """Tab from the top of the page until ``element`` has focus; returns what was focused on the way."""
    from selenium.webdriver.common.keys import Keys

    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    seen = []
    for _ in range(limit):
        _press(driver, Keys.TAB)
        seen.append(_active(driver))
        if seen[-1] == element:
            return seen
    raise AssertionError("Tab never reached the element")


def _audit(auditor, label):
    result = auditor.audit_current(label=label)
    assert result.ok, result.report(label)


def _shown(driver, element):
    return driver.execute_script("return !arguments[0].hidden && arguments[0].getClientRects().length > 0", element)


@pytest.fixture
def no_js(driver):
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    yield driver
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


# ---- toggle -------------------------------------------------------------------------------------------------------


def test_toggle_enter_and_space_switch_the_region(auditor, driver, site_url):
    from selenium.webdriver.common.keys import Keys

    _open(driver, site_url, "toggle", "closed")
    button = _css(driver, ".wet-toggle__button")
    region = _css(driver, "#processing-times")
    assert button.get_attribute("aria-controls") == "processing-times"
    assert button.get_attribute("aria-expanded") == "false" and not _shown(driver, region)
    _tab_to(driver, button)
    _press(driver, Keys.ENTER)
    assert button.get_attribute("aria-expanded") == "true" and _shown(driver, region)
    assert _active(driver) == button, "focus stays on the button"
    _press(driver, Keys.SPACE)
    assert button.get_attribute("aria-expanded") == "false" and not _shown(driver, region)
    _press(driver, Keys.SPACE)
    assert button.get_attribute("aria-expanded") == "true" and _shown(driver, region)
    _audit(auditor, "toggle closed, after opening")


def test_toggle_starts_open_and_shows_its_region_for_printing(driver, site_url):
    _open(driver, site_url, "toggle", "open-print")
    button = _css(driver, ".wet-toggle__button")
    region = _css(driver, "#fees")
    assert button.get_attribute("aria-expanded") == "true" and _shown(driver, region)
    button.click()
    assert not _shown(driver, region)
    driver.execute_script("window.dispatchEvent(new Event('beforeprint'))")
    assert driver.execute_script("return !arguments[0].hidden", region), "shown while printing"
    assert button.get_attribute("aria-expanded") == "false", "the button still tells the screen state"
    driver.execute_script("window.dispatchEvent(new Event('afterprint'))")
    assert driver.execute_script("return arguments[0].hidden", region), "hidden again after printing"
    button.click()
    driver.execute_script("window.dispatchEvent(new Event('beforeprint'));"
                          "window.dispatchEvent(new Event('afterprint'))")
    assert _shown(driver, region), "an open region stays open after printing"


def test_toggle_starting_twice_changes_nothing(driver, site_url):
    _open(driver, site_url, "toggle", "closed")
    button = _css(driver, ".wet-toggle__button")
    button.click()
    driver.execute_script("wetkit.initAll(document); wetkit.initAll(arguments[0])", _css(driver, ".wet-toggle"))
    assert button.get_attribute("aria-expanded") == "true"
    button.click()
    assert button.get_attribute("aria-expanded") == "false", "one click listener, not two"


@pytest.mark.parametrize("example, region", [("closed", "processing-times"), ("open-print", "fees")])
def test_toggle_without_javascript_shows_the_region_and_no_button(no_js, site_url, example, region):
    no_js.get(f"{site_url}en/components/toggle/{example}/")
    assert "wet-no-js" in _css(no_js, "html").get_attribute("class")
    assert _shown(no_js, _css(no_js, f"#{region}"))
    assert not _shown(no_js, _css(no_js, ".wet-toggle__button")), "no button that does nothing"


# ---- accordion ----------------------------------------------------------------------------------------------------


def _sections(driver):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, ".wet-accordion__section")


def _opened(driver):
    return [s.get_attribute("open") is not None for s in _sections(driver)]


def test_accordion_keys_focus_order_and_show_all(auditor, driver, site_url):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    _open(driver, site_url, "accordion", "default")
    button = _css(driver, ".wet-accordion__all")
    summaries = [s.find_element("css selector", "summary") for s in _sections(driver)]
    assert _shown(driver, button) and button.text == "Show all sections"
    assert button.get_attribute("aria-expanded") == "false" and _opened(driver) == [False, False, False]
    seen = _tab_to(driver, summaries[-1])
    assert seen[-4:] == [button, *summaries], "focus order: the show-all button, then each heading"
    _press(driver, Keys.ENTER)
    assert _opened(driver) == [False, False, True]
    ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    assert _active(driver) == summaries[1], "Shift+Tab goes back to the previous heading"
    _press(driver, Keys.SPACE)
    assert _opened(driver) == [False, True, True]
    assert button.get_attribute("aria-expanded") == "false", "not every section is open"
    _press(driver, Keys.SPACE)
    assert _opened(driver) == [False, False, True]
    _tab_to(driver, button)
    _press(driver, Keys.ENTER)
    assert _opened(driver) == [True, True, True]
    assert button.get_attribute("aria-expanded") == "true" and button.text == "Hide all sections"
    assert _active(driver) == button, "focus stays on the button"
    _audit(auditor, "accordion, every section open")
    _tab_to(driver, button)
    _press(driver, Keys.SPACE)
    assert _opened(driver) == [False, False, False]
    assert button.get_attribute("aria-expanded") == "false" and button.text == "Show all sections"
    summaries[0].click()
    summaries[1].click()
    summaries[2].click()
    WebDriverWait(driver, 2).until(lambda d: button.get_attribute("aria-expanded") == "true")
    assert button.text == "Hide all sections", "opening the last section one by one also updates the button"


def test_accordion_french_words(driver, site_url):
    _open(driver, site_url, "accordion", "default", lang="fr")
    button = _css(driver, ".wet-accordion__all")
    assert button.text == "Afficher toutes les sections"
    button.click()
    assert button.text == "Masquer toutes les sections"


def test_accordion_remembers_open_sections_in_the_tab(driver, site_url):
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(site_url)
    driver.execute_script("sessionStorage.clear(); localStorage.clear()")
    _open(driver, site_url, "accordion", "remembered")
    assert _opened(driver) == [False, True]
    sections = _sections(driver)
    sections[0].find_element("css selector", "summary").click()
    sections[1].find_element("css selector", "summary").click()
    WebDriverWait(driver, 2).until(lambda d: d.execute_script(
        "return sessionStorage.getItem('wetkit-accordion:permit-help')") == "permit-help-1 ")
    _open(driver, site_url, "accordion", "remembered")
    assert _opened(driver) == [True, False], "the state the user left, not the page's default"
    _open(driver, site_url, "accordion", "default")
    assert _opened(driver) == [False, False, False], "an accordion without remember= keeps nothing"
    assert driver.execute_script("return sessionStorage.getItem('wetkit-accordion:benefits')") is None
    driver.execute_script("sessionStorage.clear()")


def test_accordion_refused_storage_still_works(driver, site_url):
    _open(driver, site_url, "accordion", "remembered")
    driver.execute_script(
        "Object.defineProperty(window, 'sessionStorage', {get: function () { throw new Error('denied'); }});"
        "var a = document.getElementById('permit-help'); var b = a.cloneNode(true); a.replaceWith(b);"
        "wetkit.initAll(b);")
    button = _css(driver, ".wet-accordion__all")
    button.click()
    assert _opened(driver) == [True, True] and button.get_attribute("aria-expanded") == "true"
    assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []


@pytest.mark.parametrize("example, count", [("default", 3), ("remembered", 2)])
def test_accordion_without_javascript_every_section_opens(no_js, site_url, example, count):
    from selenium.webdriver.common.keys import Keys

    no_js.get(f"{site_url}en/components/accordion/{example}/")
    assert not _shown(no_js, _css(no_js, ".wet-accordion__all")), "no show-all button that does nothing"
    summaries = [s.find_element("css selector", "summary") for s in _sections(no_js)]
    assert len(summaries) == count
    for summary in summaries:
        if summary.find_element("xpath", "..").get_attribute("open") is None:
            _tab_to(no_js, summary)
            _press(no_js, Keys.ENTER)
    assert _opened(no_js) == [True] * count
    assert all(_shown(no_js, body) for body in no_js.find_elements("css selector", ".wet-accordion__body"))


def test_missing_parts_warn_and_never_throw(driver, site_url):
    _open(driver, site_url, "toggle", "closed")
    driver.get_log("browser")
    driver.execute_script(
        "var box = document.createElement('div'); box.innerHTML = '<div data-wetkit-module=\"toggle\"></div>"
        "<div data-wetkit-module=\"accordion\" id=\"x\"></div>'; document.body.appendChild(box); wetkit.initAll(box);")
    log = driver.get_log("browser")
    assert [e for e in log if e["level"] == "SEVERE"] == []
    warned = [e["message"] for e in log if e["level"] == "WARNING"]
    assert any("wetkit: toggle" in m for m in warned) and any("wetkit: accordion" in m for m in warned)


# ---- core.js: the module pattern every script follows --------------------------------------------------------------


def test_core_starts_late_modules_once_aliases_kebab_names_and_shares_page_listeners(driver, site_url):
    _open(driver, site_url, "toggle", "closed")
    driver.get_log("browser")
    result = driver.execute_script("""
        var box = document.createElement('div');
        box.innerHTML = '<p data-wetkit-module="late-probe broken_probe" lang="fr" data-text-n="%n items"'
          + ' data-text-n-one="%n item"></p>';
        document.body.appendChild(box);
        var p = box.firstChild, starts = 0, calls = [];
        wetkit.register('broken_probe', function () { throw new Error('boom'); });
        wetkit.register('late_probe', function (element, api) {
          starts += 1;
          api.on('wetkit-probe', function () { calls.push('a'); });
          api.on('wetkit-probe', function () { calls.push('b'); });
        });
        var startedLate = starts;
        wetkit.initAll(document); wetkit.initAll(box); wetkit.initAll(p);
        document.dispatchEvent(new Event('wetkit-probe'));
        return {late: startedLate, starts: starts, calls: calls,
                fr0: wetkit.text(p, 'n', 0), fr2: wetkit.text(p, 'n', 2), none: wetkit.text(p, 'missing')};
    """)
    assert result["late"] == 1, "a module registered after the page started starts at once (kebab markup name)"
    assert result["starts"] == 1, "starting again changes nothing"
    assert result["calls"] == ["a", "b"], "one page listener calls each handler once"
    assert (result["fr0"], result["fr2"], result["none"]) == ("%n item", "%n items", ""), "French: 0 is singular"
    errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert len(errors) == 1 and "broken_probe failed to start" in errors[0], "a throwing module is caught and logged"
