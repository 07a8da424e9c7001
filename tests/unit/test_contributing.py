"""CONTRIBUTING.md's checklist of what CI checks is what CI runs: the README's test command runs plain `nox`
(.ci/run runs that command), so the checklist names exactly the noxfile's default sessions, in order, and every test
file it cites exists."""

from __future__ import annotations

import ast
import re

from wetkit import paths

ROOT = paths.PACKAGE_DIR.parent


def _checklist() -> str:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- ci-checklist -->\n(.*?)<!-- /ci-checklist -->", text, re.DOTALL)
    assert match, "CONTRIBUTING.md has no <!-- ci-checklist --> section"
    return match.group(1)


def _default_sessions() -> list[str]:
    tree = ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "nox.options.sessions":
            return ast.literal_eval(node.value)
    raise AssertionError("noxfile.py sets no nox.options.sessions")


def test_the_readme_test_command_runs_every_default_session():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"<!-- test-command -->\n```\n(.*?)\n```", readme, re.DOTALL).group(1)
    assert re.search(r"(^|\s)\S*nox$", command.strip()), f"the README's test command is not plain nox: {command}"


def test_the_checklist_names_exactly_the_default_sessions():
    named = re.findall(r"^- \[ \] `nox -s ([a-z0-9_]+)`", _checklist(), re.MULTILINE)
    assert named == _default_sessions()


def test_every_test_file_the_checklist_cites_exists():
    cited = re.findall(r"`(tests/[\w/]+\.py)`", _checklist())
    assert cited
    missing = [path for path in cited if not (ROOT / path).is_file()]
    assert not missing
