"""The component pages' Copy buttons (wetkit/static/site.js) in Chromium: hidden without the script, shown with it;
a press copies the code, or selects it when the clipboard is refused, and says which in the page's language."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _open(driver, url):
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, 5).until(lambda d: d.execute_script(
        "return document.readyState === 'complete' && "
        "!document.querySelector('[data-wetkit-module=copy] button[data-copy]').hidden"))


@pytest.mark.parametrize(("lang", "said"), [("en", ("Copied.", "Selected:")), ("fr", ("Copié.", "Sélectionné"))])
def test_copy_button_copies_or_selects_the_code(driver, site_url, lang, said):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from wetkit.audit.checks import check_console

    _open(driver, f"{site_url}{lang}/components/radios/")
    block = driver.find_elements(By.CSS_SELECTOR, "[data-wetkit-module=copy]")[1]  # the default example's HTML
    button = block.find_element(By.CSS_SELECTOR, "button[data-copy]")
    status = block.find_element(By.CSS_SELECTOR, "[role=status]")
    assert button.is_displayed() and status.text == ""
    button.click()
    WebDriverWait(driver, 5).until(lambda d: status.text)
    assert status.text.startswith(said), status.text
    code = block.find_element(By.TAG_NAME, "code").text
    if status.text.startswith(said[1]):  # refused: the code is selected instead
        assert driver.execute_script("return window.getSelection().toString()").strip() == code.strip()
    assert not check_console(driver)


def test_previews_show_their_example_and_leave_the_page_where_it_opened(driver, site_url):
    """Each preview frame brings its example to its own top (site.js on the example page scrolls the frame's window);
    the component page itself stays at its top, as a #fragment in a frame's URL would not leave it."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"{site_url}en/components/button/")
    frames = "return Array.from(document.querySelectorAll('iframe.wet-site-frame'))"
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        frames + ".every(function (f) { var doc = f.contentDocument; return doc && doc.readyState === 'complete' && "
        "doc.getElementById('wet-example') && f.contentWindow.scrollY > 0; })"))
    assert driver.execute_script("return window.scrollY") == 0
    top = "return f.contentDocument.getElementById('wet-example').getBoundingClientRect().top;"
    tops = driver.execute_script(frames + ".map(function (f) { " + top + " })")
    assert tops and all(abs(top) <= 1 for top in tops), tops
