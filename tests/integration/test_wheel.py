"""The release: `python -m build` makes an sdist and a wheel (built from the sdist, so the sdist must be complete);
each holds what a release needs and nothing from a working copy; the wheel installed into a fresh venv renders,
compiles and reports its version."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path, PurePosixPath

import pytest

import wetkit

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
import wetkit.guides
assert "site-packages" in str(wetkit.guides.GUIDES_DIR) and len(wetkit.guides.load_guides()) >= 7
print("installed-ok", len(css))
"""

#: Parts of a working copy that never ship: a path with one of these folders (or a file ending so) is a leak.
NEVER_SHIPPED_DIRS = {"tests", "__pycache__", ".pytest_cache", ".ruff_cache", ".nox", ".venv", "_site",
                      "node_modules", "reports", "mutants", "dist", "build", ".git", "benchmarks"}
NEVER_SHIPPED_SUFFIXES = (".pyc", ".pyo")


def _source_files(folder: str, suffixes: tuple[str, ...]) -> set[str]:
    """The files under ROOT/folder ending in one of ``suffixes``, as "/"-paths relative to ROOT."""
    return {p.relative_to(ROOT).as_posix() for p in (ROOT / folder).rglob("*")
            if p.is_file() and p.name.endswith(suffixes) and "__pycache__" not in p.parts}


def _leaks(names: list[str]) -> list[str]:
    return [n for n in names if set(PurePosixPath(n).parts) & NEVER_SHIPPED_DIRS or n.endswith(NEVER_SHIPPED_SUFFIXES)]


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The sdist and the wheel of this checkout, built the way a release is: plain `python -m build`."""
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


def _one(dist: Path, pattern: str) -> Path:
    found = sorted(dist.glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in {dist}, found {[p.name for p in found]}"
    return found[0]


@pytest.mark.slow
def test_version_is_read_from_one_place(dist):
    """The version is written once (wetkit/__init__.py); the built files' names and metadata carry that one."""
    assert re.fullmatch(r"\d+\.\d+\.\d+([ab]\d+|rc\d+)?", wetkit.__version__)
    assert "version = " not in (ROOT / "pyproject.toml").read_text(encoding="utf-8").split("[tool.")[0]
    wheel = _one(dist, "wetkit-*.whl")
    assert wheel.name.startswith(f"wetkit-{wetkit.__version__}-")
    metadata = zipfile.ZipFile(wheel).read(f"wetkit-{wetkit.__version__}.dist-info/METADATA").decode()
    assert f"\nVersion: {wetkit.__version__}\n" in metadata
    assert _one(dist, "wetkit-*.tar.gz").name == f"wetkit-{wetkit.__version__}.tar.gz"


@pytest.mark.slow
def test_wheel_contents(dist):
    wheel = _one(dist, "wetkit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = set(names)
    expected = {"wetkit/templates/page.html", f"wetkit-{wetkit.__version__}.dist-info/licenses/LICENSE"}
    # every component's macro, SCSS, JS and spec; every theme file; every catalogue, source and compiled
    expected |= {"wetkit/" + rel for rel in _source_files("components", (".html", ".scss", ".js", ".yaml"))}
    expected |= {"wetkit/" + rel for rel in _source_files("themes", (".scss", ".yaml"))}
    expected |= _source_files("wetkit/locale", (".po", ".mo", ".pot"))
    expected |= _source_files("wetkit/js", (".js",)) | _source_files("wetkit/scss", (".scss",))
    expected |= {"wetkit/" + rel for rel in _source_files("docs", (".md",))}  # the guides, for the site
    assert any(n.endswith("/LC_MESSAGES/wetkit.mo") and "/fr/" in n for n in expected), "no French catalogue found"
    missing = sorted(expected - shipped)
    assert not missing, f"the wheel lacks {len(missing)} files, e.g. {missing[:10]}"
    assert not _leaks(names), f"the wheel ships working-copy files: {_leaks(names)[:10]}"


@pytest.mark.slow
def test_sdist_contents(dist):
    sdist = _one(dist, "wetkit-*.tar.gz")
    prefix = f"wetkit-{wetkit.__version__}/"
    with tarfile.open(sdist) as tar:
        names = [m.name.removeprefix(prefix) for m in tar.getmembers() if m.isfile()]
    shipped = set(names)
    expected = {"LICENSE", "README.md", "CHANGELOG.md", "CONTRIBUTING.md", "pyproject.toml", "wetkit/__init__.py",
                "wetkit/templates/page.html"}
    expected |= _source_files("components", (".html", ".scss", ".js", ".yaml"))
    expected |= _source_files("themes", (".scss", ".yaml"))
    expected |= _source_files("wetkit/locale", (".po", ".mo", ".pot"))
    expected |= _source_files("docs", (".md",))
    missing = sorted(expected - shipped)
    assert not missing, f"the sdist lacks {len(missing)} files, e.g. {missing[:10]}"
    assert not _leaks(names), f"the sdist ships working-copy files: {_leaks(names)[:10]}"


@pytest.mark.slow
def test_installed_wheel_renders_and_compiles(dist, tmp_path):
    wheel = _one(dist, "wetkit-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   capture_output=True, text=True)
    out = subprocess.run([str(python), "-c", SCRIPT], check=True, capture_output=True, text=True, cwd=tmp_path)
    assert "installed-ok" in out.stdout
    version = subprocess.run([str(env_dir / "bin" / "wetkit"), "--version"], check=True,
                             capture_output=True, text=True)
    assert version.stdout.strip() == f"wetkit {wetkit.__version__}"
