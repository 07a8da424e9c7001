"""A team's own folders, loaded alongside wetkit's: ``components=[...]``/``themes=[...]`` in ``wetkit.environment``,
``install`` and ``init_app`` (and Flask's config keys), ``--components-dir``/``--theme-dir`` on the command line, and
the scaffolds of ``wetkit new component|theme NAME --in DIR`` whose printed commands are run outside the checkout.

The team folder is built in a temporary folder from scratch, as a team writes it (docs/extending.md), never copied
from wetkit's components.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import warnings
from pathlib import Path

import jinja2
import pytest

import wetkit
from wetkit import paths
from wetkit.cli import main
from wetkit.errors import ParameterError, SpecError
from wetkit.registry import ComponentOverride, Registry, get_registry, load_registry
from wetkit.sass import ThemeError
from wetkit.site import build_site

NOTICE_SPEC = """summary: A short notice about the team's service.
positional: [text]
params:
  text: {type: text, required: true, doc: The notice.}
  tone: {type: enum, values: [calm, urgent], default: calm, doc: How it reads.}
examples:
  calm:
    description: A calm notice.
    params: {text: Offices close at noon on Friday.}
"""
NOTICE_MACRO = """{% macro _render(text, tone, classes, attrs) -%}
<p class="{{ wet_classes('team-notice team-notice--' ~ tone, classes) }}"{{ attrs|wet_attrs }}>{{ text }}</p>
{%- endmacro %}
{% set notice = wetkit_component("notice", _render) %}
"""
NOTICE_SCSS = """.team-notice {
  padding-inline: var(--wet-space-3);
  border-inline-start: 4px solid var(--wet-color-info);
}
"""
NOTICE_JS = """(function (window) {
  "use strict";
  window.wetkit.register("notice", function (element) { element.setAttribute("data-notice-ready", "true"); });
})(window);
"""
# A team's own tag, with wetkit's tag parameters (card and task_list draw it) and its own markup.
TAG_SPEC = """summary: The team's own tag, replacing wetkit's.
positional: [text]
params:
  text: {type: text, required: true, doc: The words.}
  variant: {type: enum, values: [neutral, info, success, warning, danger], default: neutral, doc: Meaning.}
  id: {type: id, doc: Its id.}
examples:
  plain: {params: {text: Draft}}
"""
TAG_MACRO = """{% macro _render(text, variant, id, classes, attrs) -%}
<span class="{{ wet_classes('team-tag team-tag--' ~ variant, classes) }}"{{ attrs|wet_attrs(id=id) }}>{{ text }}</span>
{%- endmacro %}
{% set tag = wetkit_component("tag", _render) %}
"""
# A team's own button with none of wetkit's button parameters: wetkit's button rules (href and disabled) must not run.
BUTTON_SPEC = """summary: The team's own button.
params:
  label: {type: text, required: true, doc: The words.}
examples:
  plain: {params: {label: Go}}
"""
BUTTON_MACRO = """{% macro _render(label, classes, attrs) -%}
<button class="{{ wet_classes('team-button', classes) }}"{{ attrs|wet_attrs }}>{{ label }}</button>
{%- endmacro %}
{% set button = wetkit_component("button", _render) %}
"""
BRAND_TOKENS = """extends: base
color:
  light: {primary: "#4b1d6b", link: "#5a2a82"}
"""


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def team(tmp_path) -> Path:
    """A team repository: components/notice (with a script) and themes/brand (two tokens over base)."""
    return _write(tmp_path / "team", {
        "components/notice/notice.yaml": NOTICE_SPEC, "components/notice/notice.html": NOTICE_MACRO,
        "components/notice/_notice.scss": NOTICE_SCSS, "components/notice/notice.js": NOTICE_JS,
        "themes/brand/tokens.yaml": BRAND_TOKENS,
    })


@pytest.fixture
def override(tmp_path) -> Path:
    """A second team folder whose ``tag`` replaces wetkit's."""
    return _write(tmp_path / "override", {"tag/tag.yaml": TAG_SPEC, "tag/tag.html": TAG_MACRO})


def test_team_components_render_beside_wetkit_s(team):
    env = wetkit.environment(components=[team / "components"], undefined=jinja2.StrictUndefined)
    html = env.from_string('{{ wet.notice("Closed Friday.") }}{{ wet.button("Continue") }}').render()
    assert '<p class="team-notice team-notice--calm">Closed Friday.</p>' in html and "wet-btn" in html
    installed = wetkit.install(jinja2.Environment(), components=str(team / "components"))
    assert 'team-notice--urgent' in installed.from_string('{{ wet.notice(text="x", tone="urgent") }}').render()
    assert "notice" not in get_registry(), "wetkit's own registry is left alone"


