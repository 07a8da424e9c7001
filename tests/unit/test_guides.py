"""Every code block of every guide in docs/ runs: what a reader copies works.

The info string of a fence says what the test does with it:

- ``python``: executed. The blocks of one guide run in order in one namespace (a reader follows the guide from the
  top), in a fresh Python process, in a fresh folder that holds ``templates/apply.html`` and ``templates/home.html``
  (pages extending ``wetkit/page.html``), as the guides' examples assume;
- ``python file=PATH``: written to PATH in that folder and compiled instead (a module the next blocks import, such
  as Django's ``mysite/jinja2.py``); the folder is on ``sys.path``;
- ``jinja``: rendered with a wetkit environment (Flask's, for a guide's Flask blocks), with the guide's Python
  namespace as context (``form``, ``title``...);
- ``fragment`` after the language (``python fragment``): shown only. Keep these few: a piece of a larger file, or
  output. Each is listed in FRAGMENTS with why, so a new one fails until it is justified.

Other languages (``sh``, ``yaml``, ``scss``, ``html``, ``text``...) are shown only.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from markdown_it import MarkdownIt

from wetkit.guides import Guide, load_guides

GUIDES = load_guides()
PAGE = '{% extends "wetkit/page.html" %}{% block content %}{{ wet.button("Continue") }}{% endblock %}'


def blocks(guide) -> list[tuple[int, str, list[str], str]]:
    """(line, language, flags, code) of each fenced block of ``guide``, in order."""
    found = []
    for token in MarkdownIt("commonmark").parse(guide.source.read_text(encoding="utf-8")):
        if token.type == "fence":
            language, *flags = token.info.split() or [""]
            found.append((token.map[0] + 1, language, flags, token.content))
    return found


#: Blocks shown but not run: (guide, first line of the block) -> why.
FRAGMENTS: dict[tuple[str, str], str] = {
    ("macro-api", "from wetkit.contents import page_headings"): "the body of a view; the templates are the reader's",
    ("i18n", 'env = wetkit.environment(lang="de", catalogues=["myteam/locale"])'): "needs the reader's catalogue",
    ("i18n", '{{ "2026-11-30"|wet_date }}          November 30, 2026 / 30 novembre 2026'):
        "each call is followed by its output, as a table",
    ("theming", "from pathlib import Path"): "compiles the theme the reader made in a folder of their own",
    ("contributing", "import wetkit"): "needs the team's own components folder",
    ("extending", "{#- Notice: parameters in notice.yaml. -#}"):
        "a file of the example team repository; tests/browser/test_team_repository.py builds and checks it",
}


def _fragments() -> list[tuple[str, str]]:
    return [(g.slug, code.splitlines()[0]) for g in GUIDES for _, lang, flags, code in blocks(g) if "fragment" in flags]


def test_every_fragment_is_justified():
    assert sorted(_fragments()) == sorted(FRAGMENTS), "list each `fragment` block in FRAGMENTS, with why"


#: Runs one guide's blocks in a fresh interpreter (a guide may change process-wide state: the URL policy, Django's
#: settings), in the reader's folder; prints "<file>:<line>: ..." and exits 1 at the first block that fails.
RUNNER = r"""
import json, os, sys
import jinja2, wetkit
sys.path.insert(0, os.getcwd())
namespace = {"__name__": "__guide__"}
for block in json.load(open(sys.argv[1], encoding="utf-8")):
    where, code, language = block["where"], block["code"], block["language"]
    try:
        if block["file"]:
            os.makedirs(os.path.dirname(block["file"]) or ".", exist_ok=True)
            with open(block["file"], "w", encoding="utf-8") as out:
                out.write(code)
            compile(code, where, "exec")
        elif language == "python":
            exec(compile(code, where, "exec"), namespace)
        else:
            context = {k: v for k, v in namespace.items() if not k.startswith("__")}
            context.setdefault("title", "A page")
            app = namespace.get("app")
            if app is not None and hasattr(app, "test_request_context"):
                with app.test_request_context():
                    app.jinja_env.from_string(code).render(**context)
            else:
                env = wetkit.environment(loader=jinja2.FileSystemLoader("templates"))
                env.from_string(code).render(**context)
    except BaseException as err:
        print(f"{where}: the {language} block fails: {type(err).__name__}: {err}", file=sys.stderr)
        sys.exit(1)
print("ran", len(json.load(open(sys.argv[1], encoding="utf-8"))))
"""


def runnable(guide) -> list[dict]:
    """The blocks of ``guide`` the test runs, as the runner reads them (see the module docstring)."""
    found = []
    for line, language, flags, code in blocks(guide):
        if language not in ("python", "jinja") or "fragment" in flags:
            continue
        target = next((f.split("=", 1)[1] for f in flags if f.startswith("file=")), None)
        found.append({"where": f"{guide.source.name}:{line}", "language": language, "file": target, "code": code})
    return found


@pytest.mark.parametrize("guide", GUIDES, ids=[g.slug for g in GUIDES])
def test_guide_code_runs(guide, tmp_path):
    (tmp_path / "templates").mkdir()
    for name in ("apply.html", "home.html"):
        (tmp_path / "templates" / name).write_text(PAGE, encoding="utf-8")
    script = tmp_path / "blocks.json"
    todo = runnable(guide)
    script.write_text(json.dumps(todo), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", RUNNER, str(script)], cwd=tmp_path, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith(f"ran {len(todo)}")


def test_a_failing_block_is_named_by_file_and_line(tmp_path):
    guide = tmp_path / "broken.md"
    guide.write_text("# Broken\n\nText.\n\n```python\nx = 1\n```\n\n```jinja\n{{ wet.button() }}\n```\n")
    script = tmp_path / "blocks.json"
    script.write_text(json.dumps(runnable(Guide("broken", "Broken", guide))), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", RUNNER, str(script)], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.startswith("broken.md:9: the jinja block fails: ParameterError: wet.button: parameter 'text'")


def test_every_guide_has_code_that_runs():
    assert all(runnable(guide) for guide in GUIDES)
