"""The audit itself must catch barriers: each page here has exactly one known fault (and one page has none)."""

from __future__ import annotations

import pytest

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
    "missing-script": ('<script src="nope.js"></script>', "<p>Script 404.</p>"),
    "inline-script": ("<script>document.title = 'x';</script>", "<p>Blocked by CSP.</p>"),
}
FILES = {
    "wide.css": ".wide { width: 600px; }",
    "nofocus.css": "a:focus, a:focus-visible { outline: none; }",
}


@pytest.fixture(scope="module")
def fault_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("faults")
    for name, (head, body) in PAGES.items():
        (root / f"{name}.html").write_text(HEAD.format(title=name, head=head) + BODY.format(title=name, body=body))
    for name, text in FILES.items():
        (root / name).write_text(text)
    server, url = serve_in_thread(root)
    yield url
    server.shutdown()


def _problems(auditor, url, name):
    result = auditor.audit(f"{url}{name}.html")
    return {(p.check, p.rule) for p in result.problems}


def test_clean_page_passes(auditor, fault_url):
    assert _problems(auditor, fault_url, "clean") == set()


@pytest.mark.parametrize(("page", "expected"), [
    ("missing-alt", ("axe", "image-alt")),
    ("too-wide", ("reflow", "horizontal-scroll")),
    ("hidden-focus", ("focus", "focus-not-visible")),
    ("missing-script", ("console", "console-error")),
    ("inline-script", ("console", "console-error")),
])
def test_fault_is_caught(auditor, fault_url, page, expected):
    assert expected in _problems(auditor, fault_url, page)


def test_engine_is_the_pinned_axe(auditor, fault_url):
    auditor.audit(f"{fault_url}clean.html")
    assert auditor.axe.version.startswith("4.14.")
    assert all(count > 0 for count in auditor.axe.rule_counts.values())


def test_hanging_page_is_reported_and_the_audit_goes_on(fault_url):
    import socket
    import threading

    from wetkit.audit.browser import PAGE_LOAD_TIMEOUT
    from wetkit.audit.runner import Auditor

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    held = []
    stop = threading.Event()

    def accept_and_hold():  # accepts connections and never answers
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept_and_hold, daemon=True)
    thread.start()
    try:
        with Auditor(page_load_timeout=3) as auditor:
            hung = auditor.audit(f"http://127.0.0.1:{listener.getsockname()[1]}/")
            # The browser was restarted; give the next page the usual time (a cold start on a busy machine is slow).
            auditor.page_load_timeout = PAGE_LOAD_TIMEOUT
            after = auditor.audit(f"{fault_url}clean.html")
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        listener.close()
    assert [(p.check, p.rule) for p in hung.problems] == [("load", "timeout")]
    assert after.ok, after.report()


def test_cli_check_exit_codes(fault_url, tmp_path, capsys):
    from wetkit.cli import main

    assert main(["check", f"{fault_url}clean.html"]) == 0
    assert "1 passed, 0 failed" in capsys.readouterr().out
    report = tmp_path / "report.json"
    assert main(["check", f"{fault_url}missing-alt.html", "--json", str(report)]) == 1
    out = capsys.readouterr().out
    assert "image-alt" in out and "0 passed, 1 failed" in out
    assert "image-alt" in report.read_text()


CLIPPING = {
    "clipped-text": ('<link rel="stylesheet" href="clip.css">', '<p class="box">Some text that needs room</p>'),
    "shadow-focus": ('<link rel="stylesheet" href="shadow.css">', '<p><a href="#z" id="z">Shadow-only focus</a></p>'),
}


@pytest.fixture(scope="module")
def spacing_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("spacing")
    for name, (head, body) in CLIPPING.items():
        (root / f"{name}.html").write_text(HEAD.format(title=name, head=head) + BODY.format(title=name, body=body))
    (root / "clip.css").write_text(".box { width: 12em; height: 1.4em; overflow: hidden; line-height: 1.2; }")
    (root / "shadow.css").write_text("a:focus-visible { outline: none; box-shadow: 0 0 0 3px #0b57d0; }")
    server, url = serve_in_thread(root)
    yield url
    server.shutdown()


def test_text_cut_off_by_spacing_is_caught(auditor, spacing_url):
    assert ("text-spacing", "text-clipped") in _problems(auditor, spacing_url, "clipped-text")


def test_shadow_only_focus_is_caught_in_forced_colors(auditor, spacing_url):
    found = _problems(auditor, spacing_url, "shadow-focus")
    assert ("forced-colors", "focus-not-visible") in found
    assert ("focus", "focus-not-visible") not in found
