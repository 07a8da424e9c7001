"""A team's repository, built in a temporary folder from docs/extending.md and checked the way that page says.

The files under ``<!-- team-file: PATH -->`` and the command under ``<!-- team-check -->`` are taken from the page
itself, so the documented layout and command are what is proven. The check must fail when the team's component
has an accessibility fault (an input without a label, planted in its macro) and pass as documented.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

DOC = Path(__file__).resolve().parents[2] / "docs" / "extending.md"
_BLOCK = r"<!-- {} -->\n```[^\n]*\n(.*?)```"


def _team_files() -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8")
    return {path: body for path, body in re.findall(_BLOCK.format(r"team-file: (\S+)"), text, re.DOTALL)}


def _team_check() -> list[str]:
    [command] = re.findall(_BLOCK.format("team-check"), DOC.read_text(encoding="utf-8"), re.DOTALL)
    return shlex.split(command)


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """``command`` in ``cwd`` with this environment's ``wetkit`` first on PATH, as in a team's activated venv."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture
def repository(tmp_path) -> Path:
    """The example repository of docs/extending.md, written out file by file."""
    files = _team_files()
    assert {"components/notice/notice.yaml", "components/notice/notice.html", "components/notice/_notice.scss",
            "themes/brand/tokens.yaml", "noxfile.py", "package.json"} <= set(files)
    for path, body in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(body, encoding="utf-8")
    return tmp_path


def test_the_documented_nox_session_runs_the_documented_check(repository):
    noxfile = (repository / "noxfile.py").read_text(encoding="utf-8")
    args = ", ".join(f'"{word}"' for word in _team_check())
    assert f"session.run({args}" in re.sub(r",\s+", ", ", noxfile)


def test_a_team_repository_is_checked_as_documented(repository):
    command = _team_check()
    macro = repository / "components/notice/notice.html"
    fixed = macro.read_text(encoding="utf-8")
    macro.write_text(fixed.replace("{{ text }}</p>", '{{ text }}</p>\n<input type="text" name="reply">'),
                     encoding="utf-8")
    faulty = _run(command, repository)
    assert faulty.returncode == 1, faulty.stdout + faulty.stderr
    assert "[axe] label: input" in faulty.stdout and "/en/components/notice/closure/" in faulty.stdout
    assert "/fr/components/notice/closure/" in faulty.stdout

    macro.write_text(fixed, encoding="utf-8")
    passed = _run(command, repository)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "checking 2 example pages of 1 team component(s)" in passed.stderr
    assert "2 passed, 0 failed (2 pages" in passed.stdout


def test_invalid_html_in_a_team_component_is_a_finding(repository):
    """The HTML validity half of the check (the Nu HTML Checker, one batch), on the same example pages."""
    from wetkit.audit.team import TeamSite
    from wetkit.jinja import setup

    macro = repository / "components/notice/notice.html"
    macro.write_text(macro.read_text(encoding="utf-8").replace("{{ text }}</p>", "<div>{{ text }}</div></p>"),
                     encoding="utf-8")
    with TeamSite(setup(components=[repository / "components"])) as site:
        problems = site.html_problems("http://127.0.0.1:1/")
    assert set(problems) == {"http://127.0.0.1:1/en/components/notice/closure/",
                             "http://127.0.0.1:1/fr/components/notice/closure/"}
    for found in problems.values():
        assert found[0].check == "html" and found[0].rule == "nu-html-checker" and "div" in found[0].message


def test_every_command_a_new_component_prints_passes(tmp_path):
    """``wetkit new component`` in an empty folder, then each command it prints, ``wetkit check`` included."""
    made = _run(["wetkit", "new", "component", "price_table", "--in", "components"], tmp_path)
    assert made.returncode == 0, made.stderr
    lines = made.stdout.split("next, from this folder:\n", 1)[1].splitlines()
    commands = [shlex.split(line) for line in lines if line.startswith("  wetkit ")]
    assert [command[1] for command in commands] == ["list", "build", "check"]
    for command in commands:
        done = _run(command, tmp_path)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
    assert "2 passed, 0 failed (2 pages" in done.stdout
