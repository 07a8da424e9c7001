"""The shipped themes as a browser draws them, on their themed demo pages: high-contrast's thicker focus ring,
canada's navy header band and type, and each page loading its own theme's stylesheet."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

BUTTON = "components/button/primary/"


def _load(driver, url):
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, 5).until(lambda d: d.execute_script("return document.readyState === 'complete'"))


def _focus_ring(driver, url) -> list[str]:
    """Tab to the demo's button; its outline style, width and colour, as computed."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    _load(driver, url)
    button = driver.find_element("css selector", ".wet-demo .wet-btn")
    for _ in range(40):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if driver.execute_script("return document.activeElement") == button:
            break
    else:
        raise AssertionError("Tab never reached the demo button")
    return driver.execute_script(
        "var cs = getComputedStyle(arguments[0]); return [cs.outlineStyle, cs.outlineWidth, cs.outlineColor];", button)


def test_high_contrast_draws_a_thicker_focus_ring_than_base(driver, site_url):
    assert _focus_ring(driver, f"{site_url}en/{BUTTON}") == ["solid", "3px", "rgb(11, 87, 208)"]
    assert _focus_ring(driver, f"{site_url}en/themes/high-contrast/{BUTTON}") == ["solid", "5px", "rgb(0, 0, 204)"]


def test_canada_has_its_header_band_links_and_type(driver, site_url):
    _load(driver, f"{site_url}en/themes/canada/{BUTTON}")
    header, link, body = driver.execute_script(
        "var h = getComputedStyle(document.querySelector('.wet-header'));"
        "var a = getComputedStyle(document.querySelector('.wet-theme-switcher a:not([aria-current])'));"
        "var b = getComputedStyle(document.body);"
        "return [[h.borderBottomStyle, h.borderBottomWidth, h.borderBottomColor], a.color, [b.fontFamily, b.color]];")
    assert header == ["solid", "40px", "rgb(38, 55, 74)"]  # 2.5rem of #26374a
    assert link == "rgb(43, 67, 128)"  # #2b4380
    assert body[0].startswith('"Noto Sans"') and body[1] == "rgb(51, 51, 51)"


@pytest.mark.parametrize("theme", ["canada", "high-contrast"])
def test_a_themed_page_loads_only_its_theme(driver, site_url, theme):
    _load(driver, f"{site_url}en/themes/{theme}/{BUTTON}")
    sheets = driver.execute_script("return Array.from(document.styleSheets, function (s) { return s.href; });")
    assert sheets == [f"{site_url}static/wetkit/themes/{theme}.min.css"]
