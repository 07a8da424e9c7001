"""The argument behind the audit's "presentation" scope (``wetkit.audit.runner.SCOPES``), held for every theme.

A theme variant of a demo page is audited with the checks a stylesheet can change, not the rules that read the markup.
That is sound only while (1) a theme's compiled CSS differs from base's in custom property values alone, and (2) no
token feeds a property that decides whether an element is rendered at all (then the markup rules could see a
different set of elements). Both are checked here for every theme wetkit ships, so a new theme or a new token use
that breaks the argument fails here, not silently in the browser suite.
"""

from __future__ import annotations

import re

import pytest

from wetkit.paths import THEMES_DIR
from wetkit.sass import compile_theme

THEMES = sorted(path.name for path in THEMES_DIR.iterdir() if (path / "tokens.yaml").is_file())
# Properties whose value decides whether, or which part of, an element is rendered.
RENDER_DECIDING = frozenset({
    "display", "visibility", "content", "opacity", "clip", "clip-path", "position", "overflow", "overflow-x",
    "overflow-y", "overflow-inline", "overflow-block", "content-visibility", "hidden", "mask", "transform",
})
CUSTOM_PROPERTY = re.compile(r"--wet-[a-z0-9-]+:[^;{}]*;?")
DECLARATION = re.compile(r"(?<=[{;])\s*([a-z-]+)\s*:([^;{}]*)")


def test_the_base_theme_is_among_them():
    assert "base" in THEMES


@pytest.mark.parametrize("theme", THEMES)
def test_no_token_decides_whether_an_element_is_rendered(theme):
    css = compile_theme(theme)
    fed = sorted({prop for prop, value in DECLARATION.findall(css) if "var(--wet-" in value} & RENDER_DECIDING)
    assert fed == [], f"theme {theme!r}: tokens feed {fed}; the presentation scope would miss markup changes"


def test_the_check_sees_a_token_fed_display():
    css = ".x{color:red;display:var(--wet-mode)}"
    fed = {prop for prop, value in DECLARATION.findall(css) if "var(--wet-" in value} & RENDER_DECIDING
    assert fed == {"display"}


@pytest.mark.parametrize("theme", THEMES)  # base against itself too: the comparison runs
def test_a_theme_changes_custom_property_values_only(theme):
    """Apart from ``--wet-*`` custom properties, a theme's CSS is base's, byte for byte."""
    assert CUSTOM_PROPERTY.sub("", compile_theme(theme)) == CUSTOM_PROPERTY.sub("", compile_theme("base"))
