"""What `wetkit check` audits, in detail: the exact words of every usage error, URL normalising and origins, sitemap
indexes (depth, loops, failing children), the crawl's limits and skips, cookies files, and real HTTP fetches against
a loopback server (redirects stay on http(s), the size limit, the cookie header)."""

from __future__ import annotations

import gzip
import http.server
import json
import re
import socket
import sys
import threading
import urllib.error

import pytest
from loopback import serving

from wetkit.audit import targets as t
from wetkit.audit.targets import Fetched, TargetError, Unreachable

URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</urlset>'
INDEX = '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</sitemapindex>'


def urlset(*locs: str) -> bytes:
    return URLSET.format("".join(f"<url><loc>{loc}</loc></url>" for loc in locs)).encode()


def index(*locs: str) -> bytes:
    return INDEX.format("".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)).encode()


def serve_from(monkeypatch, served: dict[str, bytes], calls: list | None = None) -> list[str]:
    """``t.fetch`` answers from ``served`` (a missing URL is a 404); returns the URLs asked for, in order, and puts
    each call's ``(url, cookies, limit)`` in ``calls`` when given."""
    asked = []

    def fetch(url, cookies=(), limit=t.MAX_PAGE_BYTES):
        asked.append(url)
        if calls is not None:
            calls.append((url, cookies, limit))
        if url not in served:
            raise urllib.error.HTTPError(url, 404, "Not Found", {}, None)
        return Fetched(url, 200, "application/xml", served[url])

    monkeypatch.setattr(t, "fetch", fetch)
    return asked


class StubServer:
    """Stands in for the loopback server :mod:`wetkit.serve` starts for a folder; records being stopped."""

    def __init__(self):
        self.calls = []

    def shutdown(self):
        self.calls.append("shutdown")

    def server_close(self):
        self.calls.append("closed")


def stub_serve(folder):
    return StubServer(), "http://s/"


def usage_error(call) -> str:
    with pytest.raises(TargetError) as info:
        call()
    return str(info.value)


# -- URLs and origins ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("given", "expected"), [
    ("http://[::1]:8080/a", "http://[::1]:8080/a"),
    ("http://[::1]:80/a", "http://[::1]/a"),
    ("https://Example.org:80/", "https://example.org:80/"),
    ("http://example.org:443/", "http://example.org:443/"),
    ("http://User:Pw@Example.org/x", "http://User:Pw@example.org/x"),
    ("http://user@example.org/x", "http://user@example.org/x"),
    ("http://example.org:99999/x", "http://example.org/x"),
    ("  http://example.org  ", "http://example.org/"),
    ("http://example.org/a/./", "http://example.org/a/"),
    ("http://example.org/a/.", "http://example.org/a/"),
    ("http://example.org/./a", "http://example.org/a"),
    ("http://example.org/a/b/../../..", "http://example.org/"),
    ("http://example.org/a/../b", "http://example.org/b"),
    ("http://example.org/a?x=1#f", "http://example.org/a?x=1"),
])
def test_url_normalising_edges(given, expected):
    assert t.normalise_url(given) == expected


@pytest.mark.parametrize(("url", "expected"), [
    ("HTTP://Example.ORG/x", ("http", "example.org", 80)),
    ("https://example.org", ("https", "example.org", 443)),
    ("http://example.org:8080", ("http", "example.org", 8080)),
    ("ftp://example.org", ("ftp", "example.org", None)),
    ("http://example.org:99999/", ("http", "example.org", None)),
])
def test_origins_fill_in_default_ports(url, expected):
    assert t.origin(url) == expected


def test_page_keys_keep_the_query_and_name_an_empty_path_slash():
    assert t.page_key("http://a.test?x=1") == "/?x=1"
    assert t.page_key("http://a.test/p?") == "/p"


# -- usage errors ----------------------------------------------------------------------------------------------------

def test_every_usage_error_names_the_target_and_what_is_allowed(tmp_path):
    (tmp_path / "style.css").write_text("x")
    assert usage_error(lambda: t.resolve_targets(["  "])) == "an empty target was given"
    assert usage_error(lambda: t.resolve_targets(["mailto:x@a.test"])) == (
        "'mailto:x@a.test': only http(s) URLs, folders, .html files and sitemaps can be checked")
    assert usage_error(lambda: t.resolve_targets([str(tmp_path / "nope")])) == (
        f"'{tmp_path / 'nope'}': no such file or folder, and not an http(s) URL")
    assert usage_error(lambda: t.resolve_targets([str(tmp_path / "style.css")])) == (
        f"'{tmp_path / 'style.css'}' is a file wetkit cannot check: give a folder, an .html file, a sitemap (.xml) "
        "or an http(s) URL")
    assert usage_error(lambda: t.resolve_targets(["http://a.test/"], exclude=["(unclosed"])) == (
        "--exclude '(unclosed': not a regular expression (missing ), unterminated subpattern at position 0)")
    assert usage_error(lambda: t.resolve_targets(["http://a.test/"], max_pages=0)) == (
        "--max-pages must be at least 1, not 0")


def test_a_windows_drive_letter_is_a_path_not_a_scheme():
    assert usage_error(lambda: t.resolve_targets(["C:\\site"])) == (
        "'C:\\\\site': no such file or folder, and not an http(s) URL")
    assert usage_error(lambda: t.resolve_targets(["c:/site"])) == (
        "'c:/site': no such file or folder, and not an http(s) URL")


