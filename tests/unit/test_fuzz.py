"""The spec fuzzer's fixed share (issue #6 item 8): a few thousand hostile calls, the same every run, no findings.

Every component in the registry gets an equal share of ``TOTAL_RENDERS`` cases built from its spec and examples
(tests/fuzz/specfuzz.py): injection strings, browser-forgiven ``javascript:`` spellings, hostile ``attrs`` names and
URL values, generated text and wrong types, in every parameter, top level and nested. Each call must render inert
HTML (no script, no on*/style attribute, no element or attribute a harmless call lacks, no URL scheme but http(s),
mailto, tel or relative) or raise wetkit's own error. A new component folder is covered with no edit here.

The deep run is ``nox -s fuzz`` (50,000+ renders, a fresh seed each time).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # tests/fuzz is shared with `python -m tests.fuzz`
    sys.path.insert(0, str(ROOT))

from tests.fuzz.specfuzz import Fuzzer, run  # noqa: E402
from wetkit.registry import get_registry  # noqa: E402

TOTAL_RENDERS = 3000
NAMES = get_registry().names()
PER_COMPONENT = math.ceil(TOTAL_RENDERS / len(NAMES))


@pytest.fixture(scope="module")
def fuzzer():
    return Fuzzer()


@pytest.mark.parametrize("component", NAMES)
def test_hostile_values_render_inert_or_raise_wetkit_errors(fuzzer, component):
    before = fuzzer.renders
    result = run(PER_COMPONENT, [component], fuzzer=fuzzer)
    assert fuzzer.renders - before >= PER_COMPONENT, "the fuzzer rendered fewer cases than asked"
    findings = [f for f in result.findings if f.component == component]
    assert not findings, f"{len(findings)} finding(s) for wet.{component}:\n\n" + "\n\n".join(
        f.report() for f in findings
    )


def _example_with(component: str, param: str | None = None) -> str:
    """The first example of ``component`` that gives ``param`` (any example when None)."""
    spec = get_registry()[component]
    return next(name for name, example in spec.examples.items() if param is None or param in example.params)


# Holes the fuzzer found in wetkit 0.1 (issue #6), kept as fixed cases so they can never come back unnoticed,
# whatever the hypothesis draw.
KNOWN_HOLES = [
    pytest.param("button", "href", {"href": "java\tscript:alert(1)"}, id="url-with-tab"),
    pytest.param("button", "href", {"href": "\x01javascript:alert(1)"}, id="url-after-c0-control"),
    pytest.param("button", "href", {"attrs[]": ("href", "javascript:alert(1)")}, id="attrs-href-overrides-href"),
    pytest.param("button", None, {"attrs[]": ("href", "javascript:alert(1)")}, id="attrs-href-on-button"),
    pytest.param("button", None, {"attrs[]": ("style\n", "color: red")}, id="attrs-name-style-newline"),
    pytest.param("button", None, {"attrs[]": ("onclick\n", "alert(1)")}, id="attrs-name-onclick-newline"),
    pytest.param("button", None, {"variant": ["primary"]}, id="enum-given-a-list"),
    pytest.param("text_input", None, {"label": {1: "x"}}, id="part-dict-with-int-key"),
]


@pytest.mark.parametrize(("component", "param", "values"), KNOWN_HOLES)
def test_known_holes_stay_closed(fuzzer, component, param, values):
    case = fuzzer.case(component, _example_with(component, param), **values)
    problems = fuzzer.check(case)
    assert not problems, f"wet.{component} {case.describe()}: " + "; ".join(p.detail for p in problems)
