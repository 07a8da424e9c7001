"""`wetkit build` only ever deletes or overwrites files it can prove it wrote, inside --out (issue #6, item 5).

A planted manifest.json cannot make the build delete anything outside the folder, a symlink is never followed, a
folder holding files wetkit did not write is refused unless the caller asks for --clean, and the usual flow
(build twice into _site, serve twice) keeps working and stays incremental.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil

import pytest

from wetkit.cli import main
from wetkit.errors import WetkitError
from wetkit.site import build_site


def _tree(root):
    """Every entry under root (symlinks as their target), so "nothing changed" can be asserted."""
    tree = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            tree[rel] = ("link", os.readlink(path))
        elif path.is_file():
            tree[rel] = path.read_bytes()
    return tree


@pytest.fixture
def site(tmp_path, built_site):
    """A copy of a finished build (so each test pays for one build, not two)."""
    out = tmp_path / "site"
    shutil.copytree(built_site, out, symlinks=True)
    return out


def _plant(out, entries: dict[str, bytes]):
    """Add entries to the manifest's file list the way a tampered or older manifest would carry them."""
    manifest = json.loads((out / "manifest.json").read_text())
    if isinstance(manifest["files"], list):
        manifest["files"] += list(entries)
    else:
        manifest["files"].update({rel: "sha256:" + hashlib.sha256(data).hexdigest() for rel, data in entries.items()})
    (out / "manifest.json").write_text(json.dumps(manifest))


def test_manifest_paths_outside_the_folder_are_never_deleted(tmp_path, site):
    victims = {tmp_path / "absolute.txt": None, tmp_path / "dotdot.txt": "../dotdot.txt",
               tmp_path / "nested.txt": "components/../../nested.txt"}
    for victim in victims:
        victim.write_bytes(b"precious")
    _plant(site, {(rel or str(victim)): b"precious" for victim, rel in victims.items()})
    before = _tree(site)

    with pytest.raises(WetkitError) as refused:
        build_site(site)
    message = str(refused.value)
    assert "manifest.json" in message and str(tmp_path / "absolute.txt") in message and "'../dotdot.txt'" in message
    assert "--clean" in message
    assert all(victim.read_bytes() == b"precious" for victim in victims)
    assert _tree(site) == before  # refused before touching anything

    build_site(site, clean=True)  # --clean rebuilds the folder, and still never looks outside it
    assert all(victim.read_bytes() == b"precious" for victim in victims)
    assert (site / "index.html").is_file()


@pytest.mark.parametrize("kind", ["folder", "page"])
def test_a_symlink_leading_outside_is_never_followed(tmp_path, site, kind):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.html").write_bytes(b"precious")
    if kind == "folder":  # a listed file behind a symlinked folder: the old build deleted outside/victim.html
        (site / "linked").symlink_to(outside, target_is_directory=True)
        _plant(site, {"linked/victim.html": b"precious"})
        link = site / "linked"
    else:  # a page the build writes, replaced by a symlink: the old build wrote the page through it
        (site / "index.html").unlink()
        (site / "index.html").symlink_to(outside / "victim.html")
        link = site / "index.html"

    with pytest.raises(WetkitError, match=f"'{link.name}'.*--clean"):
        build_site(site)
    assert (outside / "victim.html").read_bytes() == b"precious"
    assert link.is_symlink()

    build_site(site, clean=True)
    assert (outside / "victim.html").read_bytes() == b"precious"
    assert sorted(p.name for p in outside.iterdir()) == ["victim.html"]  # nothing written out there either
    assert not link.is_symlink()
    assert (site / "index.html").is_file() and not (site / "index.html").is_symlink()


@pytest.mark.parametrize("case", ["no manifest", "extra file", "edited page", "edited stale file"])
def test_a_folder_with_files_wetkit_did_not_write_is_refused_unless_clean(tmp_path, site, built_site, case):
    if case == "no manifest":
        site = tmp_path / "mine"
        site.mkdir()
        (site / "notes.txt").write_text("mine")
        unexpected = "notes.txt"
    elif case == "extra file":
        (site / "en" / "components" / "notes.txt").write_text("mine")
        unexpected = "en/components/notes.txt"
    elif case == "edited page":
        (site / "en" / "components" / "alert" / "index.html").write_text("edited by hand")
        unexpected = "en/components/alert/index.html"
    else:  # written by a previous build (the hash is in the manifest), then changed: not deleted silently
        (site / "en" / "components" / "gone").mkdir()
        (site / "en" / "components" / "gone" / "index.html").write_bytes(b"edited by hand")
        _plant(site, {"en/components/gone/index.html": b"as built"})
        unexpected = "en/components/gone/index.html"
    before = _tree(site)

    with pytest.raises(WetkitError) as refused:
        build_site(site)
    message = str(refused.value)
    assert str(site.resolve()) in message and f"'{unexpected}'" in message and "--clean" in message
    assert _tree(site) == before

    build_site(site, clean=True)
    assert _tree(site) == _tree(built_site)


