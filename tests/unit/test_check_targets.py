"""`wetkit check` targets: URLs, folders, HTML files, sitemaps (safely parsed), the crawl, cookies, --prepare."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from wetkit.audit import targets as t
from wetkit.audit.targets import Fetched, TargetError

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://example.org/</loc><lastmod>2024-01-01</lastmod></url>
  <url><loc> https://example.org/apply </loc></url>
  <url><loc>ftp://example.org/file</loc></url>
</urlset>"""


# -- URLs ------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("given", "expected"), [
    ("HTTP://Example.ORG:80/a/./b/../c#frag", "http://example.org/a/c"),
    ("https://example.org:443", "https://example.org/"),
    ("https://example.org:8443/x?b=2&a=1", "https://example.org:8443/x?b=2&a=1"),
    ("http://127.0.0.1:5000/a/b/..", "http://127.0.0.1:5000/a/"),
])
def test_urls_are_normalised_for_dedupe(given, expected):
    assert t.normalise_url(given) == expected


def test_page_key_drops_the_origin_so_ports_and_hosts_do_not_matter():
    assert t.page_key("http://127.0.0.1:41231/components/alert/?x=1") == "/components/alert/?x=1"
    assert t.page_key("https://staging.example.org") == "/"


# -- sitemaps --------------------------------------------------------------------------------------------------------

def test_sitemap_urls_in_order_only_http():
    kind, locations = t.parse_sitemap(SITEMAP.encode())
    assert kind == "urlset"
    assert locations == ["https://example.org/", "https://example.org/apply", "ftp://example.org/file"]


def test_sitemap_gzip_and_no_namespace():
    data = gzip.compress(b"<urlset><url><loc>http://a.test/x</loc></url></urlset>")
    assert t.parse_sitemap(data) == ("urlset", ["http://a.test/x"])


@pytest.mark.parametrize("data", [
    b"this is not xml",
    b"<html><body>404</body></html>",
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    b"<urlset><url><loc>&lol2;</loc></url></urlset>",
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><urlset><url><loc>&e;</loc>'
    b"</url></urlset>",
])
def test_bad_sitemaps_are_refused_never_expanded(data):
    with pytest.raises(t.SitemapError) as caught:
        t.parse_sitemap(data, "site/sitemap.xml")
    assert "site/sitemap.xml" in str(caught.value)


def test_local_sitemap_and_index(tmp_path, monkeypatch):
    index = tmp_path / "sitemap.xml"
    index.write_text('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                     "<sitemap><loc>https://example.org/a.xml</loc></sitemap>"
                     "<sitemap><loc>https://example.org/broken.xml</loc></sitemap></sitemapindex>")
    served = {"https://example.org/a.xml": b"<urlset><url><loc>https://example.org/p1</loc></url>"
                                           b"<url><loc>https://example.org/p2</loc></url></urlset>",
              "https://example.org/broken.xml": b"<p>oops"}
    monkeypatch.setattr(t, "fetch", lambda url, cookies=(), limit=0: Fetched(url, 200, "application/xml",
                                                                               served[url]))
    found = t.resolve_targets([str(index)])
    assert found.urls == ["https://example.org/p1", "https://example.org/p2"]
    assert [(u.url, u.rule) for u in found.unreachable] == [("https://example.org/broken.xml", "sitemap-invalid")]
    assert "not XML" in found.unreachable[0].message


def test_a_sitemap_that_is_not_xml_is_a_finding_not_a_crash(tmp_path):
    bad = tmp_path / "sitemap.xml"
    bad.write_text("User-agent: *\nDisallow:\n")
    found = t.resolve_targets([str(bad)])
    assert found.urls == []
    assert found.unreachable[0].url == str(bad) and found.unreachable[0].rule == "sitemap-invalid"


# -- folders and files -----------------------------------------------------------------------------------------------

class FakeServer:
    def __init__(self):
        self.stopped = False

    def shutdown(self):
        self.stopped = True

    def server_close(self):
        pass


def _fake_serve(started):
    def serve(folder):
        started.append(folder)
        return FakeServer(), f"http://127.0.0.1:9/{len(started)}/"
    return serve


def test_folder_uses_its_manifest_else_every_html(tmp_path):
    built = tmp_path / "built"
    built.mkdir()
    (built / "manifest.json").write_text(json.dumps({"pages": [{"path": ""}, {"path": "components/a b/"}]}))
    plain = tmp_path / "plain"
    (plain / "sub").mkdir(parents=True)
    (plain / "b.html").write_text("x")
    (plain / "sub" / "a.html").write_text("x")
    (plain / "notes.txt").write_text("x")
    started = []
    with t.resolve_targets([str(built), str(plain)], serve=_fake_serve(started)) as found:
        assert found.urls == ["http://127.0.0.1:9/1/", "http://127.0.0.1:9/1/components/a%20b/",
                              "http://127.0.0.1:9/2/b.html", "http://127.0.0.1:9/2/sub/a.html"]
        servers = list(found.servers)
    assert all(server.stopped for server in servers)


