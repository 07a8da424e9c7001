"""Site build: a page per example and per component, a manifest, byte-identical builds across processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from wetkit.cli import main
from wetkit.guides import load_guides
from wetkit.registry import get_registry
from wetkit.sass import available_themes
from wetkit.site import LANGUAGES


def _tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_every_example_has_a_page_in_the_manifest(built_site):
    manifest = json.loads((built_site / "manifest.json").read_text())
    pages = {(p["lang"], p["component"], p["example"]) for p in manifest["pages"]}
    for lang in LANGUAGES:
        assert (lang, None, None) in pages and (built_site / lang / "index.html").is_file()
        for spec in get_registry():
            assert (lang, spec.name, None) in pages
            for example in spec.examples:
                assert (lang, spec.name, example) in pages
                assert (built_site / lang / "components" / spec.name / example / "index.html").is_file()
        assert (built_site / lang / "accessibility" / "index.html").is_file()  # the conformance summary
    assert all(p["lang"] in LANGUAGES for p in manifest["pages"])
    examples = sum(len(s.examples) for s in get_registry())
    variants = len(available_themes()) - 1  # each English example page again in every theme but the site's
    guides = [p for p in manifest["pages"] if p["guide"] is not None]
    assert {(p["lang"], p["guide"]) for p in guides} == {(lang, g.slug) for lang in LANGUAGES for g in load_guides()}
    searches = [p for p in manifest["pages"] if p["path"] == f"{p['lang']}/search/"]
    assert len(searches) == len(LANGUAGES)
    # the chooser, then per language: the index, the conformance summary, and each component with its examples
    assert len(manifest["pages"]) == (1 + len(LANGUAGES) * (2 + sum(1 + len(s.examples) for s in get_registry()))
                                      + variants * examples + len(guides) + len(searches))
    assert (built_site / "static/wetkit/wetkit.min.css").stat().st_size > 0
    assert (built_site / "static/wetkit/wetkit.min.js").stat().st_size > 0


@pytest.mark.slow
def test_builds_in_two_processes_are_byte_identical(tmp_path):
    """Two fresh processes with different string hashing (PYTHONHASHSEED) build the site into two folders; every
    file must match byte for byte. (Two builds in one process would share the theme cache and the hash order, so
    they could not differ.) Both run at once, so an edit to the tree during the test is unlikely to fall between."""
    outs = [tmp_path / "seed-1", tmp_path / "seed-2"]
    builds = [
        subprocess.Popen([sys.executable, "-m", "wetkit.cli", "build", "--out", str(out)], cwd=tmp_path,
                         env={**os.environ, "PYTHONHASHSEED": seed}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for out, seed in zip(outs, ("1", "2024"), strict=True)
    ]
    for build in builds:
        out, err = build.communicate(timeout=600)
        assert build.returncode == 0, err.decode()
    first, second = (_tree(out) for out in outs)
    manifest = json.loads(first["manifest.json"])
    assert set(first) == {*manifest["files"], "manifest.json"} and len(manifest["pages"]) > len(get_registry())
    assert set(first) == set(second), f"files only in one build: {sorted(set(first) ^ set(second))}"
    differ = sorted(rel for rel in first if first[rel] != second[rel])
    assert not differ, f"these files differ between the two builds: {differ}"


def test_cli_version_list_and_build(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("wetkit ")
    assert main(["list"]) == 0
    assert f"{len(get_registry())} components" in capsys.readouterr().out
    assert main(["build", "--out", str(tmp_path / "s")]) == 0
    assert (tmp_path / "s/index.html").is_file() and (tmp_path / "s/fr/components/button/index.html").is_file()


def test_cli_new_scaffolds_a_valid_component(tmp_path, capsys):
    from wetkit.registry import load_spec

    assert main(["new", "price_table", "--components", str(tmp_path)]) == 0
    spec = load_spec(tmp_path / "price_table")
    assert spec.name == "price_table"
    assert main(["new", "price_table", "--components", str(tmp_path)]) == 2
    assert "already exists" in capsys.readouterr().err
