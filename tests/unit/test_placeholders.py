"""No component merges with placeholder text: the check (wetkit/placeholders.py) runs over every folder in
components/, so a new component is covered with no test edit, and what `wetkit new` writes fails it until filled in."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from wetkit import paths
from wetkit.cli import main
from wetkit.errors import WetkitError
from wetkit.placeholders import check_folder, find_placeholders
from wetkit.registry import Registry

FOLDERS = sorted(p for p in paths.COMPONENTS_DIR.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_component_holds_no_placeholder(folder):
    found = find_placeholders(folder)
    assert not found, "replace the placeholder text:\n" + "\n".join(str(p) for p in found)


@pytest.mark.parametrize("line, markers", [
    ("summary: TODO say what it is for.", ["TODO"]),
    ("  // FIXME: focus ring", ["FIXME"]),
    ("{# XXX later #}", ["XXX"]),
    ("body: Lorem ipsum dolor sit amet.", ["lorem ipsum filler"]),
    ("text: a todo list", []),            # a task list's own word, not a marker
    ("doc: TODOS and XXXL sizes", []),    # only whole words
])
def test_markers(tmp_path, line, markers):
    folder = tmp_path / "widget"
    folder.mkdir()
    (folder / "widget.yaml").write_text(line + "\n", encoding="utf-8")
    assert [p.marker for p in find_placeholders(folder)] == markers


def test_empty_a11y_lists_only_under_a11y(tmp_path):
    folder = tmp_path / "widget"
    folder.mkdir()
    (folder / "widget.yaml").write_text("params:\n  manual: []\na11y:\n  automated: [Proven.]\n  manual: []\n",
                                        encoding="utf-8")
    assert [(p.line, p.marker) for p in find_placeholders(folder)] == [(5, "empty a11y.manual list")]


def _scaffold(tmp_path) -> Path:
    """wetkit's components copied to a temporary folder, plus one made by `wetkit new notice`."""
    components = tmp_path / "components"
    shutil.copytree(paths.COMPONENTS_DIR, components, ignore=shutil.ignore_patterns("__pycache__"))
    assert main(["new", "notice", "--components", str(components)]) == 0
    return components


def test_scaffold_fails_until_its_placeholders_are_replaced(tmp_path):
    components = _scaffold(tmp_path)
    folder = components / "notice"
    spec = folder / "notice.yaml"
    lines = spec.read_text(encoding="utf-8").splitlines()
    todo_lines = [n for n, line in enumerate(lines, start=1) if "TODO" in line]
    assert len(todo_lines) >= 5  # summary, guidance, doc, example description and text, both a11y lists

    found = find_placeholders(folder)
    assert [(p.file, p.line, p.marker) for p in found] == [(spec, n, "TODO") for n in todo_lines]
    with pytest.raises(WetkitError) as error:
        check_folder(folder)
    message = str(error.value)
    assert "'notice'" in message
    for number in todo_lines:
        assert f"{spec}:{number}: TODO: {lines[number - 1].strip()}" in message
    # the scaffold is still a valid component: only the placeholder check stops it
    assert Registry(components)["notice"].summary.startswith("TODO")

    # a contributor fills in each flagged line (nothing else), and the component passes
    filled = {
        "summary": "Tells the user about a change to the service.",
        "doc": "What the notice says.",
        "description": "A notice about opening hours.",
        "params": "Offices close at noon on Friday.",
        "automated": "The notice is read as text in the main region.",
        "manual": "A screen reader reads the notice where it stands in the page.",
        "summary_fr": "Informe la personne d'un changement au service.",
        "when_to_use": "A change the user must know before going on.",
        "when_to_use_fr": "Un changement à connaître avant de continuer.",
        "when_not_to_use": "An error in a form - use the error summary.",
        "when_not_to_use_fr": "Une erreur dans un formulaire - utilisez le sommaire des erreurs.",
        "check": "A screen reader reads the notice where it stands in the page",
        "check_fr": "Un lecteur d'écran lit l'avis là où il se trouve dans la page",
    }
    for number in todo_lines:
        key = re.search(r"(\w+):[^:]*TODO", lines[number - 1]).group(1)
        key = {"text": "params"}.get(key, key)
        lines[number - 1] = re.sub(r"TODO[^,}\]]*", filled[key], lines[number - 1])
    spec.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert find_placeholders(folder) == []
    check_folder(folder)
    registry = Registry(components)
    assert registry["notice"].summary == filled["summary"]
    example = registry["notice"].examples["default"]
    assert example.params == {"text": filled["params"]}


def test_emptied_a11y_list_fails(tmp_path):
    folder = _scaffold(tmp_path) / "notice"
    spec = folder / "notice.yaml"
    text = re.sub(r"manual:\n(?: {4,}.*\n)+", "manual: []\n", spec.read_text(encoding="utf-8"))
    spec.write_text(text, encoding="utf-8")
    assert "empty a11y.manual list" in [p.marker for p in find_placeholders(folder)]
