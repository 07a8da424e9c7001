"""The wheel carries everything needed at run time: build it, install it into a fresh venv, use it there."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import pathlib, wetkit, wetkit.sass, wetkit.paths
assert "site-packages" in str(wetkit.paths.COMPONENTS_DIR), wetkit.paths.COMPONENTS_DIR
env = wetkit.environment()
html = env.from_string('{{ wet.button("Go") }}').render()
assert html == '<button class="wet-btn wet-btn--primary" type="submit">Go</button>', html
css = wetkit.sass.compile_theme("base")
assert ".wet-btn" in css and "--wet-color-text" in css
page = env.get_template("wetkit/page.html").render(title="Installed")
assert "<title>Installed</title>" in page
print("installed-ok", len(css))
"""


@pytest.mark.slow
def test_installed_wheel_renders_and_compiles(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True, text=True)
    wheel = next(dist.glob("wetkit-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "wetkit/components/button/button.yaml" in names
    assert "wetkit/themes/base/tokens.yaml" in names
    assert "wetkit/templates/page.html" in names

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   capture_output=True, text=True)
    out = subprocess.run([str(python), "-c", SCRIPT], check=True, capture_output=True, text=True, cwd=tmp_path)
    assert "installed-ok" in out.stdout
    version = subprocess.run([str(env_dir / "bin" / "wetkit"), "--version"], check=True,
                             capture_output=True, text=True)
    assert version.stdout.startswith("wetkit ")
