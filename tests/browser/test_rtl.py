"""Right-to-left readiness, browser half: every page of the built site, turned right-to-left, mirrors its layout.

Every page of the site manifest in the site's own theme (so a new component's examples are covered with no edit) is
checked by ``test_a11y.py``'s page test, right after its audit, in the page that test loaded: one load serves both,
and the mirror check (``rtl.py``) leaves the page as it found it. At 1280 and 320 CSS px, the page is measured
left-to-right, then ``dir="rtl"`` is set on ``<html>`` and it is measured again. It passes when:

- **no horizontal scroll** in right-to-left at 320 px: ``scrollWidth <= clientWidth`` (in RTL, overflow to the left
  is the part that scrolls, so a box hanging off the start edge by a physical ``left`` shows here and not in LTR);
- **boxes mirror**: every rendered element that is not inline text flow (block, flex, grid, table boxes, and every
  absolutely positioned box) sits as far from its containing box's right edge in RTL as it sat from the left edge in
  LTR, and is as wide (within 1 px). A physical ``margin-left``, ``left: 0`` or ``float: left`` breaks this;
- **text alignment flips**: in each box that lays out its own text (or inline children), the gap between the start
  of its content box and its line content in LTR equals the gap from the right in RTL. ``text-align: start`` passes;
  ``text-align: left`` keeps the text on the left in RTL and fails;
- **box sides mirror**: every element's and ``::before``/``::after``'s computed margin, border width, padding,
  corner radii and (positioned) left/right insets swap sides. This covers inline boxes (a button's margin, a tag's
  padding), whose place in a line of bidirectional text is not a mirror image, and the pseudo-elements that draw
  markers.

Skipped: elements whose direction does not change (an island marked ``dir="ltr"``, such as code), SVG internals, and
the position of 1 px visually hidden boxes (nothing to see; in a line of text their place follows its bidi order).
The detector itself is proven on a planted fault page (``faults/rtl-physical``: one element per physical property,
each caught by name) and its logical twin (passes), and on ``faults/rtl-overflow`` (scrolls only in RTL).

Directional icons are drawn for the direction (``:dir(rtl)`` in the component's SCSS); their pixels are not compared
here. The lint half is ``tests/unit/test_logical_properties.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rtl import NARROW, WIDE, mirror_problems

from wetkit.serve import serve_in_thread

pytestmark = pytest.mark.browser

FAULTS_DIR = Path(__file__).with_name("faults")


@pytest.fixture(scope="module")
def rtl_driver(driver):
    """The worker's shared browser; its viewport override is cleared afterwards for the modules that follow."""
    yield driver
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture(scope="module")
def faults_url():
    server, url = serve_in_thread(FAULTS_DIR)
    yield url
    server.shutdown()


# ---- the detector, proven on planted faults ----------------------------------------------------------------------

# Each planted element (by id) -> what the report must say about it. The element's own side properties are named
# where they differ; text alignment and a float show only in the geometry.
PLANTED = {
    "margin": ["margin-left is 32 in LTR but margin-right is 0 in RTL", "box is 32px from the start edge"],
    "padding": ["padding-left is 32 in LTR but padding-right is 0 in RTL"],
    "border": ["border-left-width is 8 in LTR but border-right-width is 1 in RTL"],
    "radius": ["border-top-left-radius is 16 in LTR but border-top-right-radius is 0 in RTL"],
    "inset": ["left is 0 in LTR but right is", "box is 0px from the start edge"],
    "align": ["its text starts 0px from the start of its content box in LTR",
              "text is aligned left in LTR and left in RTL"],
    "float": ["box is 0px from the start edge"],
    "inline-margin": ["margin-left is 0 in LTR but margin-right is 32 in RTL"],
}


def _by_id(problems: list[str]) -> dict[str, list[str]]:
    """``"320px: div#margin.box: ..."`` lines grouped by the element's id (or its whole name when it has none)."""
    found: dict[str, list[str]] = {}
    for line in problems:
        element = line.split(": ", 2)[1].split("::")[0]
        key = element.split("#", 1)[1].split(".")[0] if "#" in element else element
        found.setdefault(key, []).append(line)
    return found


def test_planted_physical_properties_are_caught(rtl_driver, faults_url):
    rtl_driver.get(f"{faults_url}rtl-physical/fault.html")
    problems = mirror_problems(rtl_driver, NARROW)
    found = _by_id(problems)
    assert set(found) == set(PLANTED), "\n".join(problems)  # every planted element, and nothing unplanted
    for key, phrases in PLANTED.items():
        for phrase in phrases:
            assert any(phrase in line for line in found[key]), (key, phrase, found[key])


def test_logical_twin_of_the_planted_page_mirrors(rtl_driver, faults_url):
    rtl_driver.get(f"{faults_url}rtl-physical/fixed.html")
    assert mirror_problems(rtl_driver, NARROW) == []
    assert mirror_problems(rtl_driver, WIDE) == []


def test_scroll_that_appears_only_in_rtl_is_caught(rtl_driver, faults_url):
    rtl_driver.get(f"{faults_url}rtl-overflow/fault.html")
    problems = mirror_problems(rtl_driver, NARROW)
    assert any("px wide in a 320px viewport in RTL: div#ribbon" in line for line in problems), problems
    rtl_driver.get(f"{faults_url}rtl-overflow/fixed.html")
    assert mirror_problems(rtl_driver, NARROW) == []


def test_the_page_dir_is_restored(rtl_driver, faults_url):
    rtl_driver.get(f"{faults_url}rtl-physical/fixed.html")
    mirror_problems(rtl_driver, NARROW)
    assert rtl_driver.execute_script("return document.documentElement.getAttribute('dir')") is None
