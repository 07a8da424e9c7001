"""``wetkit new component NAME --in DIR`` and ``wetkit new theme NAME --in DIR [--extends base]``.

Each writes a small, valid starting point into a team's own folder (never into wetkit) and returns the commands to
run next, written for the folder the command was run from: they work in a team's repository with only
``pip install wetkit`` (and, for ``wetkit check``, the test tools of docs/extending.md).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

from wetkit import paths
from wetkit.errors import WetkitError
from wetkit.registry import HELPERS

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_THEME_NAME = re.compile(r"^[a-z][a-z0-9-]*$")

_SPEC = """\
# {title}: the spec. Parameters are checked on every call; every example becomes a demo page that
# `wetkit check --components-dir DIR` audits (docs/extending.md). In wetkit's own components/ folder the
# placeholder check (wetkit/placeholders.py) fails the tests until every line marked for you is filled in.
summary: TODO one sentence - what {title} is for.
summary_fr: TODO la même phrase en français.
when_to_use: [TODO the needs it serves - one sentence each.]
when_to_use_fr: [TODO chaque phrase en français.]
when_not_to_use: [TODO needs another component serves better - and which.]
when_not_to_use_fr: [TODO chaque phrase en français.]
positional: [text]
params:
  text: {{type: text, required: true, doc: TODO what the text is.}}
examples:
  default:
    description: TODO when a team uses this example.
    params: {{text: TODO example text}}
a11y:
  automated: [TODO what the suite proves for {name}]
  manual:
    - {{sc: ["1.3.1"], when: release, check: TODO what a person checks and with which tool,
       check_fr: TODO la même vérification en français}}
"""
_MACRO = """\
{{#- {title}: parameters in {name}.yaml; classes and attrs are added to every component. -#}}
{{% macro _render(text, classes, attrs) -%}}
<div class="{{{{ wet_classes('{css}', classes) }}}}"{{{{ attrs|wet_attrs }}}}>{{{{ text }}}}</div>
{{%- endmacro %}}
{{% set {name} = wetkit_component("{name}", _render) %}}
"""
_SCSS = """\
// {title}: theme tokens only (var(--wet-...)), logical properties; mixins from wetkit's scss/_mixins.scss.
.{css} {{
  margin-block-end: var(--wet-space-4);
  color: var(--wet-color-text);
}}
"""
#: The tokens a new theme that extends another starts with: what a brand changes first.
_STARTER_TOKENS = ("primary", "link")


def _folder(where: str | Path) -> Path:
    folder = Path(where)
    if folder.exists() and not folder.is_dir():
        raise WetkitError(f"--in {where}: is a file; allowed: a folder (created if missing)")
    return folder


def _shown(path: Path) -> str:
    return shlex.quote(str(path))


def new_component(name: str, where: str | Path) -> tuple[Path, list[str]]:
    """Write ``<where>/<name>/`` (spec, macro, SCSS); return it and the commands to run next."""
    if not _NAME.match(name):
        raise WetkitError(f"wetkit new component: NAME got {name!r}; allowed: lowercase snake_case (price_table)")
    if name in HELPERS:
        raise WetkitError(f"wetkit new component: NAME {name!r} is the wet.{name} helper already; choose another")
    folder = _folder(where)
    target = folder / name
    if target.exists():
        raise WetkitError(f"{target} already exists; nothing was changed")
    target.mkdir(parents=True)
    wetkit_own = folder.resolve() == paths.COMPONENTS_DIR.resolve()  # a contributor in wetkit's checkout
    prefix = "wet-" if wetkit_own else "team-"
    title, css = name.replace("_", " ").capitalize(), prefix + name.replace("_", "-")
    (target / f"{name}.yaml").write_text(_SPEC.format(title=title, name=name), encoding="utf-8")
    (target / f"{name}.html").write_text(_MACRO.format(name=name, title=title, css=css), encoding="utf-8")
    (target / f"_{name}.scss").write_text(_SCSS.format(title=title, css=css), encoding="utf-8")
    if wetkit_own:
        return target, ["nox"]
    option = f"--components-dir {_shown(folder)}"
    return target, [f"wetkit list {option}", f"wetkit build {option} --out _site", f"wetkit check {option}"]


def new_theme(name: str, where: str | Path, extends: str | None = None) -> tuple[Path, list[str]]:
    """Write ``<where>/<name>/``: with ``extends``, a ``tokens.yaml`` that names that theme and sets only a few
    tokens; without it, a full copy of wetkit's base theme. Return it and the commands to run next."""
    from wetkit.sass import load_theme

    if not _THEME_NAME.match(name):
        raise WetkitError(f"wetkit new theme: NAME got {name!r}; allowed: lowercase words joined by '-' (brand)")
    folder = _folder(where)
    target = folder / name
    if target.exists():
        raise WetkitError(f"{target} already exists; nothing was changed")
    if extends is not None:
        parent = load_theme(extends, (folder,) if folder.is_dir() else ())  # a ThemeError names a missing one
        target.mkdir(parents=True)
        colours = {scheme: {token: values[token] for token in _STARTER_TOKENS if token in values}
                   for scheme, values in parent.tokens["color"].items()}
        body = yaml.safe_dump({"extends": extends, "color": colours}, sort_keys=False, allow_unicode=True)
        (target / "tokens.yaml").write_text(
            f"# {name}: every token not set here comes from {extends!r}. Change these values (and add any other\n"
            f"# token of {extends}); the contrast pairs of {extends} are proven again with them at each build.\n"
            + body, encoding="utf-8")
    else:
        target.mkdir(parents=True)
        base = paths.THEMES_DIR / "base"
        for file in ("tokens.yaml", "_settings.scss"):
            (target / file).write_text((base / file).read_text(encoding="utf-8"), encoding="utf-8")
    option = f"--theme-dir {_shown(folder)} --theme {shlex.quote(name)}"
    return target, [f"wetkit sizes {option}", f"wetkit build {option} --out _site", f"wetkit check {option}"]
