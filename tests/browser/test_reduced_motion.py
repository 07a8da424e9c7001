"""``prefers-reduced-motion: reduce`` (issue 12, item 5; WCAG 2.3.3): with it emulated through CDP
``Emulation.setEmulatedMedia``, no element or pseudo-element of any component's pages has a transition or an
animation that lasts (at most 0.01 ms, the value ``_base.scss`` cuts them to), nothing scrolls smoothly, and no
running animation (CSS or Web Animations from a script) has a duration. One page per component, its first example,
measured after the page's script has run; and a planted transition and animation prove the measure sees motion at
all: they last without the preference and stop with it."""

from __future__ import annotations

import pytest

from wetkit.registry import get_registry

pytestmark = pytest.mark.browser

#: The longest a transition or animation may last with reduced motion: the 0.01 ms of _base.scss, in seconds.
STILL = 0.00001

#: Every element and its ::before/::after whose transition or animation lasts longer than arguments[0] seconds, or
#: that scrolls smoothly; then every running animation whose duration (in ms) is longer. Computed durations are in
#: seconds ("0.3s", "1e-05s"), one per listed property.
_MOTION = r"""
var limit = arguments[0], found = [];
function longest(list) {
  return Math.max.apply(null, list.split(',').map(function (v) {
    return parseFloat(v) * (/ms$/.test(v.trim()) ? 0.001 : 1);
  }));
}
function name(el) {
  return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.classList.length ? '.' + Array.from(el.classList).join('.') : '');
}
document.querySelectorAll('*').forEach(function (el) {
  [null, '::before', '::after'].forEach(function (pseudo) {
    var cs = getComputedStyle(el, pseudo);
    var t = longest(cs.transitionDuration), a = cs.animationName === 'none' ? 0 : longest(cs.animationDuration);
    if (t > limit || a > limit || cs.scrollBehavior === 'smooth') {
      found.push(name(el) + (pseudo || '') + ': transition ' + cs.transitionDuration + ', animation ' +
                 cs.animationName + ' ' + cs.animationDuration + ', scroll-behavior ' + cs.scrollBehavior);
    }
  });
});
document.getAnimations().forEach(function (anim) {
  var d = anim.effect ? anim.effect.getComputedTiming().duration : 0;
  if (typeof d === 'number' && d / 1000 > limit) {
    found.push('running ' + anim.constructor.name + ' ' +
               (anim.animationName || anim.transitionProperty || anim.id) + ': ' + d + ' ms');
  }
});
return found;
"""

#: Motion planted through the CSSOM (allowed by the site's CSP, unlike a <style> element): a transition and an
#: endless animation on every button, and smooth scrolling on the page.
_PLANT = r"""
var sheet = document.styleSheets[0];
sheet.insertRule('@keyframes wet-test-pulse { from { opacity: 1; } to { opacity: 0.5; } }', sheet.cssRules.length);
sheet.insertRule('.wet-btn { transition: background-color 2s, color 0.5s; animation: wet-test-pulse 3s infinite; }',
                 sheet.cssRules.length);
sheet.insertRule('html { scroll-behavior: smooth; }', sheet.cssRules.length);
"""

PAGES = [(spec.name, next(iter(spec.examples))) for spec in get_registry() if spec.examples]


def _reduced_motion(driver, reduce: bool) -> None:
    features = [{"name": "prefers-reduced-motion", "value": "reduce" if reduce else "no-preference"}]
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": features})


@pytest.fixture
def reduce(driver):
    _reduced_motion(driver, True)
    yield driver
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def _load(driver, url):
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, 5).until(lambda d: d.execute_script("return document.readyState === 'complete'"))


def test_the_measure_sees_planted_motion_and_reduce_stops_it(driver, site_url):
    url = f"{site_url}en/components/button/primary/"
    try:
        _reduced_motion(driver, False)
        _load(driver, url)
        driver.execute_script(_PLANT)
        moving = driver.execute_script(_MOTION, STILL)
        assert any(": transition 2s, 0.5s, animation wet-test-pulse 3s" in m for m in moving), moving
        assert any(m.startswith("html") and "scroll-behavior smooth" in m for m in moving), moving
        assert any(m.startswith("running CSSAnimation wet-test-pulse: 3000 ms") for m in moving), moving
        _reduced_motion(driver, True)  # the same page, the same planted rules: the preference alone stops them
        assert driver.execute_script(_MOTION, STILL) == []
        durations = driver.execute_script(
            "var cs = getComputedStyle(document.querySelector('.wet-btn'));"
            "return [cs.transitionDuration, cs.animationDuration, getComputedStyle(document.documentElement)"
            ".scrollBehavior];")
        assert durations == ["1e-05s", "1e-05s", "auto"]  # 0.01 ms, one value for the whole list
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def test_no_component_moves_with_reduced_motion(reduce, site_url):
    moving = {}
    for component, example in PAGES:
        _load(reduce, f"{site_url}en/components/{component}/{example}/")
        found = reduce.execute_script(_MOTION, STILL)
        if found:
            moving[f"{component}/{example}"] = found[:5]
    assert not moving, moving