def test_one_page_is_allowed_and_the_note_counts_what_was_left_out():
    found = t.resolve_targets(["http://a.test/1", "http://a.test/2", "http://a.test/3"], max_pages=1)
    assert found.urls == ["http://a.test/1"]
    assert found.notes == ["--max-pages 1: 2 more page(s) found were not checked"]
    exact = t.resolve_targets(["http://a.test/1", "http://a.test/2"], max_pages=2)
    assert exact.urls == ["http://a.test/1", "http://a.test/2"] and exact.notes == []


def test_targets_are_deduped_by_their_normal_form_keeping_the_first_spelling():
    found = t.resolve_targets(["HTTP://A.test:80/x#top", "http://a.test/x", " http://a.test/y "])
    assert found.urls == ["HTTP://A.test:80/x#top", "http://a.test/y"]


def test_a_failing_target_stops_the_servers_already_started(tmp_path):
    (tmp_path / "a.html").write_text("x")
    server = StubServer()
    with pytest.raises(TargetError):
        t.resolve_targets([str(tmp_path / "a.html"), "nope://x"], serve=lambda folder: (server, "http://s/"))
    assert server.calls == ["shutdown", "closed"]


def test_a_served_folder_is_recorded_with_its_base(tmp_path):
    (tmp_path / "a.html").write_text("x")
    found = t.resolve_targets([str(tmp_path / "a.html"), str(tmp_path)], serve=stub_serve)
    assert found.roots == {"http://s/": str(tmp_path.resolve())}
    assert found.urls == ["http://s/a.html"]  # the folder's only page is the same page
    assert len(found.servers) == 1


