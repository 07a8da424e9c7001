"""Radios and checkboxes in Chromium: conditional reveal, the exclusive "None of these" box, and the native keyboard
behaviour the custom drawing must not break. Runs on the demo pages built from the specs."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _open(driver, site_url, page):
    driver.get(f"{site_url}en/components/{page}/")
    # The bundle is deferred: wait until wetkit has started the modules.
    driver.execute_async_script(
        "var done = arguments[0]; (function wait() {"
        " if (document.readyState === 'complete' && document.documentElement.classList.contains('wet-js')) done();"
        " else setTimeout(wait, 10); })();"
    )


def _by_id(driver, element_id):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, element_id)


def _click_label(driver, input_id):
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, f'label[for="{input_id}"]').click()


def _press(driver, *keys):
    from selenium.webdriver.common.action_chains import ActionChains

    chain = ActionChains(driver)
    for key in keys:
        chain.send_keys(key)
    chain.perform()


def _active_id(driver):
    return driver.execute_script("return document.activeElement.id")


def _shown(driver, element_id):
    return _by_id(driver, element_id).is_displayed()


# ---- conditional reveal --------------------------------------------------------------------------------------


def test_radio_reveal_follows_the_checked_radio(driver, site_url):
    _open(driver, site_url, "radios/conditional")
    email, phone = _by_id(driver, "contact"), _by_id(driver, "contact-2")
    assert email.get_attribute("aria-controls") == "contact-conditional"
    assert phone.get_attribute("aria-controls") == "contact-2-conditional"
    assert _by_id(driver, "contact-3").get_attribute("aria-controls") is None, "Mail reveals nothing"
    assert _shown(driver, "contact-conditional") and not _shown(driver, "contact-2-conditional")

    _click_label(driver, "contact-2")  # checking Phone unchecks Email, which fires no event of its own
    assert phone.is_selected() and not email.is_selected()
    assert _shown(driver, "contact-2-conditional") and not _shown(driver, "contact-conditional")
    assert _by_id(driver, "contact-phone-number").is_displayed()

    _click_label(driver, "contact-3")
    assert not _shown(driver, "contact-conditional") and not _shown(driver, "contact-2-conditional")
    assert email.get_attribute("aria-expanded") is None, "no aria-expanded on radios (not a radio state)"


def test_checkbox_reveals_are_independent(driver, site_url):
    _open(driver, site_url, "checkboxes/conditional")
    assert _by_id(driver, "reach").get_attribute("aria-controls") == "reach-conditional"
    assert not _shown(driver, "reach-conditional") and _shown(driver, "reach-2-conditional")

    _click_label(driver, "reach")
    assert _shown(driver, "reach-conditional") and _shown(driver, "reach-2-conditional")
    _click_label(driver, "reach-2")
    assert _shown(driver, "reach-conditional") and not _shown(driver, "reach-2-conditional")


def _expanded(driver, element_id):
    return _by_id(driver, element_id).get_attribute("aria-expanded")


def test_checkbox_that_reveals_says_whether_it_is_expanded(driver, site_url):
    from selenium.webdriver.common.keys import Keys

    _open(driver, site_url, "checkboxes/conditional")
    assert _expanded(driver, "reach") == "false", "unchecked on load"
    assert _expanded(driver, "reach-2") == "true", "checked on load (values=[text-message])"
    assert _expanded(driver, "reach-3") is None, "Phone call reveals nothing, so it expands nothing"

    _click_label(driver, "reach")
    assert _expanded(driver, "reach") == "true" and _shown(driver, "reach-conditional")
    _click_label(driver, "reach")
    assert _expanded(driver, "reach") == "false" and not _shown(driver, "reach-conditional")

    _by_id(driver, "reach-2").send_keys(Keys.SPACE)
    assert _expanded(driver, "reach-2") == "false" and not _shown(driver, "reach-2-conditional")
    _press(driver, Keys.SPACE)
    assert _expanded(driver, "reach-2") == "true" and _shown(driver, "reach-2-conditional")

    # A script that unchecks a box and says so (as the exclusive "None of these" box does) updates it too.
    driver.execute_script("var box = document.getElementById('reach-2'); box.checked = false;"
                          "box.dispatchEvent(new Event('change', {bubbles: true}));")
    assert _expanded(driver, "reach-2") == "false" and not _shown(driver, "reach-2-conditional")


def test_radios_never_get_aria_expanded(driver, site_url):
    _open(driver, site_url, "radios/conditional")
    radios = "return [].map.call(document.querySelectorAll('input[type=radio]'), function (r) {" \
             " return r.getAttribute('aria-expanded'); })"
    before = driver.execute_script(radios)
    assert len(before) >= 3 and set(before) == {None}, "not allowed on role radio"
    _click_label(driver, "contact-2")
    _click_label(driver, "contact")
    assert _shown(driver, "contact-conditional"), "the radios do reveal"
    assert set(driver.execute_script(radios)) == {None}


def test_checkboxes_with_expanded_state_have_no_barriers(auditor, driver, site_url):
    _open(driver, site_url, "checkboxes/conditional")
    _click_label(driver, "reach")
    assert _expanded(driver, "reach") == "true"
    result = auditor.audit_current(label="checkboxes: conditional, both revealed")
    assert result.ok, result.report("checkboxes: conditional, both revealed")


def test_revealed_question_is_next_in_tab_order(driver, site_url):
    from selenium.webdriver.common.keys import Keys

    _open(driver, site_url, "radios/conditional")
    _by_id(driver, "contact").click()
    _press(driver, Keys.TAB)
    assert _active_id(driver) == "contact-email-address"


def test_without_javascript_every_conditional_is_shown(driver, site_url):
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        driver.get(f"{site_url}en/components/radios/conditional/")
        assert _shown(driver, "contact-conditional") and _shown(driver, "contact-2-conditional")
        assert _by_id(driver, "contact-2").get_attribute("aria-controls") is None, \
            "aria-controls would point at content the user cannot toggle"
    finally:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


# ---- exclusive "None of these" -------------------------------------------------------------------------------


def test_exclusive_box_unchecks_the_others_and_the_others_uncheck_it(driver, site_url):
    _open(driver, site_url, "checkboxes/exclusive")
    student, caregiver, none = (_by_id(driver, i) for i in ("circumstances", "circumstances-2", "circumstances-4"))
    _click_label(driver, "circumstances")
    _click_label(driver, "circumstances-2")
    assert student.is_selected() and caregiver.is_selected()

    _click_label(driver, "circumstances-4")
    assert none.is_selected()
    assert not student.is_selected() and not caregiver.is_selected()

    _click_label(driver, "circumstances-3")
    assert _by_id(driver, "circumstances-3").is_selected() and not none.is_selected()


def test_exclusive_box_works_from_the_keyboard(driver, site_url):
    from selenium.webdriver.common.keys import Keys

    _open(driver, site_url, "checkboxes/exclusive")
    _by_id(driver, "circumstances").send_keys(Keys.SPACE)
    assert _by_id(driver, "circumstances").is_selected()
    _press(driver, Keys.TAB, Keys.TAB, Keys.TAB)
    assert _active_id(driver) == "circumstances-4"
    _press(driver, Keys.SPACE)
    assert _by_id(driver, "circumstances-4").is_selected() and not _by_id(driver, "circumstances").is_selected()
    live = driver.execute_script("return document.querySelectorAll('[aria-live], [role=status], [role=alert]').length")
    assert live == 0, "the change is said by the boxes' own state, not by an announcement"


# ---- native keyboard behaviour and targets -----------------------------------------------------------------


def test_space_toggles_a_checkbox(driver, site_url):
    from selenium.webdriver.common.keys import Keys

    _open(driver, site_url, "checkboxes/single")
    box = _by_id(driver, "updates")
    box.send_keys(Keys.SPACE)
    assert box.is_selected()
    _press(driver, Keys.SPACE)
    assert not box.is_selected()


def test_arrow_keys_move_between_radios_and_update_reveals(driver, site_url):
    from selenium.webdriver.common.keys import Keys

    _open(driver, site_url, "radios/conditional")
    _by_id(driver, "contact").send_keys(Keys.ARROW_DOWN)
    assert _active_id(driver) == "contact-2" and _by_id(driver, "contact-2").is_selected()
    assert _shown(driver, "contact-2-conditional") and not _shown(driver, "contact-conditional")
    _press(driver, Keys.ARROW_DOWN)
    assert _active_id(driver) == "contact-3" and not _shown(driver, "contact-2-conditional")
    _press(driver, Keys.ARROW_UP, Keys.ARROW_UP)
    assert _active_id(driver) == "contact" and _shown(driver, "contact-conditional")


def test_radio_group_is_one_tab_stop_and_skips_disabled(driver, site_url):
    from selenium.webdriver.common.keys import Keys

    _open(driver, site_url, "radios/page-heading")
    _by_id(driver, "province").send_keys(Keys.ARROW_UP)  # wraps to the last enabled radio
    assert _active_id(driver) == "province-5"
    _press(driver, Keys.ARROW_UP)
    assert _active_id(driver) == "province-3", "the disabled radio is skipped"
    _press(driver, Keys.TAB)
    assert not _active_id(driver).startswith("province"), "Tab leaves the group"


def test_controls_are_44px_targets_and_labels_toggle(driver, site_url):
    _open(driver, site_url, "checkboxes/default")
    size = driver.execute_script("var r = document.getElementById('benefits-3').getBoundingClientRect();"
                                 "return [r.width, r.height];")
    assert size[0] >= 44 and size[1] >= 44
    _click_label(driver, "benefits-3")
    assert _by_id(driver, "benefits-3").is_selected()


def test_focus_ring_is_drawn_round_the_control(driver, site_url):
    from selenium.webdriver.common.keys import Keys

    _open(driver, site_url, "radios/default")
    ring = "return getComputedStyle(document.getElementById('notice-format'), '::before').outlineStyle"
    assert driver.execute_script(ring) == "none"
    _by_id(driver, "notice-format").send_keys(Keys.ARROW_DOWN, Keys.ARROW_UP)  # keyboard focus: :focus-visible
    assert _active_id(driver) == "notice-format"
    assert driver.execute_script(ring) == "solid"
