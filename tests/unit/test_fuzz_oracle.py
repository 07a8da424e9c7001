"""The fuzz oracle catches planted faults, and leaves inert output alone (so test_fuzz.py can fail, and only rightly).

Fake render functions stand in for wetkit: one pastes values into the HTML unescaped, one escapes them but has no
URL policy, one raises a bare TypeError on a list; each must be flagged. One that escapes everything and refuses
wrong types with wetkit's own error must not be.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from markupsafe import escape

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.fuzz.oracle import Outcome, features, judge, url_scheme  # noqa: E402
from tests.fuzz.specfuzz import Fuzzer, run  # noqa: E402
from wetkit.errors import ParameterError  # noqa: E402


@pytest.mark.parametrize(("url", "scheme"), [
    ("javascript:alert(1)", "javascript"),
    ("java\tscript:alert(1)", "javascript"),
    ("java\nscript:alert(1)", "javascript"),
    ("\x01javascript:alert(1)", "javascript"),
    (" \x00\x1f javascript:alert(1)", "javascript"),
    ("JaVaScRiPt:alert(1)", "javascript"),
    ("vb\nscript:msgbox(1)", "vbscript"),
    ("data:text/html,<script>alert(1)</script>", "data"),
    ("javascript\t:alert(1)", "javascript"),
    ("https://example.ca/", "https"),
    ("mailto:a@example.ca", "mailto"),
    ("jav&#x09;ascript:alert(1)", None),  # the entity is not decoded in a URL: '&' ends the scheme
    ("ｊａｖａｓｃｒｉｐｔ:alert(1)", None),  # full-width letters are not a scheme
    ("java script:alert(1)", None),
    ("//evil.example", None),
    ("/a:b", None),
    ("#x:y", None),
    ("?q=a:b", None),
    ("", None),
])
def test_url_scheme_is_read_as_browsers_do(url, scheme):
    assert url_scheme(url) == scheme


def test_entities_in_markup_are_decoded_before_the_scheme_is_read():
    (url,) = features('<a href="java&#x09;script:alert(1)">x</a>').urls
    assert url.scheme == "javascript"


def test_html_is_parsed_as_a_browser_does():
    found = features('<p title="a" STYLE\n="x">t</p><svg><a xlink:href="javascript:x"></a></svg>')
    assert ("p", "style") in found.attributes
    assert {u.scheme for u in found.urls} == {"javascript"}


REFERENCE = features('<a class="x" href="/harmless">harmless</a>')


@pytest.mark.parametrize(("html", "kind"), [
    ('<a class="x" href="/harmless"><script>alert(1)</script></a>', "<script> element"),
    ('<a class="x" href="/harmless" onclick="alert(1)">x</a>', "on* attribute"),
    ('<a class="x" href="/harmless" style\n="color:red">x</a>', "style attribute"),
    ('<a class="x" href="/harmless"><img src=x></a>', "injected element"),
    ('<a class="x" href="/harmless" autofocus>x</a>', "injected attribute"),
    ('<a class="x" href="java\tscript:alert(1)">x</a>', "URL scheme javascript"),
    ('<a class="x" href=" data:text/html,x">x</a>', "URL scheme data"),
])
def test_planted_faults_are_flagged(html, kind):
    problems = judge(Outcome(html=html), REFERENCE)
    assert kind in {p.kind for p in problems}


@pytest.mark.parametrize("html", [
    '<a class="x" href="/harmless">&lt;script&gt;alert(1)&lt;/script&gt;</a>',
    '<a class="x" href="//evil.example">x</a>',
    '<a class="x" href="https://example.ca/?q=javascript:x">x</a>',
    '<a class="x" href="jav&amp;#x09;ascript:alert(1)">x</a>',
    '<a class="x">x</a>',
])
def test_inert_output_is_not_flagged(html):
    assert judge(Outcome(html=html), REFERENCE) == []


def test_attribute_the_caller_asked_for_is_not_flagged_but_an_event_handler_is():
    asked = '<a class="x" href="/harmless" data-track="1">x</a>'
    assert judge(Outcome(html=asked), REFERENCE, allowed_attributes={"data-track"}) == []
    handler = '<a class="x" href="/harmless" onclick="x">x</a>'
    assert judge(Outcome(html=handler), REFERENCE, allowed_attributes={"onclick"})


def test_exceptions_other_than_wetkits_are_flagged():
    try:
        {}[["x"]] = 1
    except TypeError as error:
        bare = error
    assert judge(Outcome(error=bare), None, expected_errors=(ParameterError,))[0].kind.startswith("raises TypeError")
    assert judge(Outcome(error=ParameterError("wet.x: bad")), None, expected_errors=(ParameterError,)) == []


# ---- planted faults, found through the whole fuzzer -------------------------------------------------------------


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def leaky(spec, params, content):
    """Pastes every string unescaped: the GOV.UK ``html=`` mistake."""
    return "<div>" + " ".join(_strings(params)) + "</div>"


def no_url_policy(spec, params, content):
    """Escapes text, but puts any href in a link as given."""
    href = params.get("href")
    link = f'<a href="{escape(href)}">x</a>' if isinstance(href, str) else ""
    return f"<div>{escape(repr(params))}{link}</div>"


def bare_type_error(spec, params, content):
    """Escapes everything but crashes on a list where a string goes, as ``variant=["primary"]`` once did."""
    if any(isinstance(v, list) for v in params.values()):
        raise TypeError("unhashable type: 'list'")
    return f"<div>{escape(repr(params))}</div>"


def inert(spec, params, content):
    """Escapes everything into one fixed structure and refuses wrong types with wetkit's own error."""
    if not all(isinstance(v, (str, bool, int, dict, list)) for v in params.values()):
        raise ParameterError(f"wet.{spec.name}: a value of the wrong type")
    return f'<div class="wet">{escape(repr(params))}</div>'


@pytest.mark.parametrize(("render", "kinds"), [
    (leaky, {"<script> element", "injected element", "on* attribute"}),
    (no_url_policy, {"URL scheme javascript"}),
    (bare_type_error, {"raises TypeError at test_fuzz_oracle.py"}),
])
def test_the_fuzzer_finds_a_planted_fault(render, kinds):
    fuzzer = Fuzzer(render=render)
    result = run(120, ["button"], fuzzer=fuzzer)
    found = {f.kind.split(":")[0] for f in result.findings}
    assert result.renders >= 120
    assert any(kind in k for kind in kinds for k in found), f"none of {kinds} in {found}"


def test_the_fuzzer_finds_the_planted_fault_in_a_hand_made_case():
    fuzzer = Fuzzer(render=no_url_policy)
    problems = fuzzer.check(fuzzer.case("button", "primary", href="java\tscript:alert(1)"))
    assert [p.kind for p in problems] == ["URL scheme javascript"]
    assert fuzzer.findings  # recorded, with the slot named
    assert next(iter(fuzzer.findings.values())).slot == "href"


def test_the_fuzzer_passes_an_inert_render():
    fuzzer = Fuzzer(render=inert)
    result = run(200, ["button", "summary_list"], fuzzer=fuzzer)
    assert result.renders >= 400
    assert result.findings == [], fuzzer.report()
