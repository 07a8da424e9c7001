"""One Registry, passed everywhere: a component that exists only in a team's registry renders, is styled in the
theme CSS, is scripted in the JS bundle and gets its demo pages, through the Python API and the CLI alike.

``badge`` is wetkit's ``tag`` copied into a temporary components folder under a new name, with a script added. Every
``get_registry()`` (the global default) is made to fail while the custom registry is in use, so a hidden call to it
anywhere on these paths fails the test instead of quietly serving wetkit's own components.
"""

from __future__ import annotations

import json
import shutil
import sys

import jinja2
import pytest

import wetkit
from wetkit import paths
from wetkit.assets import bundle_js, size_report
from wetkit.cli import main
from wetkit.errors import ParameterError
from wetkit.registry import Registry, get_registry
from wetkit.sass import compile_theme
from wetkit.site import SiteBuilder, build_site

BADGE_JS = """(function (window) {
  "use strict";
  window.wetkit.register("badge", function (element) { element.setAttribute("data-badge-ready", "true"); });
})(window);
"""


def _make_badge(folder):
    """components/tag copied to ``folder``/badge, every name changed, plus badge.js."""
    tag = paths.COMPONENTS_DIR / "tag"
    badge = folder / "badge"
    badge.mkdir()

    def renamed(text: str) -> str:
        for old, new in (("wet-tag", "wet-badge"), ('wetkit_component("tag"', 'wetkit_component("badge"'),
                         ("{% set tag =", "{% set badge ="), ("Tag:", "Badge:"), ("tag.yaml", "badge.yaml")):
            text = text.replace(old, new)
        return text

    (badge / "badge.html").write_text(renamed((tag / "tag.html").read_text(encoding="utf-8")), encoding="utf-8")
    (badge / "_badge.scss").write_text(renamed((tag / "_tag.scss").read_text(encoding="utf-8")), encoding="utf-8")
    spec = (tag / "tag.yaml").read_text(encoding="utf-8")
    (badge / "badge.yaml").write_text(spec.replace("summary: A short label", "summary: A team's badge, a label"),
                                      encoding="utf-8")
    (badge / "badge.js").write_text(BADGE_JS, encoding="utf-8")
    return badge


@pytest.fixture(scope="module")
def team_dir(tmp_path_factory):
    """wetkit's own components plus badge, in a folder of the team's."""
    folder = tmp_path_factory.mktemp("team") / "components"
    shutil.copytree(paths.COMPONENTS_DIR, folder)
    _make_badge(folder)
    return folder


@pytest.fixture(scope="module")
def team(team_dir) -> Registry:
    return Registry(team_dir)


@pytest.fixture(scope="module")
def only_badge(tmp_path_factory) -> Registry:
    folder = tmp_path_factory.mktemp("only") / "components"
    folder.mkdir()
    _make_badge(folder)
    return Registry(folder)


@pytest.fixture
def no_global_registry(monkeypatch):
    """Every module's ``get_registry`` fails: only the registry passed in may be used."""

    def hidden_call(*args, **kwargs):
        raise AssertionError("get_registry() was called although a registry was passed")

    patched = 0
    for name, module in list(sys.modules.items()):
        if (name == "wetkit" or name.startswith("wetkit.")) and hasattr(module, "get_registry"):
            monkeypatch.setattr(module, "get_registry", hidden_call)
            patched += 1
    assert patched >= 5  # wetkit, registry, jinja, sass, assets, site...


def test_badge_is_only_in_the_team_registry(team, only_badge):
    assert "badge" in team and "tag" in team and len(team) == len(get_registry()) + 1
    assert only_badge.names() == ["badge"]
    assert "badge" not in get_registry()


@pytest.mark.usefixtures("no_global_registry")
@pytest.mark.parametrize("which", ["team", "only_badge"])
def test_environment_and_install_render_the_registry_s_component(request, which):
    registry = request.getfixturevalue(which)
    expected = '<strong class="wet-badge wet-badge--info">New</strong>'
    env = wetkit.environment(undefined=jinja2.StrictUndefined, registry=registry)
    assert str(env.globals["wet"].badge("New", variant="info")) == expected
    assert env.from_string('{% from "wetkit/badge.html" import badge %}{{ badge("New", variant="info") }}').render() \
        == expected
    installed = wetkit.install(jinja2.Environment(undefined=jinja2.StrictUndefined), registry=registry)
    assert installed.from_string('{{ wet.badge(text="New", variant="info") }}').render() == expected
    assert "wetkit/badge.html" in installed.list_templates()
    with pytest.raises(ParameterError, match=r"wet\.badge: parameter 'variant' got 'gold'"):
        env.globals["wet"].badge("New", variant="gold")