def test_a_team_spec_gets_the_same_parameter_checks(team):
    wet = wetkit.environment(components=[team / "components"]).globals["wet"]
    with pytest.raises(ParameterError, match=r"wet\.notice: parameter 'tone' got 'loud' \(str\); allowed: one of "
                                             r"'calm', 'urgent'"):
        wet.notice("x", tone="loud")
    with pytest.raises(ParameterError, match=r"wet\.notice: .*'text'"):
        wet.notice()


def test_a_bad_team_spec_names_its_file(team):
    spec = team / "components/notice/notice.yaml"
    spec.write_text(NOTICE_SPEC.replace("type: enum", "type: choice"), encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        wetkit.environment(components=[team / "components"])
    message = str(caught.value)
    assert str(spec) in message and "params.tone.type" in message and "'choice'" in message


@pytest.mark.parametrize("given, expected", [
    ("missing", r"wetkit.environment: components: '.*missing' is not a folder; allowed: a folder that holds one "
                r"folder per component"),
    ("one", r"wetkit.environment: components: '.*notice' is the folder of one of them; allowed: .*, here '.*"
            r"components'"),
    (42, r"wetkit.environment: components: got 42 \(int\); allowed: a folder path"),
])
def test_bad_team_folders_are_named(team, given, expected):
    value = {"missing": team / "missing", "one": team / "components/notice"}.get(given, given)
    with pytest.raises(ParameterError, match=expected):
        wetkit.environment(components=[value])


@pytest.mark.parametrize("given", [42, b"components", {"components": True}])
def test_a_team_folder_list_that_is_not_a_list_is_named(given):
    with pytest.raises(ParameterError, match=r"wetkit.environment: components: got .*; allowed: a list of folders"):
        wetkit.environment(components=given)


def test_bad_theme_folder_is_named(team):
    with pytest.raises(ParameterError, match=r"wetkit.install: themes: '.*brand' is the folder of one of them"):
        wetkit.install(jinja2.Environment(), themes=[team / "themes/brand"])


def test_an_override_replaces_wetkit_s_component_and_says_so(override):
    with pytest.warns(ComponentOverride) as caught:
        registry = load_registry([override])
    [message] = [str(w.message) for w in caught]
    assert message == (f"component 'tag' from {override / 'tag'} overrides wetkit's own in "
                       f"{paths.COMPONENTS_DIR / 'tag'}")
    assert registry["tag"].team and not registry["card"].team and registry.team_names() == ["tag"]
    wet = wetkit.environment(registry=registry).globals["wet"]
    assert str(wet.tag("Draft", variant="info")) == '<span class="team-tag team-tag--info">Draft</span>'
    card = wet.card(heading="Permit", href="/p", tag={"text": "Open", "variant": "success"})
    assert '<span class="team-tag team-tag--success">Open</span>' in card, "wetkit's card draws the team's tag"


def test_wetkit_s_rules_do_not_run_on_a_team_s_override(tmp_path):
    folder = _write(tmp_path / "buttons", {"button/button.yaml": BUTTON_SPEC, "button/button.html": BUTTON_MACRO})
    with pytest.warns(ComponentOverride):
        wet = wetkit.environment(components=[folder]).globals["wet"]
    assert str(wet.button(label="Go")) == '<button class="team-button">Go</button>'
    with pytest.raises(ParameterError, match=r"wet\.button: unknown parameter 'href'"):
        wet.button(label="Go", href="/next")


def test_the_first_team_folder_wins(tmp_path, override):
    second = _write(tmp_path / "second", {"tag/tag.yaml": TAG_SPEC.replace("The team's own", "Another"),
                                          "tag/tag.html": TAG_MACRO})
    with pytest.warns(ComponentOverride) as caught:
        registry = Registry(override, second, paths.COMPONENTS_DIR)
    assert registry["tag"].folder == override / "tag"
    assert [str(w.message) for w in caught] == [
        f"component 'tag' from {override / 'tag'} overrides the one in {second / 'tag'}",
        f"component 'tag' from {override / 'tag'} overrides wetkit's own in {paths.COMPONENTS_DIR / 'tag'}",
    ]


def test_no_warning_without_an_override(team):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_registry([team / "components"])


def test_team_styles_scripts_and_themes_join_the_builds(team):
    env = wetkit.environment(components=[team / "components"], themes=[team / "themes"])
    css = env.wetkit.css("brand")
    assert ".team-notice{" in css and ".wet-btn" in css
    assert "--wet-color-primary: #4b1d6b" in css and "--wet-color-surface: #f1f2f3" in css  # the rest from base
    assert "--wet-color-primary: #4b1d6b" not in env.wetkit.css("base")
    assert ".team-notice" in env.wetkit.css("base", ["notice"]) and ".wet-btn" not in env.wetkit.css("base", ["notice"])
    assert "data-notice-ready" in env.wetkit.js() and "data-notice-ready" not in wetkit.environment().wetkit.js()
    with pytest.raises(ThemeError, match="no theme 'brand'"):
        wetkit.environment().wetkit.css("brand")  # a team's theme exists only where its folder is given


def test_flask_init_app_takes_the_team_s_folders(team):
    import flask

    from wetkit.flask import init_app

    for how in ("arguments", "config"):
        app = flask.Flask(__name__)
        if how == "arguments":
            init_app(app, components=[team / "components"], themes=[team / "themes"], theme="brand")
        else:
            app.config.update(WETKIT_COMPONENTS=[str(team / "components")], WETKIT_THEMES=[str(team / "themes")])
            init_app(app, theme="brand")

        @app.get("/")
        def home():
            return flask.render_template_string('{{ wet.notice("Hello") }}')

        client = app.test_client()
        assert "team-notice" in client.get("/").get_data(as_text=True), how
        css = client.get("/static/wetkit/wetkit.min.css").get_data(as_text=True)
        assert ".team-notice{" in css and "#4b1d6b" in css, how
        assert "data-notice-ready" in client.get("/static/wetkit/wetkit.min.js").get_data(as_text=True), how


def test_the_site_marks_the_team_s_pages(tmp_path, team):
    pages = build_site(tmp_path / "site", "brand", components=[team / "components"], themes=[team / "themes"])
    team_pages = {p.path for p in pages if p.team and p.theme == "brand"}
    assert team_pages == {f"{lang}/components/notice/{rest}" for lang in ("en", "fr") for rest in ("", "calm/")}
    variants = {p.path for p in pages if p.team and p.theme != "brand"}  # its example again in every other theme
    assert variants == {f"en/themes/{theme}/components/notice/calm/" for theme in ("base", "canada", "high-contrast")}
    manifest = json.loads((tmp_path / "site/manifest.json").read_text(encoding="utf-8"))
    assert {p["path"] for p in manifest["pages"] if p["team"]} == team_pages | variants
    example = (tmp_path / "site/en/components/notice/calm/index.html").read_text(encoding="utf-8")
    assert "Your team's component:" in example and "Offices close at noon on Friday." in example
    button = (tmp_path / "site/en/components/button/index.html").read_text(encoding="utf-8")
    assert "Your team's component:" not in button
    index = (tmp_path / "site/en/index.html").read_text(encoding="utf-8")
    assert "(your team's)" in index and index.count("(your team's)") == 1


def test_cli_says_which_component_overrides_which(tmp_path, override, capsys):
    assert main(["list", "--components-dir", str(override)]) == 0
    captured = capsys.readouterr()
    assert (f"wetkit: warning: component 'tag' from {override / 'tag'} overrides wetkit's own in "
            f"{paths.COMPONENTS_DIR / 'tag'}") in captured.err
    assert f"The team's own tag, replacing wetkit's.  (yours: {override / 'tag'})" in captured.out
    assert f"{len(get_registry())} components (1 of them yours)" in captured.out
    assert main(["build", "--out", str(tmp_path / "s"), "--components-dir", str(override)]) == 0
    assert "overrides wetkit's own" in capsys.readouterr().err


def test_cli_builds_in_a_team_theme(tmp_path, team, capsys):
    out = tmp_path / "site"
    assert main(["build", "--out", str(out), "--theme-dir", str(team / "themes"), "--theme", "brand",
                 "--components-dir", str(team / "components")]) == 0
    css = (out / "static/wetkit/wetkit.min.css").read_text(encoding="utf-8")
    assert "#4b1d6b" in css and ".team-notice{" in css
    assert main(["sizes", "--theme-dir", str(team / "themes"), "--theme", "brand"]) == 0
    assert main(["sizes", "--theme", "brand"]) == 2
    assert "no theme 'brand'" in capsys.readouterr().err


def test_cli_check_refuses_mixed_or_missing_targets(team, capsys):
    assert main(["check"]) == 2
    assert "give pages to check (TARGET ...), or --components-dir/--theme-dir" in capsys.readouterr().err
    assert main(["check", "http://127.0.0.1:9/", "--components-dir", str(team / "components")]) == 2
    assert "not both" in capsys.readouterr().err
    assert main(["check", "http://127.0.0.1:9/", "--all-examples"]) == 2
    assert "--all-examples and --out go with --components-dir/--theme-dir" in capsys.readouterr().err
    assert main(["check", "--theme-dir", str(team / "themes")]) == 2
    assert "--theme base: not one of your --theme-dir themes (brand); name the theme" in capsys.readouterr().err


# ---- scaffolds -------------------------------------------------------------------------------------------------


def _printed_commands(output: str) -> list[list[str]]:
    lines = output.split("next, from this folder:\n", 1)[1].splitlines()
    return [shlex.split(line) for line in lines if line.startswith("  wetkit ")]


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """``command`` as a team would type it, in ``cwd`` (outside wetkit's checkout), with this venv's ``wetkit``."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_new_component_and_theme_work_outside_the_checkout(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    made = _run(["wetkit", "new", "component", "price_table", "--in", "components"], repo)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("created components/price_table/: price_table.yaml (spec)")
    commands = _printed_commands(made.stdout)
    assert [c[:2] for c in commands] == [["wetkit", "list"], ["wetkit", "build"], ["wetkit", "check"]]
    for command in commands[:2]:  # `wetkit check` needs a browser: tests/browser/test_team_repository.py runs it
        done = _run(command, repo)
        assert done.returncode == 0, (command, done.stderr)
    assert (repo / "_site/en/components/price_table/default/index.html").is_file()
    assert "price_table" in _run(commands[0], repo).stdout

    made = _run(["wetkit", "new", "theme", "brand", "--in", "themes", "--extends", "base"], repo)
    assert made.returncode == 0, made.stderr
    assert sorted(p.name for p in (repo / "themes/brand").iterdir()) == ["tokens.yaml"]
    commands = _printed_commands(made.stdout)
    assert [c[:2] for c in commands] == [["wetkit", "sizes"], ["wetkit", "build"], ["wetkit", "check"]]
    for command in commands[:2]:
        done = _run([*command, "--clean"] if command[1] == "build" else command, repo)
        assert done.returncode == 0, (command, done.stderr)
    assert "min+gzip" in _run(commands[0], repo).stdout


def test_new_standalone_theme_is_a_full_copy(tmp_path, capsys):
    assert main(["new", "theme", "plain", "--in", str(tmp_path)]) == 0
    assert (tmp_path / "plain/_settings.scss").is_file()
    assert main(["sizes", "--theme-dir", str(tmp_path), "--theme", "plain"]) == 0


@pytest.mark.parametrize("argv, message", [
    (["new", "component", "Bad-Name", "--in", "x"], "NAME got 'Bad-Name'; allowed: lowercase snake_case"),
    (["new", "component", "field", "--in", "x"], "'field' is the wet.field helper already"),
    (["new", "theme", "brand", "--in", "x", "--extends", "nope"], "no theme 'nope'"),
    (["new", "component", "notice"], "wetkit new component: --in DIR is needed"),
    (["new", "component", "notice", "--in", "x", "--extends", "base"], "--extends names the theme"),
    (["new", "widget", "x", "--in", "x"], "allowed: 'component NAME' or 'theme NAME'"),
])
def test_new_refuses_bad_input(tmp_path, monkeypatch, capsys, argv, message):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x").exists() or not any((tmp_path / "x").iterdir())


def test_new_refuses_to_overwrite(tmp_path, capsys):
    assert main(["new", "component", "notice", "--in", str(tmp_path)]) == 0
    assert main(["new", "component", "notice", "--in", str(tmp_path)]) == 2
    assert "already exists; nothing was changed" in capsys.readouterr().err


def test_the_older_new_form_still_makes_a_component(tmp_path):
    assert main(["new", "price_table", "--components", str(tmp_path)]) == 0
    registry = load_registry([tmp_path])
    assert registry["price_table"].team and registry["price_table"].examples


def test_check_chooses_the_team_s_example_pages(team):
    from wetkit.audit.team import TeamSite
    from wetkit.jinja import setup

    with TeamSite(setup(components=[team / "components"], themes=[team / "themes"]), "brand") as site:
        assert [p.path for p in site.pages] == ["en/components/notice/calm/", "fr/components/notice/calm/"]
        assert "#4b1d6b" in (site.folder / "static/wetkit/wetkit.min.css").read_text(encoding="utf-8")
        assert site.select(["http://h/en/", "http://h/fr/components/notice/calm/", "http://h/en/components/notice/"
                            "calm/"], "http://h/") == ["http://h/fr/components/notice/calm/",
                                                       "http://h/en/components/notice/calm/"]
        folder = site.folder
    assert not folder.exists(), "the temporary site is removed"
    all_examples = sum(len(spec.examples) for spec in get_registry()) + 1
    with TeamSite(setup(components=[team / "components"]), all_examples=True) as site:
        assert len(site.pages) == 2 * all_examples
    with TeamSite(setup(themes=[team / "themes"]), "brand") as site:  # a theme alone: every example
        assert len(site.pages) == 2 * (all_examples - 1) and "all" in site.note


def test_wetkit_s_own_folder_given_as_a_team_folder_is_not_an_override():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        registry = load_registry([paths.COMPONENTS_DIR])
    assert registry is get_registry() and not registry.team_names()
