"""Site build: a page per example and per component, a manifest, byte-identical rebuilds."""

from __future__ import annotations

import json

from wetkit.cli import main
from wetkit.registry import get_registry
from wetkit.site import build_site


def _tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_every_example_has_a_page_in_the_manifest(built_site):
    manifest = json.loads((built_site / "manifest.json").read_text())
    pages = {(p["component"], p["example"]) for p in manifest["pages"]}
    for spec in get_registry():
        assert (spec.name, None) in pages
        for example in spec.examples:
            assert (spec.name, example) in pages
            assert (built_site / "components" / spec.name / example / "index.html").is_file()
    assert all(p["lang"] for p in manifest["pages"])
    assert (built_site / "static/wetkit/wetkit.min.css").stat().st_size > 0
    assert (built_site / "static/wetkit/wetkit.min.js").stat().st_size > 0


def test_rebuild_is_byte_identical(tmp_path, built_site):
    build_site(tmp_path / "again")
    assert _tree(tmp_path / "again") == _tree(built_site)


def test_cli_version_list_and_build(tmp_path, capsys):
    import pytest

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("wetkit ")
    assert main(["list"]) == 0
    assert f"{len(get_registry())} components" in capsys.readouterr().out
    assert main(["build", "--out", str(tmp_path / "s")]) == 0
    assert (tmp_path / "s/index.html").is_file()


def test_cli_new_scaffolds_a_valid_component(tmp_path, capsys):
    from wetkit.registry import load_spec

    assert main(["new", "price_table", "--components", str(tmp_path)]) == 0
    spec = load_spec(tmp_path / "price_table")
    assert spec.name == "price_table"
    assert main(["new", "price_table", "--components", str(tmp_path)]) == 2
    assert "already exists" in capsys.readouterr().err
