"""What ``wetkit check`` audits: turn the command line's targets into a list of page URLs.

A target is one of:

- an ``http(s)://`` URL: that page (or, with ``crawl=True``, the start of a same-origin crawl);
- a URL or file ending in ``.xml`` / ``.xml.gz``: a sitemap (``<urlset>``) or a sitemap index (``<sitemapindex>``,
  followed one level down at most twice); parsed with ``defusedxml`` (no DTDs, no entity expansion: a "billion
  laughs" file is refused, never expanded);
- a folder: served on 127.0.0.1 for the run (:mod:`wetkit.serve`: the strict CSP, no listings); its
  ``manifest.json`` pages if it has one (``wetkit build`` writes it), else every ``*.html`` under it;
- an ``.html``/``.htm`` file: its folder is served and that one page is audited (so its relative CSS, JS and images
  load as they would from a server).

Anything else (a path that does not exist, ``file:`` or ``javascript:`` URLs) is a usage error before any browser
starts. A target that exists but cannot be read (a sitemap that does not answer or is not XML, a crawl whose start
page fails, a crawled link that answers 404) is not fatal: it becomes a ``load`` finding on that target
(:class:`Unreachable`), the run goes on with the other pages, and the exit code is 1.

The crawl (``crawl=True``) reads pages with plain HTTP GETs (urllib, sending the ``--cookies``), follows ``<a href>``
and ``<area href>`` in the same origin (scheme, host and port), honours ``<base href>``, skips links with a
``download`` attribute and paths that look like files (``.pdf``, ``.zip``, images...), skips responses that are
not ``text/html``/``application/xhtml+xml``, and dedupes URLs after normalising them (fragment dropped, scheme and
host lower-cased, default port dropped, ``..`` resolved, empty path as ``/``), and drops a page whose bytes equal
a page already found (``/`` and ``/index.html``). ``exclude`` patterns (regular
expressions searched in the URL) keep it away from links such as ``/logout`` that would end a logged-in session.
"""

from __future__ import annotations

import gzip
import hashlib
import html.parser
import http.cookiejar
import io
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from wetkit.errors import WetkitError

HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit (uncompressed)
MAX_PAGE_BYTES = 5 * 1024 * 1024  # read at most this much of a crawled page when looking for links
MAX_SITEMAP_DEPTH = 2  # an index of sitemaps, and at most one more level below it
FETCH_TIMEOUT = 15.0
USER_AGENT = "wetkit-check (accessibility audit)"
_NOT_PAGES = re.compile(
    r"\.(?:pdf|zip|gz|tgz|tar|7z|rar|exe|dmg|msi|iso|png|jpe?g|gif|webp|avif|svg|ico|bmp|tiff?|mp[34]|m4a|ogg|wav|"
    r"webm|mov|avi|css|js|mjs|json|xml|rss|atom|txt|csv|xlsx?|docx?|pptx?|odt|ods|woff2?|ttf|otf|eot)$",
    re.IGNORECASE,
)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class TargetError(WetkitError, ValueError):
    """A target on the command line is not something ``wetkit check`` can audit (a usage error, exit 2)."""


@dataclass(frozen=True)
class Unreachable:
    """A target that could not be read: reported as a ``load`` finding on ``url`` and the run goes on."""

    url: str
    rule: str  # unreachable | http-error | sitemap-invalid
    message: str