def test_html_file_serves_its_folder_once(tmp_path):
    (tmp_path / "a.html").write_text("x")
    (tmp_path / "b.htm").write_text("x")
    started = []
    found = t.resolve_targets([str(tmp_path / "a.html"), str(tmp_path / "b.htm"), str(tmp_path / "a.html")],
                              serve=_fake_serve(started))
    assert found.urls == ["http://127.0.0.1:9/1/a.html", "http://127.0.0.1:9/1/b.htm"]  # deduped
    assert len(started) == 1


@pytest.mark.parametrize("item", ["nope/", "file:///etc/passwd", "javascript:alert(1)", "ftp://example.org/", ""])
def test_targets_that_cannot_be_checked_are_usage_errors(item):
    with pytest.raises(TargetError):
        t.resolve_targets([item])


def test_other_files_are_refused_with_a_hint(tmp_path):
    (tmp_path / "style.css").write_text("x")
    with pytest.raises(TargetError, match="folder, an .html file, a sitemap"):
        t.resolve_targets([str(tmp_path / "style.css")])


def test_bad_manifest_names_the_file(tmp_path):
    (tmp_path / "manifest.json").write_text("[1, 2]")
    with pytest.raises(TargetError, match="manifest.json"):
        t.resolve_targets([str(tmp_path)], serve=_fake_serve([]))


def test_max_pages_caps_and_says_so():
    found = t.resolve_targets(["http://a.test/1", "http://a.test/2", "http://a.test/3"], max_pages=2)
    assert found.urls == ["http://a.test/1", "http://a.test/2"]
    assert "1 more page(s)" in found.notes[0]
    with pytest.raises(TargetError):
        t.resolve_targets(["http://a.test/"], max_pages=0)


# -- the crawl -------------------------------------------------------------------------------------------------------

SITE = {
    "http://a.test/": ("text/html", '<a href="/about">About</a> <a href="b.html#top">B</a> <a href="/logout">Out</a>'
                                    '<a href="http://other.test/">Elsewhere</a> <a href="mailto:x@a.test">Mail</a>'
                                    '<a href="/report.pdf">PDF</a> <a href="/f" download>File</a>'
                                    '<a href="HTTP://A.TEST:80/about#x">About again</a> <a href="/gone">Gone</a>'),
    "http://a.test/about": ("text/html", '<base href="/docs/"><a href="intro">Intro</a> <a href="../">Home</a>'),
    "http://a.test/b.html": ("text/html", '<a href="/data.json-feed">Feed</a>'),
    "http://a.test/docs/intro": ("text/html", "<p>Intro</p> <a href='/index.html'>Home again</a>"),
    "http://a.test/data.json-feed": ("application/json", "{}"),
    "http://a.test/index.html": ("text/html", '<a href="/about">About</a> <a href="b.html#top">B</a> '
                                              '<a href="/logout">Out</a><a href="http://other.test/">Elsewhere</a> '
                                              '<a href="mailto:x@a.test">Mail</a><a href="/report.pdf">PDF</a> '
                                              '<a href="/f" download>File</a><a href="HTTP://A.TEST:80/about#x">'
                                              'About again</a> <a href="/gone">Gone</a>'),
}


def fake_fetch(url):
    if url not in SITE:
        import urllib.error

        raise urllib.error.HTTPError(url, 404, "Not Found", {}, None)
    kind, body = SITE[url]
    return Fetched(url, 200, kind, body.encode())


def test_crawl_follows_same_origin_html_links_once():
    requested = []

    def fetch(url):
        requested.append(url)
        return fake_fetch(url)

    pages, failed = t.crawl("http://a.test/", 20, exclude=[re.compile("/logout")], fetcher=fetch)
    assert pages == ["http://a.test/", "http://a.test/about", "http://a.test/b.html", "http://a.test/docs/intro"]
    assert [(f.url, f.rule) for f in failed] == [("http://a.test/gone", "http-error")]
    assert "404" in failed[0].message and "http://a.test/gone" in failed[0].message
    assert not any(url.endswith((".pdf", "/logout", "/f")) or "other.test" in url for url in requested)
    assert len(requested) == len(set(requested))
    # the JSON "page" was fetched and skipped; /index.html has the same bytes as / and is not checked twice


def test_crawl_stops_at_max_pages():
    pages, _failed = t.crawl("http://a.test/", 2, fetcher=fake_fetch)
    assert pages == ["http://a.test/", "http://a.test/about"]


