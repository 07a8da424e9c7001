"""The scripts of the text form components, in Chromium: character_count's live count and password_input's toggle.

What a user would notice: the count under the field changes as they type, screen readers hear it only once typing
pauses, going over the limit is said in words and shown as an error; the Show button reveals the password, says
what it will do next, announces the change, and sending the form hides the password again. The states reached by
typing and clicking are audited like the demo pages (axe, reflow, focus, forced colours, console).
"""

from __future__ import annotations

import time

import pytest

pytestmark = pytest.mark.browser

DEBOUNCE = 1.0  # seconds: character_count.js waits this long after the last keystroke before the live region speaks


def _open(driver, site_url, component, example):
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"{site_url}en/components/{component}/{example}/")
    WebDriverWait(driver, 5).until(lambda d: d.execute_script(
        "return document.documentElement.classList.contains('wet-js') && document.readyState === 'complete'"))


def _parts(driver, field_id):
    """The textarea, the visible count, the limit message and the live region of one character count."""
    from selenium.webdriver.common.by import By

    group = driver.find_element(By.CSS_SELECTOR, f".wet-character-count:has(#{field_id})")
    return {
        "field": driver.find_element(By.ID, field_id),
        "status": driver.find_element(By.ID, f"{field_id}-status"),
        "info": driver.find_element(By.ID, f"{field_id}-info"),
        "live": group.find_element(By.CSS_SELECTOR, "[aria-live=polite]"),
    }


def _describedby(element) -> list[str]:
    return (element.get_attribute("aria-describedby") or "").split()


def _live_text(driver, element) -> str:
    return driver.execute_script("return arguments[0].textContent", element)


def _wait_for_text(driver, element, text, timeout=DEBOUNCE + 2):
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout, poll_frequency=0.05).until(lambda d: _live_text(d, element) == text)


def _set_value(driver, field, value):
    """Put text in the field the way paste or autofill does: one input event (send_keys cannot type emoji)."""
    driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        field, value)


# ---- character_count ---------------------------------------------------------------------------------------------


def test_count_replaces_the_limit_message_and_describes_the_field(driver, site_url):
    _open(driver, site_url, "character_count", "default")
    p = _parts(driver, "more-detail")
    assert p["status"].is_displayed() and p["status"].text == "You have 200 characters remaining"
    assert not p["info"].is_displayed(), "the no-JS limit message gives way to the live count"
    described = _describedby(p["field"])
    assert "more-detail-status" in described and "more-detail-info" not in described
    assert "more-detail-hint" in described
    assert p["status"].get_attribute("aria-hidden") == "true", "screen readers get the count from the live region"
    assert p["live"].get_attribute("class") == "wet-visually-hidden"
    assert _live_text(driver, p["live"]) == "", "nothing is announced on page load"


def test_typing_updates_the_count_at_once_and_the_live_region_after_a_pause(driver, site_url):
    _open(driver, site_url, "character_count", "default")
    p = _parts(driver, "more-detail")
    p["field"].send_keys("I lost my card")
    assert p["status"].text == "You have 186 characters remaining"
    assert _live_text(driver, p["live"]) == "", "the live region waits until typing pauses"
    started = time.monotonic()
    _wait_for_text(driver, p["live"], "You have 186 characters remaining")
    assert time.monotonic() - started > DEBOUNCE / 2

    p["field"].send_keys(" on")  # typing again restarts the wait; only the latest count is spoken
    assert p["status"].text == "You have 183 characters remaining"
    assert _live_text(driver, p["live"]) == "You have 186 characters remaining"
    _wait_for_text(driver, p["live"], "You have 183 characters remaining")


