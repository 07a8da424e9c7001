"""CSS sizes per theme against the budget, `wetkit sizes`, and the per-page subset from `wetkit css --only`."""

from __future__ import annotations

import re

import pytest

from wetkit import assets, sass
from wetkit.cli import main


def test_the_budget_is_8_kb():
    assert assets.CSS_BUDGET == 8_000


@pytest.mark.parametrize("theme", sass.available_themes())
def test_each_theme_with_every_component_fits_the_budget(theme):
    css = sass.compile_theme(theme)
    assert assets.gzip_size(css) <= assets.CSS_BUDGET
    assert assets.css_sizes([theme])[theme] == {"min": len(css.encode()), "gzip": assets.gzip_size(css)}


def test_wetkit_sizes_prints_every_theme_against_the_budget(capsys):
    assert main(["sizes"]) == 0
    out = capsys.readouterr().out
    rows = dict(re.findall(r"^  ([\w-]+) +\d+ B minified, +(\d+) B min\+gzip  ok$", out, re.M))
    assert list(rows) == sass.available_themes()
    for theme, gzip in rows.items():
        assert int(gzip) == assets.gzip_size(sass.compile_theme(theme))
    assert f"budget {assets.CSS_BUDGET:,} B min+gzip each" in out and re.search(r"^js: +\d+ B minified", out, re.M)


def test_wetkit_sizes_fails_a_theme_over_the_budget(capsys, monkeypatch):
    monkeypatch.setattr(assets, "CSS_BUDGET", 1_000)
    assert main(["sizes", "--theme", "canada"]) == 1
    captured = capsys.readouterr()
    assert re.search(r"^  canada +\d+ B minified, +\d+ B min\+gzip  OVER BUDGET$", captured.out, re.M)
    assert "base" not in captured.out
    assert "canada: CSS over the 1,000 B budget" in captured.err


def test_a_page_can_load_only_its_components_css(tmp_path, capsys):
    out = tmp_path / "page.css"
    assert main(["css", "--theme", "high-contrast", "--only", "button, header", "--out", str(out)]) == 0
    css = out.read_text(encoding="utf-8")
    assert css == sass.compile_theme("high-contrast", ["button", "header"])
    assert ".wet-btn" in css and ".wet-lang-toggle" in css and ".wet-tabs" not in css  # the header draws the toggle
    assert main(["sizes", "--only", "button"]) == 0
    listed = capsys.readouterr().out
    assert "components button (and what they draw)" in listed and "budget" not in listed
    assert main(["css"]) == 0
    assert capsys.readouterr().out == sass.compile_theme("base")


@pytest.mark.parametrize(("argv", "message"), [
    (["css", "--only", "buton"], "no component 'buton'; components: accordion, "),
    (["css", "--only", " , "], "--only ' , ': give component names separated by commas"),
    (["sizes", "--theme", "nope"], "no theme 'nope'"),
])
def test_bad_names_are_usage_errors(argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err