@dataclass
class Targets:
    """The pages to audit, the targets that failed, and the loopback servers to stop when the run ends."""

    urls: list[str] = field(default_factory=list)
    unreachable: list[Unreachable] = field(default_factory=list)
    servers: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said once on stderr: pages left out by --max-pages, ...
    roots: dict[str, str] = field(default_factory=dict)  # served base URL -> the folder it serves

    def close(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()
        self.servers.clear()

    def __enter__(self) -> Targets:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def normalise_url(url: str) -> str:
    """The form used to dedupe pages: no fragment, lower-case scheme and host, no default port, ``.``/``..``
    resolved, ``/`` for an empty path. The query is kept as it is (its order can matter to the server)."""
    parts = urllib.parse.urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    if parts.username or parts.password:
        userinfo = parts.username or ""
        if parts.password:
            userinfo += ":" + parts.password
        host = f"{userinfo}@{host}"
    path = _remove_dot_segments(parts.path) or "/"
    return urllib.parse.urlunsplit((scheme, host, path, parts.query, ""))


def _remove_dot_segments(path: str) -> str:
    output: list[str] = []
    segments = path.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                output.append("")
        elif segment == "..":
            if len(output) > 1:
                output.pop()
            if last:
                output.append("")
        else:
            output.append(segment)
    return "/".join(output)


def origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    default = {"http": 80, "https": 443}.get(scheme)
    try:
        port = parts.port or default
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").lower(), port


def page_key(url: str) -> str:
    """The page's stable name in baselines and reports: its path (and query), without the origin, so a folder
    served on a different port, or a site on staging and production, names its pages the same way."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path or "/"
    return path + ("?" + parts.query if parts.query else "")


def _is_http_url(item: str) -> bool:
    return urllib.parse.urlsplit(item.strip()).scheme.lower() in ("http", "https")


def _is_sitemap_name(name: str) -> bool:
    path = urllib.parse.urlsplit(name).path if _is_http_url(name) else name
    return path.lower().endswith((".xml", ".xml.gz"))


# -- cookies ---------------------------------------------------------------------------------------------------------

_COOKIE_KEYS = {"name", "value", "domain", "path", "secure", "httpOnly", "expiry", "sameSite"}


def load_cookies(path: str | Path) -> list[dict]:
    """Cookies from a JSON list (as Selenium's ``driver.get_cookies()`` writes: ``name``, ``value``, ``domain``,
    ``path``, ``secure``, ``httpOnly``, ``expiry``, ``sameSite``) or a Netscape ``cookies.txt`` (curl, wget, browser
    extensions; ``#HttpOnly_`` lines included). Every cookie needs a name, a value and a domain."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise TargetError(f"--cookies {path}: cannot read it ({err.strerror or err})") from err
    except UnicodeDecodeError as err:
        raise TargetError(f"--cookies {path}: not UTF-8 text") from err
    stripped = text.lstrip()
    cookies = _json_cookies(path, stripped) if stripped.startswith(("[", "{")) else _netscape_cookies(path, text)
    if not cookies:
        raise TargetError(f"--cookies {path}: no cookies in it")
    return cookies


def _json_cookies(path, text: str) -> list[dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise TargetError(f"--cookies {path}: not valid JSON (line {err.lineno}: {err.msg})") from err
    if isinstance(data, dict) and isinstance(data.get("cookies"), list):  # Playwright's storage state
        data = data["cookies"]
    if not isinstance(data, list):
        raise TargetError(f"--cookies {path}: a JSON cookies file is a list of objects with name, value and domain")
    cookies = []
    for number, item in enumerate(data, 1):
        if not isinstance(item, dict):
            raise TargetError(f"--cookies {path}: entry {number} is not an object")
        cookie = {key: item[key] for key in _COOKIE_KEYS if key in item}
        expires = item.get("expires")
        if "expiry" not in cookie and isinstance(expires, (int, float)) and int(expires) > 0:  # 0.5 is no date
            cookie["expiry"] = int(expires)
        for key in ("name", "value", "domain"):
            if not isinstance(cookie.get(key), str) or (key != "value" and not cookie[key]):
                raise TargetError(f"--cookies {path}: entry {number} needs a string {key!r}")
        cookie.setdefault("path", "/")
        cookies.append(cookie)
    return cookies


def _netscape_cookies(path, text: str) -> list[dict]:
    cookies = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.lstrip(" ").rstrip("\r\n")
        http_only = line.startswith("#HttpOnly_")
        if http_only:
            line = line[len("#HttpOnly_"):]
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 7:
            raise TargetError(f"--cookies {path}, line {number}: a cookies.txt line has 7 tab-separated fields "
                              "(domain, subdomains, path, secure, expiry, name, value), or use a JSON list")
        domain, _subdomains, cookie_path, secure, expiry, name, value = fields
        if not domain or not name:
            raise TargetError(f"--cookies {path}, line {number}: a cookie needs a domain and a name")
        cookie = {"name": name, "value": value, "domain": domain, "path": cookie_path or "/",
                  "secure": secure.upper() == "TRUE", "httpOnly": http_only}
        if expiry.isdigit() and int(expiry) > 0:
            cookie["expiry"] = int(expiry)
        cookies.append(cookie)
    return cookies


def cookie_header(cookies: Iterable[dict], url: str) -> str | None:
    """The ``Cookie:`` header a browser would send to ``url`` (domain, path and secure matched; for the crawl)."""
    parts = urllib.parse.urlsplit(url)
    host = (parts.hostname or "").lower()
    path = parts.path or "/"
    pairs = []
    for cookie in cookies:
        domain = cookie["domain"].lower()
        exact = not domain.startswith(".")
        domain = domain.lstrip(".")
        if not (host == domain or (not exact and host.endswith("." + domain))):
            continue
        prefix = cookie.get("path") or "/"
        if not (path == prefix or path.startswith(prefix.rstrip("/") + "/")):
            continue
        if cookie.get("secure") and parts.scheme != "https":
            continue
        pairs.append(f"{cookie['name']}={cookie['value']}")
    return "; ".join(pairs) or None


def cookie_setter(cookies: list[dict]) -> Callable[[object], None]:
    """A ``prepare(driver)`` that puts ``cookies`` in a fresh browser. Through CDP ``Network.setCookie`` where the
    driver offers it (no page load needed); otherwise it opens each cookie domain's ``/`` once and adds them there
    (WebDriver only sets cookies for the page's own domain)."""

    def prepare(driver) -> None:
        if hasattr(driver, "execute_cdp_cmd"):
            for cookie in cookies:
                params = {"name": cookie["name"], "value": cookie["value"], "domain": cookie["domain"],
                          "path": cookie.get("path", "/"), "secure": bool(cookie.get("secure")),
                          "httpOnly": bool(cookie.get("httpOnly"))}
                if "expiry" in cookie:
                    params["expires"] = cookie["expiry"]
                if cookie.get("sameSite") in ("Strict", "Lax", "None"):
                    params["sameSite"] = cookie["sameSite"]
                driver.execute_cdp_cmd("Network.setCookie", params)
            return
        by_domain: dict[str, list[dict]] = {}
        for cookie in cookies:
            by_domain.setdefault(cookie["domain"].lstrip("."), []).append(cookie)
        for domain, group in by_domain.items():
            scheme = "https" if any(c.get("secure") for c in group) else "http"
            driver.get(f"{scheme}://{domain}/")
            for cookie in group:
                driver.add_cookie({k: v for k, v in cookie.items() if k in _COOKIE_KEYS})

    return prepare


def load_prepare(spec: str) -> Callable[[object], None]:
    """``module:function`` (or ``path/to/file.py:function``) -> the callable ``--prepare`` names. The last ``:``
    splits, so a path with a colon (a Windows drive, ``C:\\hooks\\login.py:log_in``) names its file whole."""
    import importlib
    import importlib.util

    module_name, sep, attr = spec.rpartition(":")
    if not sep or not module_name or not attr:
        raise TargetError(f"--prepare {spec!r}: give it as module:function (or path/to/file.py:function)")
    try:
        if module_name.endswith(".py"):
            file = Path(module_name)
            if not file.is_file():
                raise TargetError(f"--prepare {spec!r}: no file {file}")
            loaded = importlib.util.spec_from_file_location(f"wetkit_prepare_{file.stem}", file)
            module = importlib.util.module_from_spec(loaded)
            loaded.loader.exec_module(module)
        else:
            module = importlib.import_module(module_name)
    except TargetError:
        raise
    except Exception as err:  # noqa: BLE001 - the team's module: say what it raised
        raise TargetError(f"--prepare {spec!r}: importing {module_name} failed: {type(err).__name__}: {err}") from err
    function = module
    for part in attr.split("."):
        function = getattr(function, part, None)
    if not callable(function):
        raise TargetError(f"--prepare {spec!r}: {module_name} has no function {attr!r}")
    return function


def combine_prepare(*steps: Callable[[object], None] | None) -> Callable[[object], None] | None:
    steps = tuple(step for step in steps if step is not None)
    if not steps:
        return None

    def prepare(driver) -> None:
        for step in steps:
            step(driver)

    return prepare


# -- fetching --------------------------------------------------------------------------------------------------------

class _NoFileRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects stay on http(s): a server cannot send the crawler to ``file:`` or ``ftp:``."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-http URL {newurl!r}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_NoFileRedirects, urllib.request.HTTPCookieProcessor(
    http.cookiejar.CookieJar()))


@dataclass
class Fetched:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes


def fetch(url: str, cookies: Iterable[dict] = (), limit: int = MAX_PAGE_BYTES,
          timeout: float = FETCH_TIMEOUT) -> Fetched:
    """GET ``url`` (http/https only). Raises OSError (urllib's URLError / HTTPError) when it fails."""
    if not _is_http_url(url):
        raise urllib.error.URLError(f"not an http(s) URL: {url!r}")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    header = cookie_header(cookies, url)
    if header:
        request.add_header("Cookie", header)
    with _OPENER.open(request, timeout=timeout) as response:
        body = response.read(limit + 1)
        kind = response.headers.get_content_type()
        return Fetched(response.geturl(), response.status, kind, body[:limit] if len(body) > limit else body)


def _describe_fetch_error(err: BaseException) -> tuple[str, str]:
    if isinstance(err, urllib.error.HTTPError):
        return "http-error", f"answered HTTP {err.code} {err.reason}"
    reason = getattr(err, "reason", err)
    return "unreachable", f"could not be reached: {reason}"


# -- sitemaps --------------------------------------------------------------------------------------------------------

class SitemapError(WetkitError, ValueError):
    """A sitemap that is not XML, not a sitemap, or too big."""


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_sitemap(data: bytes, source: str = "sitemap") -> tuple[str, list[str]]:
    """(``"urlset"`` or ``"sitemapindex"``, the ``<loc>`` values in order). Gzip is unpacked. DTDs and entities are
    refused (defusedxml; without it, any ``<!DOCTYPE`` is refused before the stdlib parser sees the file)."""
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacked:
                data = unpacked.read(MAX_SITEMAP_BYTES + 1)
        except (OSError, EOFError) as err:
            raise SitemapError(f"{source}: not a valid gzip file ({err})") from err
    if len(data) > MAX_SITEMAP_BYTES:
        raise SitemapError(f"{source}: larger than {MAX_SITEMAP_BYTES // (1024 * 1024)} MB (the sitemap limit)")
    root = _parse_xml(data, source)
    kind = _local_name(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError(f"{source}: not a sitemap (its root element is <{kind}>, not <urlset> or <sitemapindex>)")
    child = "url" if kind == "urlset" else "sitemap"
    locations = []
    for entry in root:
        if _local_name(entry.tag) != child:
            continue
        for part in entry:
            if _local_name(part.tag) == "loc" and (part.text or "").strip():
                locations.append(part.text.strip())
    return kind, locations


def _parse_xml(data: bytes, source: str):
    import xml.etree.ElementTree as ElementTree

    try:
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import fromstring
    except ImportError:  # pragma: no cover - defusedxml is in the audit extra
        if re.search(rb"<!DOCTYPE|<!ENTITY", data, re.IGNORECASE):
            raise SitemapError(f"{source}: has a DTD or entities, which a sitemap never needs (refused)") from None
        fromstring, DefusedXmlException = ElementTree.fromstring, ()  # noqa: N806
    try:
        return fromstring(data)
    except DefusedXmlException as err:
        raise SitemapError(f"{source}: has a DTD or entities, which a sitemap never needs (refused: {err})") from err
    except ElementTree.ParseError as err:
        raise SitemapError(f"{source}: not XML ({err})") from err


def sitemap_urls(source: str, cookies: Iterable[dict] = (), depth: int = 0,
                 seen: set[str] | None = None) -> tuple[list[str], list[Unreachable]]:
    """The page URLs of a sitemap (local file or URL), following a sitemap index. Child sitemaps that fail are
    returned as Unreachable; the top one failing raises SitemapError (or OSError when it cannot be read)."""
    seen = set() if seen is None else seen
    seen.add(source)
    if _is_http_url(source):
        fetched = fetch(source, cookies, limit=MAX_SITEMAP_BYTES)
        data = fetched.body
    else:
        data = Path(source).read_bytes()
    kind, locations = parse_sitemap(data, source)
    if kind == "urlset":
        pages = [loc for loc in locations if _is_http_url(loc)]
        return pages, []
    if depth >= MAX_SITEMAP_DEPTH:
        return [], [Unreachable(source, "sitemap-invalid", f"sitemap index {source} nests deeper than "
                                                           f"{MAX_SITEMAP_DEPTH} levels; not followed")]
    pages, failed = [], []
    for loc in locations:
        if loc in seen:
            continue
        if not _is_http_url(loc):
            failed.append(Unreachable(loc, "sitemap-invalid", f"sitemap {loc} in {source} is not an http(s) URL"))
            continue
        try:
            more, also_failed = sitemap_urls(loc, cookies, depth + 1, seen)
        except (SitemapError, OSError) as err:
            failed.append(_sitemap_failure(loc, err))
            continue
        pages += more
        failed += also_failed
    return pages, failed


def _sitemap_failure(source: str, err: BaseException) -> Unreachable:
    if isinstance(err, SitemapError):
        return Unreachable(source, "sitemap-invalid", str(err))
    rule, message = _describe_fetch_error(err)
    return Unreachable(source, rule, f"sitemap {source} {message}")


# -- crawling --------------------------------------------------------------------------------------------------------

class _LinkParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "base" and self.base is None and values.get("href"):
            self.base = values["href"]
        elif tag in ("a", "area") and values.get("href") and "download" not in values:
            self.links.append(values["href"])


def page_links(body: bytes, url: str) -> list[str]:
    """Absolute http(s) URLs of the ``<a>``/``<area>`` links in a page, in document order, without fragments."""
    text = body.decode("utf-8", errors="replace")
    parser = _LinkParser()
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError):  # what _markupbase still raises on some broken declarations: the links
        pass                              # read before that point are kept, and the page itself is audited anyway
    base = urllib.parse.urljoin(url, parser.base) if parser.base else url
    found = []
    for href in parser.links:
        href = re.sub(r"[\t\n\r]", "", href).strip()  # as browsers do
        scheme = _SCHEME.match(href)
        if scheme and scheme.group(0).lower() not in ("http:", "https:"):
            continue  # mailto:, tel:, javascript:, data:...
        absolute = urllib.parse.urljoin(base, href)
        if _is_http_url(absolute):
            found.append(urllib.parse.urldefrag(absolute)[0])
    return found


def crawl(start: str, max_pages: int, cookies: Iterable[dict] = (), exclude: Iterable[re.Pattern] = (),
          fetcher: Callable[[str], Fetched] | None = None) -> tuple[list[str], list[Unreachable]]:
    """Breadth-first, same-origin crawl from ``start``: at most ``max_pages`` HTML pages (in the order found), and
    the links that failed (404s, unreachable). ``fetcher`` replaces the HTTP GET (for tests)."""
    cookies = list(cookies)
    exclude = list(exclude)
    get = fetcher or (lambda url: fetch(url, cookies))
    home = origin(start)
    first = normalise_url(start)
    queue, seen, bodies = deque([first]), {first}, set()
    pages: list[str] = []
    failed: list[Unreachable] = []
    while queue and len(pages) < max_pages:
        url = queue.popleft()
        try:
            page = get(url)
        except (OSError, ValueError) as err:
            rule, message = _describe_fetch_error(err)
            where = "" if url == first else " (a link found by the crawl)"
            failed.append(Unreachable(url, rule, f"{url} {message}{where}"))
            continue
        final = normalise_url(page.url)
        if origin(final) != home:
            continue  # redirected away: not ours to audit
        if page.content_type not in HTML_TYPES:
            continue
        digest = hashlib.sha256(page.body).hexdigest()
        if final in pages or digest in bodies:  # a redirect to a page already found, or the same page (/ and
            continue                            # /index.html) under another URL
        bodies.add(digest)
        seen.add(final)
        pages.append(final)
        for link in page_links(page.body, page.url):
            link = normalise_url(link)
            if link in seen or origin(link) != home:
                continue
            seen.add(link)
            if _NOT_PAGES.search(urllib.parse.urlsplit(link).path):
                continue
            if any(pattern.search(link) for pattern in exclude):
                continue
            queue.append(link)
    return pages, failed


# -- the command line's targets --------------------------------------------------------------------------------------

def resolve_targets(items: Iterable[str], *, crawl_links: bool = False, max_pages: int | None = None,
                    cookies: Iterable[dict] = (), exclude: Iterable[str] = (), serve=None) -> Targets:
    """Every target given on the command line, as page URLs (deduped, in order). See the module docstring.
    Raises TargetError for a target that cannot be audited at all (usage error); ``serve`` replaces
    :func:`wetkit.serve.serve_in_thread` (for tests)."""
    cookies = list(cookies)
    try:
        patterns = [re.compile(p) for p in exclude]
    except re.error as err:
        raise TargetError(f"--exclude {err.pattern!r}: not a regular expression ({err})") from err
    if max_pages is not None and max_pages < 1:
        raise TargetError(f"--max-pages must be at least 1, not {max_pages}")
    crawl_limit = max_pages or 50
    result = Targets()
    served: dict[Path, str] = {}

    def base_for(folder: Path) -> str:
        folder = folder.resolve()
        if folder not in served:
            if serve is None:
                from wetkit.serve import serve_in_thread as start
            else:
                start = serve
            server, base = start(folder)
            result.servers.append(server)
            served[folder] = base
            result.roots[base] = str(folder)
        return served[folder]

    try:
        for raw in items:
            item = raw.strip()
            if not item:
                raise TargetError("an empty target was given")
            path = Path(item)
            if _is_http_url(item) and _is_sitemap_name(item):
                _add_sitemap(result, item, cookies)
            elif _is_http_url(item):
                if crawl_links:
                    pages, failed = crawl(item, crawl_limit, cookies, patterns)
                    result.urls += pages
                    result.unreachable += failed
                else:
                    result.urls.append(item)
            elif _SCHEME.match(item) and not re.match(r"^[a-zA-Z]:[\\/]", item):  # not a Windows drive letter
                raise TargetError(f"{item!r}: only http(s) URLs, folders, .html files and sitemaps can be checked")
            elif path.is_dir():
                result.urls += _folder_pages(path, base_for(path))
            elif path.is_file() and path.suffix.lower() in (".html", ".htm"):
                result.urls.append(base_for(path.parent) + urllib.parse.quote(path.name))
            elif path.is_file() and _is_sitemap_name(item):
                _add_sitemap(result, item, cookies)
            elif path.exists():
                raise TargetError(f"{item!r} is a file wetkit cannot check: give a folder, an .html file, "
                                  "a sitemap (.xml) or an http(s) URL")
            else:
                raise TargetError(f"{item!r}: no such file or folder, and not an http(s) URL")
    except BaseException:
        result.close()
        raise
    deduped, seen = [], set()
    for url in result.urls:
        key = normalise_url(url)
        if key not in seen:
            seen.add(key)
            deduped.append(url)
    if max_pages is not None and len(deduped) > max_pages:
        result.notes.append(f"--max-pages {max_pages}: {len(deduped) - max_pages} more page(s) found were not "
                            "checked")
        deduped = deduped[:max_pages]
    result.urls = deduped
    return result


def _add_sitemap(result: Targets, source: str, cookies: list[dict]) -> None:
    try:
        pages, failed = sitemap_urls(source, cookies)
    except (SitemapError, OSError) as err:
        result.unreachable.append(_sitemap_failure(source, err))
        return
    if not pages and not failed:
        result.notes.append(f"sitemap {source} lists no http(s) pages")
    result.urls += pages
    result.unreachable += failed


def _folder_pages(folder: Path, base: str) -> list[str]:
    manifest = folder / "manifest.json"
    if manifest.is_file():
        try:
            pages = json.loads(manifest.read_text(encoding="utf-8"))["pages"]
            return [base + urllib.parse.quote(str(page["path"])) for page in pages]
        except (ValueError, KeyError, TypeError) as err:
            raise TargetError(f"{manifest}: not a wetkit manifest (a JSON object with a 'pages' list of "
                              f"{{'path': ...}}): {err}") from err
    return [base + urllib.parse.quote(p.relative_to(folder).as_posix())
            for p in sorted(folder.rglob("*.html")) if p.is_file()]
