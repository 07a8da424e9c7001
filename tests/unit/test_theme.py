"""Themes: contrast pairs proven, output is plain CSS, tokens used are tokens defined, subsets are smaller."""

from __future__ import annotations

import re

import pytest

from wetkit import sass
from wetkit.registry import get_registry


def test_base_theme_meets_its_contrast_pairs():
    theme = sass.load_theme("base")
    rows = sass.contrast_report(theme)
    assert {scheme for scheme, *_ in rows} == {"light", "dark"}
    assert all(ratio >= minimum for *_, ratio, minimum in rows), [r for r in rows if r[3] < r[4]]


def test_contrast_ratio_matches_wcag_reference_values():
    assert sass.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert sass.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_failing_pair_names_scheme_colours_and_ratio(tmp_path, monkeypatch):
    theme = sass.load_theme("base")
    broken = dict(theme.tokens, color={"light": dict(theme.tokens["color"]["light"], link="#9fb8d0")})
    with pytest.raises(sass.ThemeError, match=r"light: link on background is \d\.\d+:1, needs 4\.5:1"):
        sass.check_contrast(sass.Theme("broken", theme.folder, broken))


def test_compiled_css_is_plain_and_uses_only_defined_tokens():
    css = sass.compile_theme("base")
    assert "@use" not in css and "@forward" not in css and not re.search(r"\$[A-Za-z_]", css)
    assert "unquote(" not in css
    assert "--wet-font-size-xxl: clamp(" in css
    defined = set(re.findall(r"(--wet-[\w-]+)\s*:", css))
    used = set(re.findall(r"var\((--wet-[\w-]+)\)", css))
    assert used <= defined, f"undefined tokens: {sorted(used - defined)}"
    assert "prefers-color-scheme:dark" in css.replace(" ", "")
    assert "forced-colors:active" in css.replace(" ", "")
    assert "prefers-reduced-motion:reduce" in css.replace(" ", "")


def test_components_use_tokens_not_raw_colours():
    for spec in get_registry():
        if spec.scss_file is None:
            continue
        text = spec.scss_file.read_text()
        raw = re.findall(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(", text)
        assert not raw, f"{spec.scss_file}: raw colour values {raw}; use var(--wet-color-...)"


def test_leftover_sass_syntax_fails_the_build():
    with pytest.raises(sass.ThemeError, match=r"\$wet-x"):
        sass.compile_scss('.a { content: "$wet-x"; }', [])
    with pytest.raises(sass.ThemeError, match="unquote"):
        sass.compile_scss('.a { --x: unquote("min(1px, 2vw)"); }', [])
    with pytest.raises(sass.ThemeError, match="Incompatible units"):
        sass.compile_scss(".a { width: min(10px, 5vw) + 1em; }", [])


def test_subset_is_smaller_than_everything():
    everything = sass.compile_theme("base")
    only_button = sass.compile_theme("base", ["button"])
    assert ".wet-btn" in only_button and ".wet-header" not in only_button
    assert len(only_button) < len(everything)


def test_subset_brings_the_components_a_component_draws():
    header_only = sass.compile_theme("base", ["header"])
    assert ".wet-lang-toggle" in header_only and ".wet-search" in header_only
    assert get_registry()["header"].uses == ("language_toggle", "site_search")
    assert set(get_registry().with_dependencies(["text_input"])) == {"text_input", "label", "hint", "error_message"}


def test_unknown_theme_lists_the_known_ones():
    with pytest.raises(sass.ThemeError, match="themes: base"):
        sass.load_theme("nope")
