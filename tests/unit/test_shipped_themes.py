"""The themes wetkit ships: each extends base, has light and dark colours, and proves its contrast floors."""

from __future__ import annotations

import re

import pytest
import yaml

from wetkit import paths, sass

SHIPPED = ["base", "canada", "high-contrast"]


def test_wetkit_ships_three_themes():
    assert sass.available_themes() == SHIPPED


@pytest.mark.parametrize("name", SHIPPED[1:])
def test_each_extra_theme_extends_base_in_light_and_dark(name):
    own = yaml.safe_load((paths.THEMES_DIR / name / "tokens.yaml").read_text(encoding="utf-8"))
    assert own["extends"] == "base"
    theme = sass.load_theme(name)
    assert set(theme.tokens["color"]) == {"light", "dark"}
    assert theme.chain == (paths.THEMES_DIR / name, paths.THEMES_DIR / "base")


@pytest.mark.parametrize("name", SHIPPED)
def test_each_theme_compiles_with_every_token_and_its_contrast_proven(name):
    theme = sass.load_theme(name)
    rows = sass.contrast_report(theme)
    assert rows and all(r.ratio >= r.required for r in rows), [r for r in rows if r.ratio < r.required]
    css = sass.compile_theme(name)
    defined = set(re.findall(r"(--wet-[\w-]+)\s*:", css))
    used = set(re.findall(r"var\((--wet-[\w-]+)\)", css))
    assert used <= defined, f"{name}: undefined tokens {sorted(used - defined)}"


def test_high_contrast_promises_and_proves_7_to_1_text_and_4_5_to_1_ui():
    theme = sass.load_theme("high-contrast")
    assert (theme.min_text_contrast, theme.min_large_text_contrast, theme.min_ui_contrast) == (7, 7, 4.5)
    rows = sass.contrast_report(theme)
    base_pairs = {(r.kind, r.foreground, r.background) for r in sass.contrast_report(sass.load_theme("base"))}
    assert base_pairs <= {(r.kind, r.foreground, r.background) for r in rows}  # every base pair, again
    for row in rows:
        assert row.required == (7 if row.kind == "text" else 4.5)
        assert row.ratio >= row.required, row
    assert {r.scheme for r in rows} == {"light", "dark"}


def test_high_contrast_refuses_a_colour_that_only_meets_aa(tmp_path):
    """The floors bite: a grey that passes AA (4.8:1 on white) fails here."""
    assert 4.5 < sass.contrast_ratio("#6f6f6f", "#ffffff") < 7
    theme = sass.load_theme("high-contrast")
    grey = sass.Theme("hc", theme.folder, {**theme.tokens, "color": {
        **theme.tokens["color"], "light": {**theme.tokens["color"]["light"], "text-muted": "#6f6f6f"}}})
    with pytest.raises(sass.ThemeError, match=r"light: text-muted on background is \d\.\d\d:1, needs 7:1 \(text\)"):
        sass.check_contrast(grey)


def _width(theme: str) -> float:
    return float(sass.load_theme(theme).tokens["focus"]["width"].removesuffix("px"))


def test_high_contrast_draws_a_thicker_focus_ring():
    assert _width("high-contrast") > _width("base")
    assert "--wet-focus-width: 5px" in sass.compile_theme("high-contrast")


def test_canada_uses_the_published_palette_and_type():
    light = sass.load_theme("canada").tokens["color"]["light"]
    assert (light["link"], light["link-hover"], light["link-visited"]) == ("#2b4380", "#0535d2", "#7834bc")
    assert light["header-band"] == light["inverse"] == "#26374a"
    font = sass.load_theme("canada").tokens["font"]
    assert font["family"].startswith('"Noto Sans"') and font["family"].endswith("sans-serif")
    assert font["family-heading"].startswith("Lato") and font["family-heading"].endswith("sans-serif")
    assert font["size-m"].endswith(", 1.25rem)")  # 20px body text on wide screens
    css = sass.compile_theme("canada")
    assert "--wet-header-band-width: 2.5rem" in css and "--wet-color-header-band: #26374a" in css