def test_singular_and_over_the_limit(auditor, driver, site_url):
    from selenium.webdriver.common.keys import Keys

    _open(driver, site_url, "character_count", "default")
    p = _parts(driver, "more-detail")
    p["field"].send_keys("a" * 199)
    assert p["status"].text == "You have 1 character remaining"
    p["field"].send_keys("bcdef")
    assert p["status"].text == "You have 4 characters too many"
    assert "wet-character-count__status--error" in p["status"].get_attribute("class")
    assert "wet-textarea--error" in p["field"].get_attribute("class"), "the field is marked as well as the count"
    colour = driver.execute_script("return getComputedStyle(arguments[0]).color", p["status"])
    danger = driver.execute_script(
        "var probe = document.createElement('span'); probe.style.color = 'var(--wet-color-danger)';"
        "document.body.appendChild(probe); var c = getComputedStyle(probe).color; probe.remove(); return c;")
    assert colour == danger, "over the limit, the count is in the danger colour"
    _wait_for_text(driver, p["live"], "You have 4 characters too many")
    result = auditor.audit_current(label="character_count over the limit")
    assert result.ok, result.report("character_count over the limit")

    p["field"].send_keys(Keys.END + Keys.BACKSPACE * 5)
    assert p["status"].text == "You have 1 character remaining"
    assert "wet-character-count__status--error" not in p["status"].get_attribute("class")
    assert "wet-textarea--error" not in p["field"].get_attribute("class")


def test_server_error_and_over_limit_value_on_load(driver, site_url):
    _open(driver, site_url, "character_count", "error")
    p = _parts(driver, "travel-reason")
    value = p["field"].get_attribute("value")
    assert p["status"].text == f"You have {len(value) - 100} characters too many"
    _set_value(driver, p["field"], "Wedding")
    assert p["status"].text == "You have 93 characters remaining"
    assert "wet-textarea--error" in p["field"].get_attribute("class"), "the server's error state stays until resent"
    assert _describedby(p["field"])[:2] == ["travel-reason-status", "travel-reason-error"]


def test_characters_are_counted_as_the_server_counts_them(driver, site_url):
    _open(driver, site_url, "character_count", "own-texts")
    p = _parts(driver, "summary")
    _set_value(driver, p["field"], "Café 😀\nok")  # 9 code points: the emoji is one, the line break is one
    assert p["status"].text == "41 characters left"
    _set_value(driver, p["field"], "x" * 49)
    assert p["status"].text == "1 character left", "the team's singular form is used"
    _set_value(driver, p["field"], "x" * 51)
    assert p["status"].text == "1 character over the limit"


def test_words_are_counted(driver, site_url):
    _open(driver, site_url, "character_count", "words")
    p = _parts(driver, "business-activities")
    assert p["status"].text == "You have 150 words remaining"
    p["field"].send_keys("We sell  maple syrup\nand pancake mix ")
    assert p["status"].text == "You have 143 words remaining"
    _set_value(driver, p["field"], " ".join(["word"] * 151))
    assert p["status"].text == "You have 1 word too many"


def test_threshold_shows_the_count_only_near_the_limit(driver, site_url):
    _open(driver, site_url, "character_count", "threshold")
    p = _parts(driver, "job-duties")
    used = len(p["field"].get_attribute("value"))
    assert used < 300
    assert p["info"].is_displayed() and p["info"].text == "You can enter up to 400 characters"
    assert not p["status"].is_displayed()
    assert "job-duties-info" in _describedby(p["field"]) and "job-duties-status" not in _describedby(p["field"])
    p["field"].send_keys("x" * (299 - used))
    assert not p["status"].is_displayed(), "just under 75%, still hidden"
    p["field"].send_keys("x")
    assert p["status"].is_displayed() and p["status"].text == "You have 100 characters remaining"
    assert not p["info"].is_displayed()
    assert "job-duties-status" in _describedby(p["field"]) and "job-duties-info" not in _describedby(p["field"])
    _wait_for_text(driver, p["live"], "You have 100 characters remaining")


def test_plural_forms_follow_the_page_language(driver, site_url):
    """In French 0 and 1 are singular: the script picks the "one" form with Intl.PluralRules for lang="fr"."""
    _open(driver, site_url, "character_count", "own-texts")
    driver.execute_script("""
        var copy = document.querySelector('.wet-character-count').cloneNode(true);
        copy.querySelector('textarea').id = 'fr-summary';
        copy.querySelector('.wet-character-count__message').id = 'fr-summary-info';
        copy.querySelector('textarea').setAttribute('aria-describedby', 'fr-summary-info');
        var holder = document.createElement('div');
        holder.lang = 'fr';
        holder.appendChild(copy);
        document.querySelector('main').appendChild(holder);
        window.wetkit.initAll(holder);
    """)
    fr = _parts(driver, "fr-summary")
    _set_value(driver, fr["field"], "x" * 50)
    assert fr["status"].text == "0 character left"
    en = _parts(driver, "summary")
    _set_value(driver, en["field"], "x" * 50)
    assert en["status"].text == "0 characters left"