def test_the_default_environment_has_no_badge():
    with pytest.raises(ParameterError, match="wetkit has no component 'badge'"):
        wetkit.environment().globals["wet"].badge("New")


def test_an_empty_registry_is_used_not_replaced_by_the_default(tmp_path):
    empty = Registry(tmp_path)
    assert len(empty) == 0
    with pytest.raises(ParameterError, match="wetkit has no component 'button'"):
        wetkit.environment(registry=empty).globals["wet"].button("Go")


@pytest.mark.usefixtures("no_global_registry")
def test_compile_theme_styles_the_registry_s_component(team, only_badge):
    for registry in (team, only_badge):
        assert ".wet-badge{" in compile_theme("base", registry=registry)
        assert ".wet-badge{" in compile_theme("base", ["badge"], registry=registry)
    alone = compile_theme("base", registry=only_badge)
    assert ".wet-btn" not in alone and ".wet-tag" not in alone, "only the registry's components are styled"
    assert ".wet-btn" in compile_theme("base", registry=team)


def test_the_default_theme_has_no_badge(team):
    compile_theme("base", registry=team)  # cached per registry: the custom one must not leak into the default
    assert ".wet-badge" not in compile_theme("base") and ".wet-tag{" in compile_theme("base")


@pytest.mark.usefixtures("no_global_registry")
def test_bundle_js_scripts_the_registry_s_component(team, only_badge):
    for registry in (team, only_badge):
        assert "data-badge-ready" in bundle_js(registry=registry)
        assert "data-badge-ready" in bundle_js(["badge"], registry=registry)
    assert "character_count" not in bundle_js(registry=only_badge)
    assert "character_count" in bundle_js(registry=team)
    sizes = size_report("base", registry=only_badge)
    assert 0 < sizes["css"]["gzip"] < size_report("base", registry=team)["css"]["gzip"]


def test_the_default_bundle_has_no_badge(team):
    bundle_js(registry=team)
    assert "data-badge-ready" not in bundle_js()


def _check_badge_site(out, team):
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    badge_pages = {p["path"] for p in manifest["pages"] if p["component"] == "badge" and p["theme"] == "base"}
    assert badge_pages == {f"{lang}/components/badge/{name}" for lang in ("en", "fr")
                           for name in ("", *(f"{example}/" for example in team["badge"].examples))}
    themed = {p["path"] for p in manifest["pages"] if p["component"] == "badge" and p["theme"] != "base"}
    assert themed == {f"en/themes/{theme}/components/badge/{example}/" for theme in ("canada", "high-contrast")
                      for example in team["badge"].examples}
    for name in team["badge"].examples:
        for lang in ("en", "fr"):
            page = (out / lang / "components" / "badge" / name / "index.html").read_text(encoding="utf-8")
            assert '<strong class="wet-badge' in page and f'<html lang="{lang}"' in page
    assert "Badge" in (out / "en" / "index.html").read_text(encoding="utf-8")
    assert ".wet-badge{" in (out / "static/wetkit/wetkit.min.css").read_text(encoding="utf-8")
    assert "data-badge-ready" in (out / "static/wetkit/wetkit.min.js").read_text(encoding="utf-8")


@pytest.mark.usefixtures("no_global_registry")
def test_site_builds_the_registry_s_demo_pages(tmp_path, team):
    assert any(p.component == "badge" for p in SiteBuilder(registry=team).page_list())
    pages = build_site(tmp_path / "site", registry=team)
    in_base = [p for p in pages if p.component == "badge" and p.theme == "base"]
    assert len(in_base) == 2 * (len(team["badge"].examples) + 1)  # en and fr
    _check_badge_site(tmp_path / "site", team)


@pytest.mark.usefixtures("no_global_registry")
def test_cli_takes_the_components_folder(tmp_path, only_badge, team, capsys):
    """--components-dir loads the team's folder alongside wetkit's: the site has badge and every wetkit component."""
    out = tmp_path / "cli-site"
    badge_dir = str(only_badge.components_dirs[0])
    assert main(["build", "--out", str(out), "--components-dir", badge_dir]) == 0
    _check_badge_site(out, team)
    assert main(["list", "--components-dir", badge_dir]) == 0
    listed = capsys.readouterr().out
    assert "badge" in listed and f"{len(team)} components" in listed
    assert main(["sizes", "--components-dir", badge_dir]) == 0
    assert "min+gzip" in capsys.readouterr().out


def test_cli_refuses_a_missing_components_folder(tmp_path, capsys):
    assert main(["list", "--components-dir", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert f"--components-dir: '{tmp_path / 'nope'}' is not a folder" in err
    assert main(["build", "--components", str(tmp_path)]) == 2
    assert "this option is now --components-dir DIR" in capsys.readouterr().err
