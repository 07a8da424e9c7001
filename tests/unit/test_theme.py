"""Themes: contrast pairs proven, output is plain CSS, tokens used are tokens defined, subsets are smaller."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from wetkit import paths, sass
from wetkit.registry import get_registry


def test_base_theme_meets_its_contrast_pairs():
    theme = sass.load_theme("base")
    rows = sass.contrast_report(theme)
    schemes = set(theme.tokens["color"])
    assert schemes == {"light", "dark"}
    promised = theme.tokens["contrast"]
    assert set(promised) == {"text", "ui"}
    for kind, pairs in promised.items():  # every pair, of every kind, in every scheme: none skipped
        got = sorted((r.scheme, r.foreground, r.background) for r in rows if r.kind == kind)
        assert got == sorted((scheme, fg, bg) for scheme in schemes for fg, bg in pairs), kind
    assert {(r.kind, r.required) for r in rows} == {("text", 4.5), ("ui", 3.0)}
    assert all(r.ratio >= r.required for r in rows), [r for r in rows if r.ratio < r.required]


def test_contrast_ratio_matches_wcag_reference_values():
    assert sass.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert sass.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_failing_pair_names_scheme_colours_and_ratio(tmp_path, monkeypatch):
    theme = sass.load_theme("base")
    broken = dict(theme.tokens, color={"light": dict(theme.tokens["color"]["light"], link="#9fb8d0")})
    with pytest.raises(sass.ThemeError, match=r"light: link on background is \d\.\d\d:1, needs 4\.5:1 \(text\)"):
        sass.check_contrast(sass.Theme("broken", theme.folder, broken))


# ---- the gate at its limits: colours computed to land just either side (ratios checked first) ----------------

WHITE = "#ffffff"
TEXT_4_489 = "#378282"   # 4.4893:1 on white
TEXT_4_4999 = "#358282"  # 4.49990:1 on white: rounds to 4.50, still fails
TEXT_4_5 = "#d64040"     # 4.50005:1 on white
UI_2_989 = "#0fa6a6"     # 2.9891:1 on white
UI_2_9998 = "#24a5a5"    # 2.99983:1 on white: rounds to 3.00, still fails
UI_3_0 = "#42a3a3"       # 3.00026:1 on white


def _planted(text=(), ui=(), large=None, **settings) -> sass.Theme:
    """A theme of one scheme whose pairs are the given foregrounds on white (plus one safe pair of each kind)."""
    colours = {"background": WHITE, "safe": "#000000"}
    pairs = {}
    for kind, foregrounds in (("text", text), ("ui", ui), ("large", large)):
        if foregrounds is None:
            continue
        pairs[kind] = [["safe", "background"]]
        for colour in foregrounds:
            colours[colour] = colour
            pairs[kind].append([colour, "background"])
    return sass.Theme("planted", Path("themes/planted"), {"color": {"light": colours}, "contrast": pairs, **settings})


@pytest.mark.parametrize(("colour", "low", "high"), [
    (TEXT_4_489, 4.489, 4.49), (TEXT_4_4999, 4.4998, 4.5), (TEXT_4_5, 4.5, 4.5001),
    (UI_2_989, 2.989, 2.99), (UI_2_9998, 2.9998, 3.0), (UI_3_0, 3.0, 3.0003),
])
def test_planted_colours_land_where_the_tests_say(colour, low, high):
    assert low <= sass.contrast_ratio(colour, WHITE) < high


@pytest.mark.parametrize("colour", [TEXT_4_489, TEXT_4_4999])
def test_text_pair_just_under_4_5_fails(colour):
    with pytest.raises(sass.ThemeError, match=rf"light: {colour} on background is 4\.4\d:1, needs 4\.5:1 \(text\)"):
        sass.check_contrast(_planted(text=[colour]))


def test_text_pair_at_4_5_passes():
    sass.check_contrast(_planted(text=[TEXT_4_5]))


@pytest.mark.parametrize("colour", [UI_2_989, UI_2_9998])
def test_ui_pair_just_under_3_fails(colour):
    """Also proves UI pairs are checked at all: a gate that skipped them would let these through."""
    with pytest.raises(sass.ThemeError, match=rf"light: {colour} on background is 2\.9\d:1, needs 3:1 \(ui\)"):
        sass.check_contrast(_planted(ui=[colour]))


def test_ui_pair_at_3_passes_but_not_as_text():
    sass.check_contrast(_planted(ui=[UI_3_0]))
    with pytest.raises(sass.ThemeError, match=rf"{UI_3_0} on background is 3\.00:1, needs 4\.5:1 \(text\)"):
        sass.check_contrast(_planted(text=[UI_3_0]))


def test_large_text_pairs_need_3():
    sass.check_contrast(_planted(large=[UI_3_0]))
    with pytest.raises(sass.ThemeError, match=rf"{UI_2_9998} on background is 2\.99:1, needs 3:1 \(large\)"):
        sass.check_contrast(_planted(large=[UI_2_9998]))


def test_every_failure_is_listed():
    with pytest.raises(sass.ThemeError) as info:
        sass.check_contrast(_planted(text=[TEXT_4_489, TEXT_4_5], ui=[UI_2_989, UI_3_0]))
    lines = str(info.value).splitlines()[1:]
    assert [line.split()[1] for line in lines] == [TEXT_4_489, UI_2_989]


@pytest.mark.parametrize(("kind", "colours"), [("text", {"text": ["#000000"]}), ("ui", {"ui": ["#000000"]})])
def test_a_theme_must_prove_its_text_and_its_ui_pairs(kind, colours):
    missing = "ui" if kind == "text" else "text"
    theme = _planted(**colours)
    del theme.tokens["contrast"][missing]
    with pytest.raises(sass.ThemeError, match=rf"theme 'planted' .*contrast\.{missing} lists no pairs"):
        sass.check_contrast(theme)
    theme.tokens["contrast"][missing] = []
    with pytest.raises(sass.ThemeError, match=rf"contrast\.{missing} lists no pairs"):
        sass.check_contrast(theme)


def test_a_pair_under_an_unknown_kind_is_refused_not_skipped():
    theme = _planted(text=[TEXT_4_5], ui=[UI_3_0])
    theme.tokens["contrast"]["UI"] = [[UI_2_989, "background"]]
    with pytest.raises(sass.ThemeError, match=r"contrast\.UI is not a kind of pair; kinds: text, large, ui"):
        sass.check_contrast(theme)


# ---- floors: a theme may raise them, never lower them -----------------------------------------------------------


@pytest.mark.parametrize(("setting", "value"), [
    ("min_text_contrast", 4.49), ("min_text_contrast", 3), ("min_ui_contrast", 2.99),
    ("min_large_text_contrast", 2.0),
])
def test_a_theme_cannot_lower_its_floor(setting, value):
    with pytest.raises(sass.ThemeError, match=rf"theme 'planted': {setting} is {value:g}, below the WCAG AA floor"):
        sass.check_contrast(_planted(text=[TEXT_4_5], ui=[UI_3_0], **{setting: value}))


@pytest.mark.parametrize("value", ["high", True, None, float("nan"), float("inf")])
def test_a_floor_must_be_a_ratio(value):
    with pytest.raises(sass.ThemeError, match=r"theme 'planted': min_ui_contrast must be a contrast ratio"):
        sass.check_contrast(_planted(text=[TEXT_4_5], ui=[UI_3_0], min_ui_contrast=value))


def test_a_misspelt_floor_is_refused_not_ignored():
    with pytest.raises(sass.ThemeError, match=r"unknown setting 'min_text_contrats' .*settings: min_text_contrast"):
        sass.check_contrast(_planted(text=[TEXT_4_5], ui=[UI_3_0], min_text_contrats=7))


def test_a_high_contrast_theme_raises_its_floors():
    seven = "#595959"  # 7.00:1 on white
    assert 7.0 <= sass.contrast_ratio(seven, WHITE) < 7.01
    sass.check_contrast(_planted(text=[seven], ui=[TEXT_4_5], min_text_contrast=7, min_ui_contrast=4.5))
    with pytest.raises(sass.ThemeError) as info:
        sass.check_contrast(_planted(text=[seven, TEXT_4_5], ui=[UI_3_0], min_text_contrast=7, min_ui_contrast=4.5))
    assert str(info.value).splitlines()[1:] == [
        f"  light: {TEXT_4_5} on background is 4.50:1, needs 7:1 (text)",
        f"  light: {UI_3_0} on background is 3.00:1, needs 4.5:1 (ui)",
    ]


def test_a_lowered_floor_stops_the_build(tmp_path, monkeypatch):
    """Through the real path: a theme folder whose tokens.yaml lowers its text floor cannot be compiled."""
    folder = tmp_path / "lenient"
    shutil.copytree(paths.THEMES_DIR / "base", folder)
    with (folder / "tokens.yaml").open("a", encoding="utf-8") as tokens:
        tokens.write("min_text_contrast: 3\n")
    monkeypatch.setattr(paths, "THEMES_DIR", tmp_path)
    with pytest.raises(sass.ThemeError, match=r"theme 'lenient': min_text_contrast is 3, below the WCAG AA floor"):
        sass.compile_theme("lenient")


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
