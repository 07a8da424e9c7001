"""Theme inheritance (``extends``), team theme folders, and the checks a loaded theme passes before it compiles."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from wetkit import paths, sass
from wetkit.registry import get_registry


def _theme(folder: Path, name: str, tokens: dict | str, settings: str | None = None) -> Path:
    """Write ``<folder>/<name>/tokens.yaml`` (and ``_settings.scss`` when given); returns the theme folder."""
    theme = folder / name
    theme.mkdir(parents=True)
    text = tokens if isinstance(tokens, str) else yaml.safe_dump(tokens, sort_keys=False)
    (theme / "tokens.yaml").write_text(text, encoding="utf-8")
    if settings is not None:
        (theme / "_settings.scss").write_text(settings, encoding="utf-8")
    return theme


def test_a_two_token_theme_compiles_to_base_plus_exactly_its_two_changes(tmp_path):
    _theme(tmp_path, "brand", "extends: base\ncolor:\n  light: {primary: '#003b71'}\nspace: {'4': 1.125rem}\n")
    base = sass.compile_theme("base")
    brand = sass.compile_theme("brand", theme_dirs=[tmp_path])
    expected = base.replace("--wet-color-primary: #26374a", "--wet-color-primary: #003b71", 1)
    expected = expected.replace("--wet-space-4: 1rem", "--wet-space-4: 1.125rem", 1)
    assert expected.count("#003b71") == 1 and "1.125rem" in expected  # both changes landed, once each
    assert brand == expected
    dark = brand[brand.index("prefers-color-scheme: dark"):]
    assert "--wet-color-primary: #8ec5ff" in dark  # the dark scheme keeps base's primary


def test_a_child_inherits_contrast_pairs_and_adds_its_own(tmp_path):
    _theme(tmp_path, "brand", {"extends": "base", "color": {"light": {"accent": "#af3c43"},
                                                             "dark": {"accent": "#ff9aa2"}},
                               "contrast": {"text": [["accent", "background"]]}})
    theme = sass.load_theme("brand", [tmp_path])
    base = sass.load_theme("base")
    assert theme.tokens["contrast"]["text"] == [*base.tokens["contrast"]["text"], ["accent", "background"]]
    assert theme.tokens["contrast"]["ui"] == base.tokens["contrast"]["ui"]
    rows = {(r.scheme, r.foreground) for r in sass.contrast_report(theme) if r.background == "background"}
    assert {("light", "accent"), ("dark", "accent")} <= rows
    assert theme.chain == (tmp_path / "brand", paths.THEMES_DIR / "base")


def test_a_child_cannot_lower_the_floor_it_inherits_nor_break_a_pair(tmp_path):
    _theme(tmp_path, "pale", "extends: base\ncolor:\n  light: {text-muted: '#8a8a8a'}\n")
    with pytest.raises(sass.ThemeError, match=r"theme 'pale' fails .*\n  light: text-muted on background is 3\.4\d:1"):
        sass.compile_theme("pale", theme_dirs=[tmp_path])


def test_a_team_folder_comes_first_and_a_path_works_too(tmp_path):
    team = tmp_path / "team"
    _theme(team, "canada", "extends: base\nfont: {family: 'Georgia, serif'}\n")
    assert sass.load_theme("canada", [team]).folder == team / "canada"
    by_path = sass.load_theme(team / "canada")
    assert by_path.name == "canada" and by_path.tokens["font"]["family"] == "Georgia, serif"
    assert sass.load_theme(str(team / "canada")).tokens == by_path.tokens
    assert "canada" in sass.available_themes([team]) and "base" in sass.available_themes([team])


def test_extends_by_relative_path(tmp_path):
    _theme(tmp_path, "shared", "extends: base\ncolor:\n  light: {link: '#123f6e'}\n")
    _theme(tmp_path, "service", "extends: ../shared\nfocus: {width: 4px}\n")
    theme = sass.load_theme(tmp_path / "service")
    assert theme.tokens["color"]["light"]["link"] == "#123f6e" and theme.tokens["focus"]["width"] == "4px"
    assert [f.name for f in theme.chain] == ["service", "shared", "base"]


def test_a_theme_missing_tokens_fails_naming_the_theme_and_every_missing_token(tmp_path):
    base = yaml.safe_load((paths.THEMES_DIR / "base" / "tokens.yaml").read_text())
    del base["color"]["light"]["focus-halo"]
    del base["color"]["dark"]["inverse-focus"]
    del base["space"]["3"]
    del base["font"]["size-xl"]
    _theme(tmp_path, "gappy", base, settings="")
    with pytest.raises(sass.ThemeError) as info:
        sass.compile_theme("gappy", theme_dirs=[tmp_path])
    message = str(info.value)
    assert message.startswith(f"theme 'gappy' ({tmp_path / 'gappy' / 'tokens.yaml'}) is missing 4 tokens the "
                              "components use: ")
    named = re.search(r"use: (.*) \(each", message).group(1).split(", ")
    assert sorted(named) == ["color.dark.inverse-focus", "color.light.focus-halo", "font.size-xl", "space.3"]


def test_the_two_token_theme_of_the_issue_fails_without_extends(tmp_path):
    _theme(tmp_path, "tiny", "color:\n  light: {text: '#000000', background: '#ffffff'}\n"
                             "contrast: {text: [[text, background]], ui: [[text, background]]}\n", settings="")
    missing = len(sass.required_tokens(get_registry())) - 2  # all but text and background
    with pytest.raises(sass.ThemeError, match=rf"theme 'tiny' .* is missing {missing} tokens .*color\.light\.focus, "
                                              r".*space\.4, .*write extends: base"):
        sass.compile_theme("tiny", theme_dirs=[tmp_path])


def test_the_required_tokens_come_from_the_scss():
    """Computed, not listed: a component reading a new token makes it required; its own properties are not."""
    required = sass.required_tokens(get_registry())
    assert {"color-text", "color-focus-halo", "focus-width", "space-4", "font-size-xxl"} <= required
    assert "alert-accent" not in required and "panel-text" not in required  # set and read by one component
    assert "space-8" not in required  # base defines it, nothing reads it
    defined = set().union(*sass.theme_properties(sass.load_theme("base")).values())
    assert required <= defined


def test_a_new_component_token_becomes_required(tmp_path):
    components = tmp_path / "components"
    shutil.copytree(paths.COMPONENTS_DIR / "tag", components / "tag")
    (components / "tag" / "_tag.scss").write_text(".wet-tag { color: var(--wet-color-brand-accent); }\n")
    registry = get_registry(components)
    assert "color-brand-accent" in sass.required_tokens(registry)
    with pytest.raises(sass.ThemeError, match=r"theme 'base' .*missing 2 tokens .*: color\.light\.brand-accent, "
                                              r"color\.dark\.brand-accent"):
        sass.compile_theme("base", registry=registry)


@pytest.mark.parametrize("value", ["blue", "#12345", "rgb(0, 0, 0)", 0x1B1B1B, None])
def test_a_colour_that_is_not_a_colour_names_theme_token_and_value(tmp_path, value):
    _theme(tmp_path, "odd", {"extends": "base", "color": {"dark": {"link": value}}})
    with pytest.raises(sass.ThemeError) as info:
        sass.load_theme("odd", [tmp_path])
    assert str(info.value) == (f"theme 'odd' ({tmp_path / 'odd' / 'tokens.yaml'}): color.dark.link is {value!r}, "
                               "not a colour; allowed: #rgb or #rrggbb (the contrast proof computes with it)")


def test_an_extends_cycle_is_refused(tmp_path):
    _theme(tmp_path, "a", "extends: b\n")
    _theme(tmp_path, "b", "extends: c\n")
    _theme(tmp_path, "c", "extends: a\n")
    circle = r"^theme 'a': its extends chain goes round in a circle: a -> b -> c -> a$"
    with pytest.raises(sass.ThemeError, match=circle):
        sass.load_theme("a", [tmp_path])
    _theme(tmp_path, "me", "extends: me\n")
    with pytest.raises(sass.ThemeError, match=r"circle: me -> me$"):
        sass.load_theme("me", [tmp_path])


def test_an_unknown_parent_is_named(tmp_path):
    _theme(tmp_path, "orphan", "extends: bsae\n")
    with pytest.raises(sass.ThemeError) as info:
        sass.load_theme("orphan", [tmp_path])
    message = str(info.value)
    assert message.startswith(f"theme 'orphan' ({tmp_path / 'orphan' / 'tokens.yaml'}) extends 'bsae', which is "
                              "not a theme: no theme 'bsae'")
    assert "themes: base" in message and "orphan" in message


@pytest.mark.parametrize("value", [["base"], 3, ""])
def test_extends_must_be_a_name(tmp_path, value):
    _theme(tmp_path, "odd", {"extends": value})
    with pytest.raises(sass.ThemeError, match=rf"theme 'odd' .*: extends must name a theme such as 'base', "
                                              rf"got {re.escape(repr(value))}"):
        sass.load_theme("odd", [tmp_path])


def test_a_child_takes_its_parents_settings_and_overrides_one(tmp_path):
    _theme(tmp_path, "narrow", "extends: base\n", settings="$wet-breakpoint-desktop: 50em !default;\n")
    css = sass.compile_theme("narrow", theme_dirs=[tmp_path])
    assert "min-width: 50em" in css and "min-width: 40em" in css  # its desktop, base's tablet
    assert "min-width: 64em" not in css


def test_theme_dirs_must_be_a_list(tmp_path):
    with pytest.raises(sass.ThemeError, match=r"theme_dirs must be a list of folders, got the single value"):
        sass.load_theme("base", tmp_path)


def test_bad_yaml_names_the_file(tmp_path):
    _theme(tmp_path, "broken", "color: [unclosed\n")
    with pytest.raises(sass.ThemeError, match=r"theme 'broken': cannot read .*broken/tokens\.yaml"):
        sass.load_theme("broken", [tmp_path])


def test_editing_a_parent_recompiles_its_child(tmp_path):
    import os

    parent = _theme(tmp_path, "parent", "extends: base\ncolor:\n  light: {primary: '#003b71'}\n")
    _theme(tmp_path, "child", "extends: parent\n")
    assert "--wet-color-primary: #003b71" in sass.compile_theme("child", theme_dirs=[tmp_path])
    tokens = parent / "tokens.yaml"
    tokens.write_text("extends: base\ncolor:\n  light: {primary: '#00406e'}\n", encoding="utf-8")
    os.utime(tokens, ns=(tokens.stat().st_atime_ns, tokens.stat().st_mtime_ns + 10**9))
    assert "--wet-color-primary: #00406e" in sass.compile_theme("child", theme_dirs=[tmp_path])