def test_crawl_start_unreachable_is_reported_on_the_start_url():
    def down(url):
        import urllib.error

        raise urllib.error.URLError(ConnectionRefusedError(111, "Connection refused"))

    pages, failed = t.crawl("http://127.0.0.1:9/", 5, fetcher=down)
    assert pages == [] and failed[0].rule == "unreachable" and "127.0.0.1:9" in failed[0].message


def test_links_ignore_tabs_newlines_and_other_schemes():
    body = b'<a href="java\tscript:alert(1)">x</a><a href=" /a\n/b ">y</a><area href="/c"><a href="data:,x">d</a>'
    assert t.page_links(body, "http://a.test/dir/") == ["http://a.test/a/b", "http://a.test/c"]


# -- cookies and --prepare -------------------------------------------------------------------------------------------

def test_cookies_from_json_and_netscape(tmp_path):
    as_json = tmp_path / "cookies.json"
    as_json.write_text(json.dumps([{"name": "session", "value": "abc", "domain": "127.0.0.1", "httpOnly": True,
                                    "sameSite": "Lax", "extra": "ignored"}]))
    assert t.load_cookies(as_json) == [{"name": "session", "value": "abc", "domain": "127.0.0.1", "path": "/",
                                        "httpOnly": True, "sameSite": "Lax"}]
    as_txt = tmp_path / "cookies.txt"
    as_txt.write_text("# Netscape HTTP Cookie File\n\n"
                      "#HttpOnly_.example.org\tTRUE\t/\tTRUE\t1999999999\tsid\txyz\n"
                      "127.0.0.1\tFALSE\t/app\tFALSE\t0\tlang\tfr\n")
    assert t.load_cookies(as_txt) == [
        {"name": "sid", "value": "xyz", "domain": ".example.org", "path": "/", "secure": True, "httpOnly": True,
         "expiry": 1999999999},
        {"name": "lang", "value": "fr", "domain": "127.0.0.1", "path": "/app", "secure": False, "httpOnly": False},
    ]


@pytest.mark.parametrize(("content", "message"), [
    ("[{\"name\": \"x\"}]", "entry 1 needs a string 'value'"),
    ("{not json", "not valid JSON"),
    ("example.org\tTRUE\t/\n", "line 1: a cookies.txt line has 7"),
    ("# only comments\n", "no cookies"),
])
def test_bad_cookie_files_name_the_problem(tmp_path, content, message):
    bad = tmp_path / "c.txt"
    bad.write_text(content)
    with pytest.raises(TargetError, match=re.escape(message)):
        t.load_cookies(bad)
    with pytest.raises(TargetError, match="cannot read"):
        t.load_cookies(tmp_path / "missing.txt")


def test_cookie_header_matches_domain_path_and_secure():
    cookies = [{"name": "a", "value": "1", "domain": ".example.org", "path": "/"},
               {"name": "b", "value": "2", "domain": "example.org", "path": "/app", "secure": True},
               {"name": "c", "value": "3", "domain": "other.test", "path": "/"}]
    assert t.cookie_header(cookies, "https://www.example.org/app/x") == "a=1"
    assert t.cookie_header(cookies, "https://example.org/app/x") == "a=1; b=2"
    assert t.cookie_header(cookies, "http://example.org/app") == "a=1"
    assert t.cookie_header(cookies, "http://nothing.test/") is None


def test_cookie_setter_uses_cdp_when_it_can():
    class Driver:
        def __init__(self):
            self.calls = []

        def execute_cdp_cmd(self, name, params):
            self.calls.append((name, params))

    driver = Driver()
    t.cookie_setter([{"name": "s", "value": "v", "domain": "127.0.0.1", "path": "/", "expiry": 5}])(driver)
    assert driver.calls == [("Network.setCookie", {"name": "s", "value": "v", "domain": "127.0.0.1", "path": "/",
                                                   "secure": False, "httpOnly": False, "expires": 5})]


def test_prepare_from_module_or_file(tmp_path):
    hook = tmp_path / "login.py"
    hook.write_text("CALLS = []\ndef log_in(driver):\n    CALLS.append(driver)\n")
    function = t.load_prepare(f"{hook}:log_in")
    function("driver")
    assert function.__module__.startswith("wetkit_prepare_")
    assert t.load_prepare("json:dumps") is json.dumps
    for bad, message in (("json", "module:function"), ("json:nope", "no function 'nope'"),
                         ("no_such_module_x:f", "importing no_such_module_x failed"),
                         (f"{tmp_path}/missing.py:f", "no file")):
        with pytest.raises(TargetError, match=re.escape(message)):
            t.load_prepare(bad)


def test_combine_prepare_runs_steps_in_order():
    seen = []
    combined = t.combine_prepare(None, lambda d: seen.append(("cookies", d)), lambda d: seen.append(("login", d)))
    combined("drv")
    assert seen == [("cookies", "drv"), ("login", "drv")]
    assert t.combine_prepare(None, None) is None
