"""Audits through a Selenium Grid 4 (the standalone jar pinned in package-lock.json, on loopback, its node running this
machine's chromedriver and Chromium) find exactly what the local browser finds, one browser or two; a WebDriver URL
that does not answer is a clear error naming it."""

from __future__ import annotations

import socket

import pytest
from test_pool import BODY, FILES, HEAD, PAGES

from wetkit.audit.pool import audit_pages
from wetkit.audit.runner import Auditor
from wetkit.errors import BrowserNotFound
from wetkit.serve import serve_in_thread

pytestmark = pytest.mark.browser

SITE_PAGES = ["en/components/button/", "fr/components/text_input/"]
FAULTS = ["clean", "missing-alt", "too-wide", "hidden-focus", "missing-script"]
EXPECTED = {  # the fault each planted page must show, so that "the same findings" cannot mean "none on either"
    "missing-alt": ("axe", "image-alt"),
    "too-wide": ("reflow", "horizontal-scroll"),
    "hidden-focus": ("focus", "focus-not-visible"),
    "missing-script": ("console", "console-error"),  # the browser log, read through the Grid
}


@pytest.fixture(scope="module")
def fault_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("grid-pages")
    pages = {**PAGES, "missing-script": ('<script src="nope.js"></script>', "<p>Script 404.</p>")}
    for name in FAULTS:
        head, body = pages[name]
        (root / f"{name}.html").write_text(HEAD.format(title=name, head=head) + BODY.format(title=name, body=body))
    for name, text in FILES.items():
        (root / name).write_text(text)
    server, url = serve_in_thread(root)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def urls(site_url, fault_url):
    return [site_url + path for path in SITE_PAGES] + [f"{fault_url}{name}.html" for name in FAULTS]


@pytest.fixture(scope="module")
def local_findings(urls):
    with Auditor() as auditor:
        return _findings([auditor.audit(url) for url in urls])


def _findings(results) -> set[tuple]:
    return {(r.url, p.check, p.rule, p.target, p.width) for r in results for p in r.problems}


def _check_planted(findings, fault_url):
    for name, (check, rule) in EXPECTED.items():
        assert any(f[0] == f"{fault_url}{name}.html" and f[1:3] == (check, rule) for f in findings), name


def test_grid_finds_what_the_local_browser_finds(selenium_grid, urls, local_findings, fault_url):
    with Auditor(remote_url=selenium_grid) as auditor:
        remote = [auditor.audit(url) for url in urls]
        assert type(auditor.driver).__name__ == "RemoteChromium"
        assert auditor.axe.version.startswith("4.14.")
    _check_planted(local_findings, fault_url)
    assert _findings(remote) == local_findings


def test_two_grid_browsers_in_the_pool_give_the_same_findings(selenium_grid, urls, local_findings):
    results = audit_pages(urls, workers=2, remote_url=selenium_grid)
    assert [r.url for r in results] == urls
    assert _findings(results) == local_findings


def test_webdriver_url_from_the_environment_is_used(selenium_grid, fault_url, monkeypatch):
    monkeypatch.setenv("WETKIT_WEBDRIVER_URL", selenium_grid)
    with Auditor() as auditor:
        result = auditor.audit(f"{fault_url}missing-alt.html")
        assert type(auditor.driver).__name__ == "RemoteChromium"
    assert ("axe", "image-alt") in {(p.check, p.rule) for p in result.problems}


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/wd/hub"


def test_a_grid_that_is_down_is_named_in_the_error():
    url = _closed_port_url()
    with Auditor(remote_url=url) as auditor, pytest.raises(BrowserNotFound, match="no WebDriver answers at") as err:
        auditor.audit("http://127.0.0.1:1/")
    assert url in str(err.value)
    with pytest.raises(BrowserNotFound, match="no WebDriver answers at") as err:
        audit_pages(["http://127.0.0.1:1/"] * 2, workers=2, remote_url=url)
    assert url in str(err.value)