# ---- password_input ----------------------------------------------------------------------------------------------


def _password_parts(driver, field_id):
    from selenium.webdriver.common.by import By

    group = driver.find_element(By.CSS_SELECTOR, f".wet-password-input:has(#{field_id})")
    return {
        "input": driver.find_element(By.ID, field_id),
        "button": group.find_element(By.CSS_SELECTOR, "button.wet-password-input__toggle"),
        "word": group.find_element(By.CSS_SELECTOR, ".wet-password-input__toggle-text"),
        "live": group.find_element(By.CSS_SELECTOR, "[aria-live=polite]"),
    }


def _name(driver, element) -> str:
    """The button's accessible name as a screen reader gets it (its whole text, hidden words included)."""
    return " ".join(driver.execute_script("return arguments[0].textContent", element).split())


def test_password_toggle_shows_and_hides(auditor, driver, site_url):
    _open(driver, site_url, "password_input", "default")
    p = _password_parts(driver, "password")
    assert p["button"].is_displayed(), "the script unhides the button"
    assert p["button"].get_attribute("aria-controls") == "password"
    assert p["button"].get_attribute("type") == "button"
    assert p["input"].get_attribute("type") == "password"
    assert p["word"].text == "Show" and _name(driver, p["button"]) == "Show password"
    assert _live_text(driver, p["live"]) == ""

    p["input"].send_keys("correct horse")
    p["button"].click()
    assert p["input"].get_attribute("type") == "text"
    assert p["word"].text == "Hide" and _name(driver, p["button"]) == "Hide password"
    assert _live_text(driver, p["live"]) == "Your password is visible"
    assert p["input"].get_attribute("value") == "correct horse"
    result = auditor.audit_current(label="password shown")
    assert result.ok, result.report("password shown")

    p["button"].click()
    assert p["input"].get_attribute("type") == "password"
    assert p["word"].text == "Show" and _name(driver, p["button"]) == "Show password"
    assert _live_text(driver, p["live"]) == "Your password is hidden"


def test_password_toggle_works_from_the_keyboard(driver, site_url):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    _open(driver, site_url, "password_input", "new-password")
    p = _password_parts(driver, "new-password")
    p["input"].click()
    ActionChains(driver).send_keys(Keys.TAB).perform()
    assert driver.switch_to.active_element == p["button"], "the button follows the field in the tab order"
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    assert p["input"].get_attribute("type") == "text"
    ActionChains(driver).send_keys(Keys.SPACE).perform()
    assert p["input"].get_attribute("type") == "password"
    assert driver.switch_to.active_element == p["button"], "focus stays on the button"


def test_sending_the_form_hides_the_password(driver, site_url):
    _open(driver, site_url, "password_input", "own-texts")
    driver.execute_script("""
        var group = document.querySelector('.wet-password-input');
        var form = document.createElement('form');
        form.id = 'sign-in';
        group.parentNode.insertBefore(form, group);
        form.appendChild(group);
        var send = document.createElement('button');
        send.type = 'submit'; send.id = 'send'; send.textContent = 'Sign in';
        form.appendChild(send);
        form.addEventListener('submit', function (event) {
          window.__sentType = document.getElementById('access-code').type;
          event.preventDefault();
        });
    """)
    p = _password_parts(driver, "access-code")
    p["input"].send_keys("A1B2C3")
    p["button"].click()
    assert p["input"].get_attribute("type") == "text" and p["word"].text == "Conceal"
    assert _live_text(driver, p["live"]) == "Your access code is visible"
    driver.find_element("id", "send").click()
    assert driver.execute_script("return window.__sentType") == "password", "hidden before the form is sent"
    assert p["input"].get_attribute("type") == "password"
    assert p["word"].text == "Reveal" and _name(driver, p["button"]) == "Reveal access code"
    assert _live_text(driver, p["live"]) == ""
