"""Validate HTML with the Nu HTML Checker (vnu.jar, pinned in package-lock.json), many files in one Java run.

Starting the JVM costs about a second, so files are always checked in one batch.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from wetkit.audit import find_test_tool
from wetkit.errors import WetkitError


class HtmlCheckerError(WetkitError, RuntimeError):
    """Java or vnu.jar is missing, or the checker did not run."""


def find_vnu_jar(start: Path | None = None) -> Path:
    found = find_test_tool("WETKIT_VNU_JAR", "vnu-jar/build/dist/vnu.jar", start)
    if found is not None:
        return found
    raise HtmlCheckerError("vnu.jar not found: run `npm ci` in the wetkit checkout, or set WETKIT_VNU_JAR")


def validate_files(files: Iterable[Path | str], jar: Path | None = None) -> dict[str, list[str]]:
    """Errors per file (only files with errors are listed), as ``line:column: message``."""
    files = [str(f) for f in files]
    if not files:
        return {}
    java = shutil.which("java")
    if java is None:
        raise HtmlCheckerError("java not found: install a JRE (Debian: apt-get install -y default-jre-headless)")
    command = [java, "-Xss1024k", "-jar", str(jar or find_vnu_jar()), "--format", "json", "--stdout", *files]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    try:
        messages = json.loads(done.stdout or "{}").get("messages", [])
    except json.JSONDecodeError as err:
        raise HtmlCheckerError(f"vnu output was not JSON ({err}): {done.stdout[:200]} {done.stderr[:200]}") from err
    errors: dict[str, list[str]] = {}
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "")
        name = url.removeprefix("file:")
        where = f"{message.get('lastLine', '?')}:{message.get('firstColumn', message.get('lastColumn', '?'))}"
        errors.setdefault(name, []).append(f"{where}: {message.get('message', '')} [{message.get('extract', '')!r}]")
    return errors
