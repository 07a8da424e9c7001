"""One page holding the first example of every component in the registry (so a new component joins with no edit),
served with wetkit's Content-Security-Policy (default-src 'self'): no CSP violation, no console error, and no
wetkit warning once every module has started.

The page is written into a copy of the built site (the shared build stays as built: other tests, the HTML checker's
among them, read it) and served by ``wetkit.serve`` (which sends the CSP header). Violations
are caught twice: Chromium logs each as a console error, and a ``securitypolicyviolation`` listener, added through
the DevTools protocol before any page script runs (not an inline script, which the CSP would itself block),
records them.
"""

from __future__ import annotations

import shutil

import pytest
from markupsafe import Markup

from wetkit import serve
from wetkit.registry import get_registry
from wetkit.site import Page, SiteBuilder

pytestmark = pytest.mark.browser

_RECORD = ("window.__cspViolations = [];"
           "document.addEventListener('securitypolicyviolation', function (e) {"
           " window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI); });")
_PAGE = ('{% extends "wetkit/page.html" %}{% block content %}<h1>{{ title }}</h1>'
         '{% for name, demo in demos %}<section aria-label="{{ name }}" class="wet-demo">{{ demo }}</section>'
         '{% endfor %}{% endblock %}')


def _all_components_page(out) -> list[str]:
    """Writes ``out/all-components/index.html``; returns the components on it."""
    registry = get_registry()
    builder = SiteBuilder(registry)
    demos = []
    for name in registry.names():
        spec = registry[name]
        example = next(iter(spec.examples.values()))
        demos.append((name, Markup(builder.demo(spec, example, "en"))))
    page = Page("all-components/", "Every component", "en", counterpart="all-components/")
    context = {**builder._context(page, 1), "language_toggle": None, "breadcrumbs": None, "date_modified": None}
    html = builder.envs["en"].from_string(_PAGE).render(**context, demos=demos)
    (out / "all-components").mkdir(exist_ok=True)
    (out / "all-components" / "index.html").write_text(html, encoding="utf-8")
    return [name for name, _ in demos]


def test_every_component_on_one_page_under_the_csp(built_site, driver, tmp_path):
    from selenium.webdriver.support.ui import WebDriverWait

    site = shutil.copytree(built_site, tmp_path / "site")
    names = _all_components_page(site)
    server, url = serve.serve_in_thread(site)
    script = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _RECORD})
    try:
        driver.get_log("browser")  # drop what earlier tests left
        driver.get(url + "all-components/")
        WebDriverWait(driver, 10).until(lambda d: d.execute_script(
            "return document.readyState === 'complete' && document.documentElement.classList.contains('wet-js')"))
        driver.execute_async_script("setTimeout(arguments[0], 300)")  # timers started at load
        started = driver.execute_script(
            "return Array.prototype.map.call(document.querySelectorAll('[data-wetkit-module]'),"
            " function (e) { return e.getAttribute('data-wetkit-module'); })")
        violations = driver.execute_script("return window.__cspViolations")
        log = driver.get_log("browser")
    finally:
        driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})
        server.shutdown()
    assert len(names) == len(get_registry().names()) and "toggle" in names and "accordion" in names
    assert started, "the page holds scripted components"
    assert violations == []
    assert [e["message"] for e in log if e["level"] == "SEVERE"] == []
    assert [e["message"] for e in log if "wetkit:" in e.get("message", "")] == [], "a module warned"
