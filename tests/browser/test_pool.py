"""The parallel engine (wetkit.audit.pool.audit_pages): the same findings with one browser or two, in the order of the
pages given, and a run that survives a page that hangs the browser, crashes its tab, or a browser killed mid-run."""

from __future__ import annotations

import pytest

from wetkit.audit.pool import audit_pages, kill_browser
from wetkit.serve import serve_in_thread

pytestmark = pytest.mark.browser

HEAD = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>' \
       '<link rel="icon" href="data:,"><meta name="viewport" content="width=device-width">{head}</head>'
BODY = '<body><main><h1>{title}</h1>{body}</main></body></html>'

PAGES = {
    "clean": ("", '<p>Fine. <a href="#x" id="x">A link</a></p>'),
    "missing-alt": ("", '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="1" height="1">'),
    "too-wide": ('<link rel="stylesheet" href="wide.css">', '<div class="wide">wide</div>'),
    "hidden-focus": ('<link rel="stylesheet" href="nofocus.css">', '<p><a href="#y" id="y">Quiet link</a></p>'),
    # loads, then its script never gives the renderer back: WebDriver calls on it hang
    "busy-loop": ('<script src="loop.js"></script>', "<p>Busy.</p>"),
}
FILES = {
    "wide.css": ".wide { width: 600px; }",
    "nofocus.css": "a:focus, a:focus-visible { outline: none; }",
    "loop.js": "setTimeout(function () { for (;;) {} }, 200);",
}
SITE_PAGES = ["", "en/components/error_summary/", "fr/components/details/"]


@pytest.fixture(scope="module")
def pages_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("pool-pages")
    for name, (head, body) in PAGES.items():
        (root / f"{name}.html").write_text(HEAD.format(title=name, head=head) + BODY.format(title=name, body=body))
    for name, text in FILES.items():
        (root / name).write_text(text)
    server, url = serve_in_thread(root)
    yield url
    server.shutdown()


def _findings(results):
    """What a result says about its page, without what differs between runs (ports in console messages)."""
    return [(r.url, sorted((p.check, p.rule, p.target, p.width) for p in r.problems), sorted(r.needs_review))
            for r in results]


def test_one_and_two_workers_give_the_same_results_in_the_order_given(site_url, pages_url):
    urls = [site_url + path for path in SITE_PAGES] + [
        f"{pages_url}{name}.html" for name in ("missing-alt", "clean", "hidden-focus", "too-wide")]
    one = audit_pages(urls, workers=1)
    two = audit_pages(urls, workers=2)
    assert [r.url for r in one] == urls == [r.url for r in two]
    assert _findings(one) == _findings(two)
    found = {r.url.removeprefix(pages_url): {(p.check, p.rule) for p in r.problems} for r in one}
    assert ("axe", "image-alt") in found["missing-alt.html"]
    assert ("focus", "focus-not-visible") in found["hidden-focus.html"]
    assert ("reflow", "horizontal-scroll") in found["too-wide.html"]
    assert found["clean.html"] == set()
    assert all(r.ok for r in one[:len(SITE_PAGES)]), "\n".join(r.report() for r in one)


def test_a_hung_or_crashed_page_is_reported_and_the_run_goes_on(pages_url):
    clean = f"{pages_url}clean.html"
    seen = []
    results = audit_pages([clean, f"{pages_url}busy-loop.html", clean, "chrome://crash", clean], workers=1,
                          page_load_timeout=10, page_timeout=40, on_result=lambda i, r: seen.append(i))
    hung, crashed = results[1], results[3]
    assert [p.check for p in hung.problems] == ["load"], hung.report()
    assert [(p.check, p.rule) for p in crashed.problems] == [("load", "browser-error")], crashed.report()
    assert results[0].ok and results[2].ok and results[4].ok, "\n".join(r.report() for r in results)
    assert sorted(seen) == [0, 1, 2, 3, 4]


def test_prepare_runs_in_every_new_browser_and_a_killed_browser_is_not_blamed_on_the_next_page(pages_url):
    """``prepare`` (a login, in real use) runs once per browser: for each worker, and again after a restart. A
    browser killed between two pages is replaced, and the next page is audited in the new one."""
    clean = f"{pages_url}clean.html"
    drivers = []

    def prepare(driver):
        driver.get(clean)
        driver.add_cookie({"name": "signed-in", "value": "yes"})
        drivers.append(driver)

    def kill_after_first(index, result):
        if index == 0:
            kill_browser(drivers[-1])

    results = audit_pages([clean, f"{pages_url}missing-alt.html", clean], workers=1, prepare=prepare,
                          on_result=kill_after_first)
    assert len(drivers) == 2
    assert results[0].ok and results[2].ok
    assert {(p.check, p.rule) for p in results[1].problems} == {("axe", "image-alt")}

    drivers.clear()
    two = audit_pages([clean] * 4, workers=2, prepare=prepare)
    assert len(drivers) == 2 and all(r.ok for r in two)


def test_prepare_that_fails_stops_the_run(pages_url):
    def prepare(driver):
        raise RuntimeError("login page did not answer")

    with pytest.raises(RuntimeError, match="login page did not answer"):
        audit_pages([f"{pages_url}clean.html"] * 3, workers=2, prepare=prepare)


@pytest.mark.parametrize("workers", [0, -1, 1.5, True])
def test_workers_must_be_a_whole_number(workers):
    with pytest.raises(ValueError, match="workers"):
        audit_pages(["http://127.0.0.1:1/"], workers=workers)