@pytest.mark.parametrize(("manifest", "detail"), [
    ("[1, 2]", "list indices must be integers or slices, not str"),
    ('{"pages": [{"url": "/"}]}', "'path'"),
    ("{", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
])
def test_a_bad_manifest_says_what_a_manifest_is(tmp_path, manifest, detail):
    (tmp_path / "manifest.json").write_text(manifest)
    assert usage_error(lambda: t.resolve_targets([str(tmp_path)], serve=stub_serve)) == (
        f"{tmp_path / 'manifest.json'}: not a wetkit manifest (a JSON object with a 'pages' list of "
        f"{{'path': ...}}): {detail}")


def test_a_folder_without_a_manifest_lists_its_html_files_but_not_folders_named_html(tmp_path):
    (tmp_path / "odd.html").mkdir()
    (tmp_path / "odd.html" / "in.html").write_text("x")
    (tmp_path / "z.html").write_text("x")
    found = t.resolve_targets([str(tmp_path)], serve=stub_serve)
    assert found.urls == ["http://s/odd.html/in.html", "http://s/z.html"]


# -- sitemaps --------------------------------------------------------------------------------------------------------

def test_an_index_is_followed_one_level_down_and_no_deeper(monkeypatch):
    serve_from(monkeypatch, {
        "https://a.test/index.xml": index("https://a.test/index.xml", "https://a.test/nested.xml",
                                          "https://a.test/pages.xml"),
        "https://a.test/nested.xml": index("https://a.test/deep.xml"),
        "https://a.test/deep.xml": index("https://a.test/pages.xml"),
        "https://a.test/pages.xml": urlset("https://a.test/p1", "mailto:x@a.test", "https://a.test/p2"),
    })
    pages, failed = t.sitemap_urls("https://a.test/index.xml")
    assert pages == ["https://a.test/p1", "https://a.test/p2"]
    assert failed == [Unreachable("https://a.test/deep.xml", "sitemap-invalid",
                                  "sitemap index https://a.test/deep.xml nests deeper than 2 levels; not followed")]


def test_each_sitemap_is_read_once_even_when_listed_twice(monkeypatch):
    asked = serve_from(monkeypatch, {
        "https://a.test/index.xml": index("https://a.test/pages.xml", "https://a.test/pages.xml"),
        "https://a.test/pages.xml": urlset("https://a.test/p1"),
    })
    assert t.sitemap_urls("https://a.test/index.xml") == (["https://a.test/p1"], [])
    assert asked == ["https://a.test/index.xml", "https://a.test/pages.xml"]


def test_failing_children_of_an_index_are_findings_and_the_rest_is_read(monkeypatch):
    serve_from(monkeypatch, {
        "https://a.test/index.xml": index("ftp://a.test/x.xml", "https://a.test/missing.xml",
                                          "https://a.test/pages.xml"),
        "https://a.test/pages.xml": urlset("https://a.test/p1"),
    })
    pages, failed = t.sitemap_urls("https://a.test/index.xml")
    assert pages == ["https://a.test/p1"]
    assert failed == [
        Unreachable("ftp://a.test/x.xml", "sitemap-invalid",
                    "sitemap ftp://a.test/x.xml in https://a.test/index.xml is not an http(s) URL"),
        Unreachable("https://a.test/missing.xml", "http-error",
                    "sitemap https://a.test/missing.xml answered HTTP 404 Not Found"),
    ]


def test_a_sitemap_target_that_fails_or_lists_nothing_is_said(monkeypatch, tmp_path):
    serve_from(monkeypatch, {"https://a.test/empty.xml": urlset("ftp://a.test/x")})
    found = t.resolve_targets(["https://a.test/empty.xml", "https://a.test/gone.xml", "http://a.test/page"])
    assert found.urls == ["http://a.test/page"]
    assert found.notes == ["sitemap https://a.test/empty.xml lists no http(s) pages"]
    assert found.unreachable == [Unreachable("https://a.test/gone.xml", "http-error",
                                             "sitemap https://a.test/gone.xml answered HTTP 404 Not Found")]
    local = tmp_path / "map.xml.gz"
    local.write_bytes(gzip.compress(urlset("https://a.test/q")))
    assert t.resolve_targets([str(local)]).urls == ["https://a.test/q"]


def test_a_sitemap_url_is_known_by_its_path_not_its_query(monkeypatch):
    serve_from(monkeypatch, {"https://a.test/map.XML?v=2": urlset("https://a.test/p")})
    assert t.resolve_targets(["https://a.test/map.XML?v=2"]).urls == ["https://a.test/p"]
    assert t.resolve_targets(["https://a.test/page?file=a.xml"]).urls == ["https://a.test/page?file=a.xml"]


def test_sitemap_entries_other_than_urls_and_empty_locs_are_skipped():
    data = URLSET.format("<url><loc>  </loc></url><url><lastmod>2024</lastmod></url>"
                         "<sitemap><loc>https://a.test/not-a-url-entry</loc></sitemap>"
                         "<url><image><loc>https://a.test/img.png</loc></image><loc>https://a.test/p</loc></url>"
                         "<!-- comment --><url><loc>https://a.test/q</loc></url>").encode()
    assert t.parse_sitemap(data) == ("urlset", ["https://a.test/p", "https://a.test/q"])
    assert t.parse_sitemap(index("https://a.test/a.xml")) == ("sitemapindex", ["https://a.test/a.xml"])


@pytest.mark.parametrize(("data", "message"), [
    (b"<html><body>404</body></html>", "map.xml: not a sitemap (its root element is <html>, not <urlset> or "
                                       "<sitemapindex>)"),
    (b"\x1f\x8b\x08\x00broken", "map.xml: not a valid gzip file ("),
    (b"<urlset><url>", "map.xml: not XML (no element found: line 1, column 13)"),
    (b'<!DOCTYPE x [<!ENTITY e "e">]><urlset/>', "map.xml: has a DTD or entities, which a sitemap never needs "
                                                 "(refused: "),
])
def test_sitemap_refusals_say_why(data, message):
    with pytest.raises(t.SitemapError) as info:
        t.parse_sitemap(data, "map.xml")
    assert str(info.value).startswith(message)


def test_the_sitemap_size_limit_counts_unpacked_bytes(monkeypatch):
    monkeypatch.setattr(t, "MAX_SITEMAP_BYTES", 2 * 1024 * 1024)
    padding = b" " * (2 * 1024 * 1024 - len(urlset("https://a.test/p")))
    assert t.parse_sitemap(urlset("https://a.test/p") + padding) == ("urlset", ["https://a.test/p"])
    assert t.parse_sitemap(gzip.compress(urlset("https://a.test/p") + padding)) == ("urlset", ["https://a.test/p"])
    for data in (urlset("https://a.test/p") + padding + b" ", gzip.compress(urlset("https://a.test/p") + padding
                                                                             + b" ")):
        with pytest.raises(t.SitemapError) as info:
            t.parse_sitemap(data, "big.xml")
        assert str(info.value) == "big.xml: larger than 2 MB (the sitemap limit)"


# -- the crawl -------------------------------------------------------------------------------------------------------

def site(pages: dict[str, str], kinds: dict[str, str] | None = None, moved: dict[str, str] | None = None):
    """A fetcher over ``pages`` (url -> html); ``kinds`` overrides content types, ``moved`` redirects."""
    asked = []

    def fetch(url):
        asked.append(url)
        final = (moved or {}).get(url, url)
        if final not in pages:
            raise urllib.error.HTTPError(final, 404, "Not Found", {}, None)
        return Fetched(final, 200, (kinds or {}).get(final, "text/html"), pages[final].encode())

    fetch.asked = asked
    return fetch


def test_the_crawl_reads_xhtml_skips_other_types_and_redirects_away():
    fetch = site({"http://a.test/": '<a href="/x">x</a><a href="/feed">f</a><a href="/away">a</a>'
                                    '<a href="/x-again">x</a>',
                  "http://a.test/x": "<p>x</p>", "http://a.test/feed": "{}", "http://b.test/": "<p>b</p>"},
                 kinds={"http://a.test/x": "application/xhtml+xml", "http://a.test/feed": "text/plain"},
                 moved={"http://a.test/away": "http://b.test/", "http://a.test/x-again": "http://a.test/x"})
    pages, failed = t.crawl("http://a.test/", 10, fetcher=fetch)
    assert pages == ["http://a.test/", "http://a.test/x"]
    assert failed == []
    assert fetch.asked == ["http://a.test/", "http://a.test/x", "http://a.test/feed", "http://a.test/away",
                           "http://a.test/x-again"]


def test_the_crawl_names_a_failing_link_as_found_by_the_crawl():
    fetch = site({"http://a.test/": '<a href="/gone">g</a>'})
    pages, failed = t.crawl("http://a.test/", 10, fetcher=fetch)
    assert failed == [Unreachable("http://a.test/gone", "http-error",
                                  "http://a.test/gone answered HTTP 404 Not Found (a link found by the crawl)")]
    pages, failed = t.crawl("http://a.test/start", 10, fetcher=fetch)
    assert failed == [Unreachable("http://a.test/start", "http-error",
                                  "http://a.test/start answered HTTP 404 Not Found")]


def test_the_crawl_treats_a_bad_url_like_an_unreachable_page():
    def fetch(url):
        raise ValueError("bad port")

    assert t.crawl("http://a.test/", 3, fetcher=fetch) == (
        [], [Unreachable("http://a.test/", "unreachable", "http://a.test/ could not be reached: bad port")])


def test_the_crawl_skips_files_and_excluded_links_by_pattern_and_case():
    fetch = site({"http://a.test/": '<a href="/Report.PDF">r</a><a href="/img/a.JPEG">i</a><a href="/a.html">a</a>'
                                    '<a href="/logout?next=/">o</a><a href="/pdf">p</a>',
                  "http://a.test/a.html": "<p>a</p>", "http://a.test/pdf": "<p>pdf</p>"})
    pages, _ = t.crawl("http://a.test/", 10, exclude=[re.compile("logout"), re.compile(r"\?next=")], fetcher=fetch)
    assert pages == ["http://a.test/", "http://a.test/a.html", "http://a.test/pdf"]
    assert fetch.asked == ["http://a.test/", "http://a.test/a.html", "http://a.test/pdf"]


def test_a_crawl_target_uses_fifty_pages_unless_told(monkeypatch):
    limits = []
    monkeypatch.setattr(t, "crawl", lambda start, limit, cookies, patterns: (limits.append(limit) or
                                                                              ([start], [])))
    t.resolve_targets(["http://a.test/"], crawl_links=True)
    t.resolve_targets(["http://a.test/"], crawl_links=True, max_pages=7)
    assert limits == [50, 7]


def test_the_crawl_passes_its_findings_and_patterns_on(monkeypatch):
    seen = []

    def crawl(start, limit, cookies, patterns):
        seen.append((start, cookies, [p.pattern for p in patterns]))
        return [start, start + "b"], [Unreachable(start + "c", "http-error", "404")]

    monkeypatch.setattr(t, "crawl", crawl)
    found = t.resolve_targets(["http://a.test/"], crawl_links=True, cookies=[{"name": "s"}], exclude=["out"])
    assert found.urls == ["http://a.test/", "http://a.test/b"]
    assert found.unreachable == [Unreachable("http://a.test/c", "http-error", "404")]
    assert seen == [("http://a.test/", [{"name": "s"}], ["out"])]


def test_links_honour_the_first_base_and_survive_broken_markup():
    body = (b'<base href="/one/"><base href="/two/"><a href="a">a</a><area href="b" download>'
            b'<a href="">self</a><a>none</a><a href="MAILTO:x">m</a><a href="HTTPS://b.test/x#y">b</a>')
    assert t.page_links(body, "http://a.test/dir/page") == ["http://a.test/one/a", "https://b.test/x"]
    assert t.page_links(b'<a href="/kept">k</a><![if !IE]><a href="/after">', "http://a.test/")[0] == (
        "http://a.test/kept")
    # bytes that are not UTF-8 are read as U+FFFD, never a crash
    assert t.page_links("<a href='/é'>é</a>".encode("latin-1"), "http://a.test/") == ["http://a.test/\ufffd"]


# -- cookies ---------------------------------------------------------------------------------------------------------

def cookie_file(tmp_path, text: str, name: str = "cookies.json"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_json_cookies_from_playwright_with_expiry_and_a_byte_order_mark(tmp_path):
    path = tmp_path / "state.json"
    path.write_bytes("\ufeff".encode() + json.dumps({"cookies": [
        {"name": "a", "value": "", "domain": "a.test", "expires": 1700000000.5, "secure": True},
        {"name": "b", "value": "2", "domain": "a.test", "expires": -1, "path": "/app"},
        {"name": "c", "value": "3", "domain": "a.test", "expires": 5, "expiry": 9},
    ]}).encode())
    assert t.load_cookies(path) == [
        {"name": "a", "value": "", "domain": "a.test", "secure": True, "expiry": 1700000000, "path": "/"},
        {"name": "b", "value": "2", "domain": "a.test", "path": "/app"},
        {"name": "c", "value": "3", "domain": "a.test", "expiry": 9, "path": "/"},
    ]


@pytest.mark.parametrize(("text", "message"), [
    ('{"cookies": 3}', "a JSON cookies file is a list of objects with name, value and domain"),
    ("[1]", "entry 1 is not an object"),
    ('[{"name": "a", "value": "1", "domain": "a.test"}, {"name": "", "value": "1", "domain": "a.test"}]',
     "entry 2 needs a string 'name'"),
    ('[{"name": "a", "value": 1, "domain": "a.test"}]', "entry 1 needs a string 'value'"),
    ('[{"name": "a", "value": "1", "domain": ""}]', "entry 1 needs a string 'domain'"),
    ('[{"name": "a", "value": "1"}]', "entry 1 needs a string 'domain'"),
    ("[]", "no cookies in it"),
    ('{"a": 1,}', "not valid JSON (line 1: Expecting property name enclosed in double quotes)"),
    ("[\n1,\n]", "not valid JSON (line 3: Expecting value)"),
])
def test_json_cookie_files_say_which_entry_is_wrong(tmp_path, text, message):
    path = cookie_file(tmp_path, text)
    assert usage_error(lambda: t.load_cookies(path)) == f"--cookies {path}: {message}"


def test_netscape_cookies_lines(tmp_path):
    path = cookie_file(tmp_path, "  a.test\tFALSE\t\tfalse\t12\tn\tv\r\n#HttpOnly_b.test\tTRUE\t/p\tTRUE\tsoon\tm\t\n"
                                 "   \n# comment\n", "cookies.txt")
    assert t.load_cookies(path) == [
        {"name": "n", "value": "v", "domain": "a.test", "path": "/", "secure": False, "httpOnly": False, "expiry": 12},
        {"name": "m", "value": "", "domain": "b.test", "path": "/p", "secure": True, "httpOnly": True},
    ]


@pytest.mark.parametrize(("text", "message"), [
    ("# c\n\tFALSE\t/\tFALSE\t0\tn\tv\n", "line 2: a cookie needs a domain and a name"),
    ("a.test\tFALSE\t/\tFALSE\t0\t\tv\n", "line 1: a cookie needs a domain and a name"),
    ("a.test\tFALSE\t/\tFALSE\t0\tn\tv\textra\n", "line 1: a cookies.txt line has 7 tab-separated fields (domain, "
                                                  "subdomains, path, secure, expiry, name, value), or use a JSON list"),
])
def test_netscape_cookie_lines_that_are_wrong_are_named(tmp_path, text, message):
    path = cookie_file(tmp_path, text, "cookies.txt")
    assert usage_error(lambda: t.load_cookies(path)) == f"--cookies {path}, {message}"


def test_cookie_files_that_cannot_be_read(tmp_path):
    missing = tmp_path / "missing.txt"
    assert usage_error(lambda: t.load_cookies(missing)) == (
        f"--cookies {missing}: cannot read it (No such file or directory)")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"a.test\tFALSE\t/\tFALSE\t0\tn\t\xe9\n")
    assert usage_error(lambda: t.load_cookies(latin)) == f"--cookies {latin}: not UTF-8 text"


def test_cookie_header_paths_and_domains():
    cookies = [{"name": "root", "value": "1", "domain": "a.test"},
               {"name": "app", "value": "2", "domain": "A.test", "path": "/app/"},
               {"name": "sub", "value": "3", "domain": ".a.test", "path": "/app"}]
    assert t.cookie_header(cookies, "http://a.test") == "root=1"
    assert t.cookie_header(cookies, "http://a.test/app") == "root=1; sub=3"  # /app/ does not path-match /app
    assert t.cookie_header(cookies, "http://a.test/application") == "root=1"
    assert t.cookie_header(cookies, "http://a.test/app/x") == "root=1; app=2; sub=3"
    assert t.cookie_header(cookies, "http://www.a.test/app/x") == "sub=3"
    assert t.cookie_header(cookies, "http://xa.test/app/x") is None
    assert t.cookie_header([{"name": "s", "value": "1", "domain": "a.test", "secure": True}],
                           "https://a.test/") == "s=1"


def test_cookies_without_cdp_are_set_on_each_domain_once():
    class Driver:
        def __init__(self):
            self.calls = []

        def get(self, url):
            self.calls.append(("get", url))

        def add_cookie(self, cookie):
            self.calls.append(("add", cookie))

    driver = Driver()
    t.cookie_setter([{"name": "a", "value": "1", "domain": ".a.test", "path": "/", "sameSite": "Lax"},
                     {"name": "b", "value": "2", "domain": "a.test", "secure": True, "extra": "x"},
                     {"name": "c", "value": "3", "domain": "c.test"}])(driver)
    assert driver.calls == [
        ("get", "https://a.test/"),
        ("add", {"name": "a", "value": "1", "domain": ".a.test", "path": "/", "sameSite": "Lax"}),
        ("add", {"name": "b", "value": "2", "domain": "a.test", "secure": True}),
        ("get", "http://c.test/"),
        ("add", {"name": "c", "value": "3", "domain": "c.test"}),
    ]


def test_cookies_through_cdp_keep_secure_http_only_same_site_and_default_path():
    calls = []

    class Driver:
        def execute_cdp_cmd(self, name, params):
            calls.append((name, params))

    t.cookie_setter([{"name": "a", "value": "1", "domain": "a.test", "secure": True, "httpOnly": True,
                      "sameSite": "Strict"},
                     {"name": "b", "value": "2", "domain": "a.test", "path": "/p", "sameSite": "weird"}])(Driver())
    assert calls == [
        ("Network.setCookie", {"name": "a", "value": "1", "domain": "a.test", "path": "/", "secure": True,
                               "httpOnly": True, "sameSite": "Strict"}),
        ("Network.setCookie", {"name": "b", "value": "2", "domain": "a.test", "path": "/p", "secure": False,
                               "httpOnly": False}),
    ]


# -- --prepare -------------------------------------------------------------------------------------------------------

def test_prepare_errors_say_what_to_write(tmp_path):
    broken = tmp_path / "broken.py"
    broken.write_text("raise RuntimeError('no login server')\n")
    assert usage_error(lambda: t.load_prepare("json")) == (
        "--prepare 'json': give it as module:function (or path/to/file.py:function)")
    assert usage_error(lambda: t.load_prepare(":f")) == (
        "--prepare ':f': give it as module:function (or path/to/file.py:function)")
    assert usage_error(lambda: t.load_prepare("json:")) == (
        "--prepare 'json:': give it as module:function (or path/to/file.py:function)")
    assert usage_error(lambda: t.load_prepare(f"{broken}:f")) == (
        f"--prepare '{broken}:f': importing {broken} failed: RuntimeError: no login server")
    assert usage_error(lambda: t.load_prepare(f"{tmp_path}/none.py:f")) == (
        f"--prepare '{tmp_path}/none.py:f': no file {tmp_path}/none.py")
    assert usage_error(lambda: t.load_prepare("json:__name__")) == "--prepare 'json:__name__': json has no " \
                                                                     "function '__name__'"
    assert t.load_prepare("json.decoder:JSONDecoder.decode") is json.decoder.JSONDecoder.decode


# -- fetching over real HTTP (a loopback server) ---------------------------------------------------------------------

class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - the http.server API
        if self.path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://a.test/x")
            self.send_header("Content-Length", "13")
            self.end_headers()
            self.wfile.write(b"moved to ftp.")
            return
        if self.path == "/to-https":
            self.send_response(302)
            self.send_header("Location", f"https://127.0.0.1:{self.server.server_address[1]}/page")
            self.end_headers()
            return
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/page")
            self.end_headers()
            return
        body = json.dumps({"path": self.path, "cookie": self.headers.get("Cookie"),
                           "agent": self.headers.get("User-Agent"), "accept": self.headers.get("Accept")}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def loopback():
    with serving(Handler) as url:
        yield url


def test_fetch_sends_the_user_agent_and_the_matching_cookies(loopback):
    fetched = t.fetch(loopback + "/moved", [{"name": "s", "value": "1", "domain": "127.0.0.1"},
                                            {"name": "x", "value": "2", "domain": "other.test"}])
    assert (fetched.url, fetched.status, fetched.content_type) == (loopback + "/page", 200, "text/html")
    assert json.loads(fetched.body) == {"path": "/page", "cookie": "s=1", "accept": "text/html,*/*;q=0.5",
                                        "agent": "wetkit-check (accessibility audit)"}
    assert json.loads(t.fetch(loopback + "/plain").body)["cookie"] is None


def test_fetch_reads_at_most_the_limit(loopback):
    whole = t.fetch(loopback + "/x").body
    assert t.fetch(loopback + "/x", limit=len(whole)).body == whole
    assert t.fetch(loopback + "/x", limit=10).body == whole[:10]


def test_a_redirect_to_ftp_is_refused(loopback):
    """urllib itself refuses file: redirects; ftp: it would follow, the crawler does not."""
    with pytest.raises(urllib.error.HTTPError) as info:
        t.fetch(loopback + "/to-ftp")
    assert info.value.code == 302
    assert info.value.reason == "redirect to a non-http URL 'ftp://a.test/x'"
    assert info.value.url == "ftp://a.test/x"
    assert info.value.headers["Location"] == "ftp://a.test/x"
    assert info.value.read() == b"moved to ftp."  # the server's own answer stays readable


def test_a_redirect_to_https_is_followed(loopback):
    """The loopback server speaks no TLS, so following the redirect fails in the handshake, not in the refusal."""
    with pytest.raises(urllib.error.URLError) as info:
        t.fetch(loopback + "/to-https")
    assert not isinstance(info.value, urllib.error.HTTPError)
    assert "non-http" not in str(info.value.reason)


def test_a_server_that_never_answers_times_out():
    """Run in a thread, so a fetch that would wait forever fails this test in seconds instead of hanging it."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    raised = []

    def fetch():
        try:
            t.fetch(f"http://127.0.0.1:{silent.getsockname()[1]}/", timeout=0.5)
        except OSError as err:
            raised.append(err)

    worker = threading.Thread(target=fetch, daemon=True)
    worker.start()
    worker.join(10)
    silent.close()
    assert not worker.is_alive(), "fetch waited past its timeout"
    assert len(raised) == 1 and "timed out" in str(raised[0])


def test_fetch_only_speaks_http():
    with pytest.raises(urllib.error.URLError) as info:
        t.fetch("file:///etc/passwd")
    assert info.value.reason == "not an http(s) URL: 'file:///etc/passwd'"


def test_a_crawl_of_a_real_server_reads_its_pages(loopback):
    pages, failed = t.crawl(loopback + "/", 1)
    assert pages == [loopback + "/"] and failed == []



# -- details the first pass of the mutation run showed unguarded ------------------------------------------------------

def test_a_local_sitemap_whose_name_holds_a_hash_or_question_mark(tmp_path):
    for name in ("map#2.xml", "map?v=2.xml"):
        local = tmp_path / name
        local.write_bytes(urlset("https://a.test/" + str(len(name))))
        assert t.resolve_targets([str(local)]).urls == ["https://a.test/" + str(len(name))]


def test_a_json_cookie_file_may_start_with_blank_lines(tmp_path):
    path = cookie_file(tmp_path, '\n\n  [{"name": "a", "value": "1", "domain": "a.test"}]')
    assert t.load_cookies(path) == [{"name": "a", "value": "1", "domain": "a.test", "path": "/"}]


@pytest.mark.parametrize(("expires", "expiry"), [(0, None), (0.5, None), (1, 1), (1.9, 1), (-5, None)])
def test_json_cookie_expiry_from_playwright_seconds(tmp_path, expires, expiry):
    path = cookie_file(tmp_path, json.dumps([{"name": "a", "value": "1", "domain": "a.test", "expires": expires}]))
    assert t.load_cookies(path)[0].get("expiry") == expiry


def test_netscape_cookies_keep_values_and_domains_with_capital_x(tmp_path):
    path = cookie_file(tmp_path, "Xhost.test\tFALSE\t/\tFALSE\t1\tTOKEN\tABCX\n", "cookies.txt")
    assert t.load_cookies(path) == [{"name": "TOKEN", "value": "ABCX", "domain": "Xhost.test", "path": "/",
                                     "secure": False, "httpOnly": False, "expiry": 1}]


def test_same_site_values_cdp_knows_are_passed_on():
    calls = []

    class Driver:
        def execute_cdp_cmd(self, name, params):
            calls.append(params.get("sameSite"))

    t.cookie_setter([{"name": n, "value": "1", "domain": "a.test", "sameSite": same}
                     for n, same in (("a", "Lax"), ("b", "None"), ("c", "lax"))])(Driver())
    assert calls == ["Lax", "None", None]


def test_cookies_without_cdp_open_a_domain_that_starts_with_x():
    opened = []

    class Driver:
        def get(self, url):
            opened.append(url)

        def add_cookie(self, cookie):
            pass

    t.cookie_setter([{"name": "a", "value": "1", "domain": ".Xyz.test"}])(Driver())
    assert opened == ["http://Xyz.test/"]


def test_cookie_header_path_prefixes_and_secure_cookies_in_any_order():
    assert t.cookie_header([{"name": "a", "value": "1", "domain": "a.test", "path": "/boX"}],
                           "http://a.test/bo/x") is None
    assert t.cookie_header([{"name": "s", "value": "1", "domain": "a.test", "secure": True},
                            {"name": "p", "value": "2", "domain": "a.test"}], "http://a.test/") == "p=2"


def test_prepare_from_a_path_with_a_colon(tmp_path):
    folder = tmp_path / "C:"
    folder.mkdir()
    (folder / "login.py").write_text("def log_in(driver):\n    return driver\n")
    assert t.load_prepare(f"{folder}/login.py:log_in")("d") == "d"
    assert usage_error(lambda: t.load_prepare("json:dumps:x")) == (
        "--prepare 'json:dumps:x': importing json:dumps failed: ModuleNotFoundError: No module named 'json:dumps'")


def test_an_unreachable_page_says_why_in_the_words_of_the_network():
    def refuse(url):
        raise urllib.error.URLError(ConnectionRefusedError(111, "Connection refused"))

    assert t.crawl("http://a.test/", 3, fetcher=refuse)[1] == [
        Unreachable("http://a.test/", "unreachable", "http://a.test/ could not be reached: [Errno 111] Connection "
                                                     "refused")]


def test_sitemaps_are_fetched_with_the_cookies_and_the_sitemap_size_limit(monkeypatch):
    calls = []
    serve_from(monkeypatch, {"https://a.test/index.xml": index("https://a.test/one.xml", "https://a.test/two.xml"),
                             "https://a.test/one.xml": urlset("https://a.test/p1"),
                             "https://a.test/two.xml": urlset("https://a.test/p2", "https://a.test/p3")}, calls)
    cookies = [{"name": "s", "value": "1", "domain": "a.test"}]
    found = t.resolve_targets(["https://a.test/index.xml", "https://a.test/one.xml"], cookies=cookies)
    assert found.urls == ["https://a.test/p1", "https://a.test/p2", "https://a.test/p3"]  # deduped
    assert found.notes == []
    assert calls == [(url, cookies, t.MAX_SITEMAP_BYTES) for url in (
        "https://a.test/index.xml", "https://a.test/one.xml", "https://a.test/two.xml", "https://a.test/one.xml")]


def test_a_child_sitemap_that_is_not_xml_is_named_in_its_finding(monkeypatch):
    serve_from(monkeypatch, {"https://a.test/index.xml": index("https://a.test/broken.xml"),
                             "https://a.test/broken.xml": b"<p>oops"})
    [failure] = t.sitemap_urls("https://a.test/index.xml")[1]
    assert failure.message.startswith("https://a.test/broken.xml: not XML (")
    with pytest.raises(t.SitemapError, match=r"^sitemap: not XML \("):
        t.parse_sitemap(b"<p>oops")


def test_the_crawl_sends_the_cookies(monkeypatch):
    calls = []
    monkeypatch.setattr(t, "fetch", lambda url, cookies=(): calls.append((url, cookies)) or Fetched(
        url, 200, "text/html", b"<p>x</p>"))
    cookies = [{"name": "s", "value": "1", "domain": "a.test"}]
    assert t.crawl("http://a.test/", 5, cookies=cookies) == (["http://a.test/"], [])
    assert calls == [("http://a.test/", cookies)]


def test_the_crawl_goes_on_after_a_page_it_has_seen_under_another_name():
    fetch = site({"http://a.test/": '<a href="/index.html">i</a><a href="/b">b</a>',
                  "http://a.test/index.html": '<a href="/index.html">i</a><a href="/b">b</a>',
                  "http://a.test/b": "<p>b</p>"})
    assert t.crawl("http://a.test/", 10, fetcher=fetch)[0] == ["http://a.test/", "http://a.test/b"]


def test_the_crawl_does_not_fetch_again_the_page_a_redirect_landed_on():
    fetch = site({"http://a.test/home": '<a href="/home">h</a><a href="/x">x</a>', "http://a.test/x": "<p>x</p>"},
                 moved={"http://a.test/": "http://a.test/home"})
    assert t.crawl("http://a.test/", 10, fetcher=fetch)[0] == ["http://a.test/home", "http://a.test/x"]
    assert fetch.asked == ["http://a.test/", "http://a.test/x"]


def test_targets_of_every_kind_add_up(tmp_path, monkeypatch):
    (tmp_path / "a.html").write_text("x")
    served = []
    serve_from(monkeypatch, {"https://a.test/one.xml": urlset("https://a.test/p1"),
                             "https://a.test/two.xml": urlset("https://a.test/p2")})
    monkeypatch.setattr(t, "crawl", lambda start, limit, cookies, patterns: (
        [start + "crawled"], [Unreachable(start + "gone", "http-error", "404")]))
    found = t.resolve_targets([str(tmp_path / "a.html"), "https://a.test/one.xml", "https://a.test/missing.xml",
                               "https://a.test/two.xml", "http://c.test/"], crawl_links=True,
                              serve=lambda folder: served.append(folder) or (StubServer(), "http://s/"))
    assert found.urls == ["http://s/a.html", "https://a.test/p1", "https://a.test/p2", "http://c.test/crawled"]
    assert [u.url for u in found.unreachable] == ["https://a.test/missing.xml", "http://c.test/gone"]
    assert served == [tmp_path.resolve()]


def test_links_keep_absolute_http_ones():
    assert t.page_links(b'<a href="http://a.test/abs">a</a><a href="Http://a.test/b">b</a>', "https://a.test/") == [
        "http://a.test/abs", "Http://a.test/b"]


def test_sitemap_locs_that_are_empty_elements_are_skipped():
    assert t.parse_sitemap(URLSET.format("<url><loc/></url><url><loc>https://a.test/p</loc></url>").encode()) == (
        "urlset", ["https://a.test/p"])


def test_a_gzip_sitemap_is_never_unpacked_beyond_the_limit(monkeypatch):
    sizes = []

    class Recording(gzip.GzipFile):
        def read(self, size=-1):
            sizes.append(size)
            return super().read(size)

    monkeypatch.setattr(t.gzip, "GzipFile", Recording)
    t.parse_sitemap(gzip.compress(urlset("https://a.test/p")))
    assert sizes and all(size is not None and 0 <= size <= t.MAX_SITEMAP_BYTES + 1 for size in sizes)


@pytest.mark.parametrize("doctype", [b'<!DOCTYPE x [<!ENTITY e "e">]>', b"<!doctype urlset>", b'<!entity e "e">'])
def test_without_defusedxml_any_dtd_is_refused_before_parsing(monkeypatch, doctype):
    monkeypatch.setitem(sys.modules, "defusedxml", None)
    monkeypatch.setitem(sys.modules, "defusedxml.ElementTree", None)
    with pytest.raises(t.SitemapError) as info:
        t.parse_sitemap(doctype + urlset("https://a.test/p"), "map.xml")
    assert str(info.value) == "map.xml: has a DTD or entities, which a sitemap never needs (refused)"
    assert t.parse_sitemap(urlset("https://a.test/p")) == ("urlset", ["https://a.test/p"])
    with pytest.raises(t.SitemapError, match=r"^map\.xml: not XML \("):
        t.parse_sitemap(b"<urlset>", "map.xml")


def test_urls_without_a_host_or_with_only_a_password():
    assert t.normalise_url("http:///a") == "http:///a"
    assert t.normalise_url("http://:pw@a.test/") == "http://:pw@a.test/"
    assert t.origin("http:///a") == ("http", "", 80)


def test_a_local_sitemap_index_fetches_its_children_with_the_cookies(monkeypatch, tmp_path):
    calls = []
    serve_from(monkeypatch, {"https://a.test/one.xml": urlset("https://a.test/p1")}, calls)
    local = tmp_path / "sitemap.xml"
    local.write_bytes(index("https://a.test/one.xml"))
    cookies = [{"name": "s", "value": "1", "domain": "a.test"}]
    assert t.resolve_targets([str(local)], cookies=cookies).urls == ["https://a.test/p1"]
    assert calls == [("https://a.test/one.xml", cookies, t.MAX_SITEMAP_BYTES)]
