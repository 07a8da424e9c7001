"""Every page of the built site, audited in Chromium: axe-core 4.14 (WCAG 2.0-2.2 A/AA + best practice) at 1280
and 320 CSS px, no horizontal scroll at 320 px, a visible change on every element a Tab press focuses, and no
console errors (CSP violations included: the server sends default-src 'self').

The site is built in English and French (``/en/...``, ``/fr/...``): every French page runs exactly the same checks,
and its report is in French (axe's own ``fr`` locale, see the ``axe_in`` fixture).

Theme variants (``en/themes/<theme>/...``: the same HTML as the English example page, another theme's stylesheet)
get the audit's "presentation" scope: every check a stylesheet can change, in light, dark and forced colours at both
widths, and not the markup rules their base page already passed (``wetkit.audit.runner.SCOPES``; the argument is held
for every theme by tests/unit/test_presentation_scope.py).

The same page load then serves the right-to-left check of ``test_rtl.py`` (``rtl.mirror_problems``): every page in the
site's own theme must mirror when ``<html dir="rtl">`` is set. Theme variants are left out of it: a theme changes
custom property values only (held for every theme by tests/unit/test_presentation_scope.py), and every side property
and inset is written in logical terms for all themes alike, so a variant mirrors exactly as its base page does.

Parametrised from the site manifest, which is generated from the specs: a new example is scanned with no test edit.
The pages are shared out among the xdist workers one at a time; when the whole file runs, conftest.py fails the
session unless a browser audited every page of the built site's manifest.json (no silent passes).
"""

from __future__ import annotations

import pytest
from rtl import NARROW, WIDE, mirror_problems

from wetkit.registry import get_registry
from wetkit.site import SiteBuilder

BUILDER = SiteBuilder()
PAGES = BUILDER.page_list()
SITE_THEME = BUILDER.theme_name

pytestmark = pytest.mark.browser


def _allowed_rules(page) -> list[str]:
    if page.component is None:
        return []
    return [entry["rule"] for entry in get_registry()[page.component].a11y.get("allow", [])]


@pytest.mark.parametrize("page", PAGES, ids=[p.path or "index" for p in PAGES])
def test_page_has_no_barriers(page, auditor, axe_in, site_url):
    axe_in(page.lang)
    scope = "full" if page.theme == SITE_THEME else "presentation"
    result = auditor.audit(site_url + page.path, allow=_allowed_rules(page), scope=scope)
    name = page.path or "index"
    assert result.ok, f"{len(result.problems)} problem(s):\n" + result.report(name)
    if scope == "full":  # the audit leaves the page as loaded, at its first width (1280 px), in light mode
        driver = auditor.driver
        mirror = mirror_problems(driver, WIDE, resize=auditor.widths[0] != WIDE) + mirror_problems(driver, NARROW)
        assert not mirror, f"{name} with dir=rtl:\n" + "\n".join(mirror)
