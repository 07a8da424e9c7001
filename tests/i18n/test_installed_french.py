"""French from the installed wheel: the compiled catalogues ship in it and are used (the i18n nox session; slow)."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import wetkit, wetkit.paths
assert "site-packages" in str(wetkit.paths.LOCALE_DIR), wetkit.paths.LOCALE_DIR
env = wetkit.environment(lang="fr-CA")
page = env.get_template("wetkit/page.html").render(title="Installé", date_modified="2026-11-30")
assert '<html lang="fr-CA"' in page and "Passer au contenu principal" in page, page
assert "Date de modification\u00a0:" in page, page
count = env.from_string('{{ wet.character_count(name="c", label="L", max_length=2) }}').render()
assert "jusqu'à 2 caractères" in count, count
assert env.from_string('{{ "2026-11-30"|wet_date }}').render() == "30 novembre 2026"
try:
    wetkit.environment(lang="de")
except wetkit.ParameterError as err:
    assert "allowed: 'en', 'fr'" in str(err), err
else:
    raise AssertionError("de should have no catalogue")
print("french-ok")
"""


@pytest.mark.slow
def test_installed_wheel_renders_french(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True, text=True)
    wheel = next(dist.glob("wetkit-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for lang in ("en", "fr"):
        assert f"wetkit/locale/{lang}/LC_MESSAGES/wetkit.mo" in names
        assert f"wetkit/locale/{lang}/LC_MESSAGES/wetkit.po" in names
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True, text=True)
    out = subprocess.run([str(python), "-c", SCRIPT], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "french-ok" in out.stdout