def test_a_file_from_a_previous_build_that_is_no_longer_produced_is_removed(site, built_site):
    (site / "en" / "components" / "gone" / "demo").mkdir(parents=True)
    (site / "en" / "components" / "gone" / "index.html").write_bytes(b"old page")
    (site / "en" / "components" / "gone" / "demo" / "index.html").write_bytes(b"old demo")
    _plant(site, {"en/components/gone/index.html": b"old page", "en/components/gone/demo/index.html": b"old demo"})

    build_site(site)
    assert not (site / "en" / "components" / "gone").exists()  # the files and the folders they leave empty
    assert _tree(site) == _tree(built_site)


def test_manifest_records_a_hash_per_file_and_a_rebuild_writes_nothing(site):
    (site / ".DS_Store").write_bytes(b"\0finder")  # a file browser's droppings are left alone, not refused
    manifest = json.loads((site / "manifest.json").read_text())
    on_disk = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert manifest["files"] == {rel: "sha256:" + hashlib.sha256(data).hexdigest()
                                 for rel, data in on_disk.items() if rel not in ("manifest.json", ".DS_Store")}
    stamps = {p: p.stat().st_mtime_ns for p in site.rglob("*")}

    build_site(site)
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*")} == stamps
    assert (site / ".DS_Store").read_bytes() == b"\0finder"


def test_a_manifest_without_hashes_proves_only_files_that_already_match(site, built_site):
    manifest = json.loads((site / "manifest.json").read_text())
    manifest["files"] = sorted(manifest["files"]) + ["en/components/gone/index.html"]  # as wetkit 0.1.0 wrote it
    (site / "manifest.json").write_text(json.dumps(manifest))
    (site / "en" / "components" / "gone").mkdir()
    (site / "en" / "components" / "gone" / "index.html").write_text("old")

    with pytest.raises(WetkitError, match="no file hashes.*'en/components/gone/index.html'.*--clean"):
        build_site(site)
    assert (site / "en" / "components" / "gone" / "index.html").read_text() == "old"

    shutil.rmtree(site / "en" / "components" / "gone")
    build_site(site)  # every other file is byte for byte what the build writes: accepted, manifest upgraded
    assert _tree(site) == _tree(built_site)


def test_clean_refuses_a_folder_that_holds_the_current_directory(site, monkeypatch):
    (site / "work").mkdir()
    (site / "work" / "draft.txt").write_text("mine")
    monkeypatch.chdir(site / "work")
    with pytest.raises(WetkitError, match="refusing to --clean .*current directory"):
        build_site(site, clean=True)
    assert (site / "work" / "draft.txt").read_text() == "mine"


def test_out_must_be_a_folder(tmp_path):
    (tmp_path / "site").write_text("a file")
    with pytest.raises(WetkitError, match="is not a folder"):
        build_site(tmp_path / "site")
    assert (tmp_path / "site").read_text() == "a file"


def test_cli_build_again_then_refuse_foreign_files_then_clean(tmp_path, built_site, monkeypatch, capsys):
    shutil.copytree(built_site, tmp_path / "_site")  # as `wetkit build --out _site` left it
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--out", "_site"]) == 0  # the second build into the same folder just works
    (tmp_path / "_site" / "notes.txt").write_text("mine")
    capsys.readouterr()
    assert main(["build", "--out", "_site"]) == 2
    err = capsys.readouterr().err
    assert "_site" in err and "'notes.txt'" in err and "--clean" in err
    assert (tmp_path / "_site" / "notes.txt").exists()
    assert main(["build", "--out", "_site", "--clean"]) == 0
    assert not (tmp_path / "_site" / "notes.txt").exists()


def test_cli_serve_builds_twice_in_a_row_and_takes_clean(tmp_path, monkeypatch, capsys):
    import wetkit.serve

    served = []

    class FakeServer:
        server_port = 8000

        def serve_forever(self):
            raise KeyboardInterrupt  # Ctrl+C at once

        def server_close(self):
            pass

    monkeypatch.setattr(wetkit.serve, "make_server", lambda root, **kwargs: served.append(root) or FakeServer())
    out = str(tmp_path / "_site")
    assert main(["serve", "--out", out, "--port", "0"]) == 0
    assert main(["serve", "--out", out, "--port", "0"]) == 0  # Ctrl+C, then serve again: the rebuild just works
    (tmp_path / "_site" / "notes.txt").write_text("mine")
    assert main(["serve", "--out", out, "--port", "0", "--clean"]) == 0
    assert not (tmp_path / "_site" / "notes.txt").exists()
    assert main(["serve", "--out", out, "--no-build", "--clean"]) == 2
    assert served == [out, out, out]
    assert "cannot go with --no-build" in capsys.readouterr().err
