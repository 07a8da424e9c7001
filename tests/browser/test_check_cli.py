"""`wetkit check` end to end on a small folder served on loopback: parallel runs agree, the JUnit report validates,
the HTML report passes the audit itself, baselines, crawls, logins, French, and bad input (unreachable pages, a
broken sitemap, a hanging page, a browser that crashes, a WebDriver that is down, no browser)."""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import signal
import socket
import threading
from pathlib import Path

import pytest
from loopback import serving

from wetkit.cli import main

pytestmark = pytest.mark.browser

SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "junit-10.xsd"
HEAD = ('<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        '<link rel="icon" href="data:,"><meta name="viewport" content="width=device-width"></head>')
PAGES = {
    "index.html": ("Home", '<p><a href="good.html">Good</a> <a href="bad.html">Bad</a> <a href="sub/">Sub</a> '
                           '<a href="notes.pdf">Notes</a> <a href="gone.html">Gone</a></p>'),
    "good.html": ("Good", '<p>Fine. <a href="index.html">Home</a></p>'),
    "bad.html": ("Bad", '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">'
                        '<p><input type="text" name="q"></p>'),
    "sub/index.html": ("Sub", '<p class="wide">Wide <a href="../good.html">Good</a></p>'
                              '<link rel="stylesheet" href="../wide.css">'),
}


def page(title: str, body: str, lang: str = "en") -> str:
    return HEAD.format(title=title, lang=lang) + f"<body><main><h1>{title}</h1>{body}</main></body></html>"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("check-site")
    for name, (title, body) in PAGES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(page(title, body))
    (root / "wide.css").write_text(".wide { width: 600px; }")
    return root


@pytest.fixture(scope="module")
def site_url(site):
    from wetkit.serve import serve_in_thread

    server, url = serve_in_thread(site)
    yield url
    server.shutdown()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def findings(report: Path) -> list[tuple]:
    data = json.loads(report.read_text())
    return [(p["page"], pr["check"], pr["rule"], pr["target"], pr["width"], pr.get("scheme"))
            for p in data["pages"] for pr in p["problems"]]


# -- reports ---------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def one_worker(site, tmp_path_factory):
    out = tmp_path_factory.mktemp("one-worker")
    code = main(["check", str(site), "--json", str(out / "r.json"), "--junit", str(out / "r.xml"),
                 "--html", str(out / "r.html")])
    return code, out


def test_folder_run_finds_the_faults_and_writes_every_report(one_worker):
    code, out = one_worker
    assert code == 1
    found = {(page, check, rule) for page, check, rule, *_ in findings(out / "r.json")}
    assert found == {("/bad.html", "axe", "image-alt"), ("/bad.html", "axe", "label"),
                     ("/sub/index.html", "reflow", "horizontal-scroll")}
    data = json.loads((out / "r.json").read_text())
    assert data["summary"]["pages"] == 4 and data["summary"]["pages_failed"] == 2
    assert data["seconds_per_page"] > 0


def test_two_workers_find_the_same_as_one(one_worker, site, tmp_path):
    _code, out = one_worker
    assert main(["check", str(site), "--workers", "2", "--json", str(tmp_path / "r2.json")]) == 1
    assert findings(tmp_path / "r2.json") == findings(out / "r.json")


def test_junit_report_validates_against_the_schema(one_worker):
    xmlschema = pytest.importorskip("xmlschema")
    _code, out = one_worker
    xmlschema.XMLSchema(str(SCHEMA)).validate(str(out / "r.xml"))
    text = (out / "r.xml").read_text()
    assert 'classname="/bad.html" name="axe"' in text and 'type="image-alt"' in text


def test_html_report_passes_the_audit_itself(one_worker, auditor):
    _code, out = one_worker
    text = (out / "r.html").read_text()
    assert "1.1.1 Non-text Content" in text and "data:image/png;base64," in text  # a screenshot of the image
    result = auditor.audit((out / "r.html").resolve().as_uri())
    assert result.ok, result.report()
    assert result.needs_review == []


def test_html_report_of_a_clean_run_and_in_french_passes_too(site, tmp_path, auditor, capsys):
    assert main(["check", str(site / "bad.html"), "--lang", "fr", "--html", str(tmp_path / "fr.html")]) == 1
    out = capsys.readouterr().out
    assert "Les images doivent avoir une alternative textuelle" in out  # axe's own French locale
    assert "0 réussie(s), 1 en échec" in out
    text = (tmp_path / "fr.html").read_text()
    assert '<html lang="fr">' in text and "Comment corriger" in text
    assert "Corriger l’un des éléments suivants" in text  # axe's French fix summary
    result = auditor.audit((tmp_path / "fr.html").resolve().as_uri())
    assert result.ok, result.report()


# -- targets ---------------------------------------------------------------------------------------------------------

def test_crawl_from_a_url(site_url, tmp_path, capsys):
    report = tmp_path / "crawl.json"
    assert main(["check", site_url, "--crawl", "--max-pages", "3", "--json", str(report)]) == 1
    pages = [p["page"] for p in json.loads(report.read_text())["pages"]]
    assert pages == ["/", "/good.html", "/bad.html"]


def test_crawl_reports_a_broken_link(site_url, tmp_path, capsys):
    report = tmp_path / "crawl.json"
    assert main(["check", site_url, "--crawl", "--json", str(report), "--no-keyboard"]) == 1
    data = json.loads(report.read_text())
    pages = [p["page"] for p in data["pages"]]
    assert sorted(pages) == ["/", "/bad.html", "/gone.html", "/good.html", "/sub/"]  # no PDF, / once
    gone = next(p for p in data["pages"] if p["page"] == "/gone.html")
    assert gone["problems"][0]["rule"] == "http-error" and "404" in gone["problems"][0]["message"]


def test_sitemap_file(site_url, tmp_path):
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text(f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{site_url}good.html'
                       f"</loc></url><url><loc>{site_url}sub/</loc></url></urlset>")
    report = tmp_path / "r.json"
    assert main(["check", str(sitemap), "--json", str(report), "--no-keyboard"]) == 1
    assert [p["page"] for p in json.loads(report.read_text())["pages"]] == ["/good.html", "/sub/"]


# -- baselines -------------------------------------------------------------------------------------------------------

def test_baseline_records_then_fails_only_on_new_findings(site, tmp_path, capsys):
    baseline = tmp_path / "a11y-baseline.json"
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(page("A", '<p><input type="text" name="q"></p>'))
    args = ["check", str(folder), "--baseline", str(baseline), "--no-keyboard"]
    assert main(args) == 0
    assert "baseline recorded: 1 finding(s)" in capsys.readouterr().out
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "known: [axe] label: input" in out and "0 new, 1 known, 0 fixed" in out

    (folder / "a.html").write_text(page("A", '<img src="data:,x" width="4" height="4">'))
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "[axe] image-alt: img" in out
    assert "fixed since baseline: /a.html: [axe] label: input" in out

    assert main([*args, "--update-baseline"]) == 0
    assert main(args) == 0


# -- logins ----------------------------------------------------------------------------------------------------------

class LoginHandler(http.server.BaseHTTPRequestHandler):
    """Answers a clean page to a browser with the session cookie, and a page with an unlabelled field to others."""

    def do_GET(self):  # noqa: N802 - stdlib name
        logged_in = "session=opensesame" in (self.headers.get("Cookie") or "")
        body = page("Account", "<p>Welcome back.</p>") if logged_in else page(
            "Sign in", '<form><input type="password" name="p"></form>')
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def login_url():
    with serving(LoginHandler) as url:
        yield url + "/account"


def test_cookies_file_logs_every_browser_in(login_url, tmp_path):
    assert main(["check", login_url, "--no-keyboard"]) == 1  # the sign-in page has an unlabelled field
    cookies = tmp_path / "cookies.txt"
    cookies.write_text("# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\topensesame\n")
    assert main(["check", login_url, login_url + "?again", "--cookies", str(cookies), "--workers", "2",
                 "--no-keyboard"]) == 0


def test_prepare_hook_runs_before_the_first_page(login_url, tmp_path):
    hook = tmp_path / "login_hook.py"
    hook.write_text(
        "def log_in(driver):\n"
        f"    driver.get({login_url!r})\n"
        "    driver.add_cookie({'name': 'session', 'value': 'opensesame', 'path': '/'})\n")
    assert main(["check", login_url, "--prepare", f"{hook}:log_in", "--no-keyboard"]) == 0


# -- bad input -------------------------------------------------------------------------------------------------------

@contextlib.contextmanager
def hanging_server():
    """Accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.2)
    held, stop = [], threading.Event()

    def hold():
        while not stop.is_set():
            with contextlib.suppress(OSError):
                held.append(listener.accept()[0])

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/slow"
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        listener.close()


def _browser_of(driver_pid: int) -> int | None:
    """The Chromium main process that our chromedriver started (a child of that pid)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            name, rest = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
            if int(rest[1]) == driver_pid and "chrom" in name.lower():
                return int(entry.name)
    return None


@pytest.fixture
def crash_url(tmp_path):
    """A page whose request kills the browser loading it (the Chromium our test's chromedriver started, by pid)."""
    pid_file = tmp_path / "driver.pid"

    class Crash(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - stdlib name
            pid = _browser_of(int(pid_file.read_text()))
            if pid:
                os.kill(pid, signal.SIGKILL)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    hook = tmp_path / "note_pid.py"
    hook.write_text("def note(driver):\n"
                    f"    open({str(pid_file)!r}, 'w').write(str(driver.service.process.pid))\n")
    with serving(Crash) as url:
        yield f"{url}/crash", f"{hook}:note"


def test_bad_targets_are_named_and_the_run_goes_on(site, tmp_path, crash_url, capsys):
    url, hook = crash_url
    not_xml = tmp_path / "sitemap.xml"
    not_xml.write_text("User-agent: *\n")
    unreachable = f"http://127.0.0.1:{closed_port()}/"
    # 10 s, not less: on a loaded 2-core machine a refused connection's error page has taken over 3 s to load
    with hanging_server() as slow:
        code = main(["check", unreachable, str(not_xml), slow, url, str(site / "good.html"), "--page-timeout", "10",
                     "--prepare", hook, "--no-keyboard", "--json", str(tmp_path / "r.json")])
    out = capsys.readouterr().out
    assert code == 1
    found = {p["url"]: [(pr["rule"], pr["message"]) for pr in p["problems"]]
             for p in json.loads((tmp_path / "r.json").read_text())["pages"]}
    assert found[unreachable] == [("unreachable", f"{unreachable} could not be reached (ERR_CONNECTION_REFUSED)")]
    assert f"{unreachable} could not be reached (ERR_CONNECTION_REFUSED)" in out
    assert f"{not_xml}: not XML" in out
    assert f"FAIL  {slow}" in out and "[load] timeout" in out
    assert f"FAIL  {url}" in out
    assert "ok    http://127.0.0.1:" in out and "/good.html" in out  # audited after the crash, in a new browser
    rules = {p["url"]: p["problems"][0]["rule"] if p["problems"] else None
             for p in json.loads((tmp_path / "r.json").read_text())["pages"]}
    assert rules[unreachable] == "unreachable" and rules[str(not_xml)] == "sitemap-invalid"
    # a dying renderer may hang before it dies: either way the page is reported and the run goes on
    assert rules[slow] == "timeout" and rules[url] in ("browser-error", "audit-error", "timeout")
    assert "4 failed (5 pages" in out


def test_webdriver_down_stops_the_run_with_exit_2(site, capsys):
    url = f"http://127.0.0.1:{closed_port()}"
    assert main(["check", str(site / "good.html"), "--webdriver", url]) == 2
    assert f"no WebDriver answers at {url}" in capsys.readouterr().err


def test_missing_browser_stops_the_run_with_exit_2(site, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WETKIT_CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setenv("WETKIT_CHROMEDRIVER", str(tmp_path / "no-chromedriver"))
    assert main(["check", str(site / "good.html")]) == 2
    assert "the browser did not start" in capsys.readouterr().err


@pytest.mark.parametrize(("args", "message"), [
    (["nope/"], "no such file or folder"),
    (["x", "--update-baseline"], "--update-baseline needs --baseline"),
    (["x", "--workers", "0"], "--workers must be at least 1"),
    (["x", "--cookies", "missing.txt"], "--cookies missing.txt"),
    (["x", "--prepare", "nomodule"], "module:function"),
])
def test_usage_errors_exit_2(args, message, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x").mkdir()
    assert main(["check", *args]) == 2
    assert message in capsys.readouterr().err
