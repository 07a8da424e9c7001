"""Fixtures shared by the unit tests: the `wet` namespace, and one whose gettext marks every string."""

from __future__ import annotations

import gettext

import jinja2
import pytest

import wetkit


class Marking(gettext.NullTranslations):
    """Wraps every translated string in brackets, to prove it went through gettext."""

    def gettext(self, message):
        return f"[{message}]"

    def ngettext(self, singular, plural, n):
        return f"[{singular if n == 1 else plural}]"


@pytest.fixture(scope="module")
def wet():
    """``wet`` from a strict environment (StrictUndefined, autoescape)."""
    return wetkit.environment(undefined=jinja2.StrictUndefined).globals["wet"]


@pytest.fixture
def marking():
    """Translations that mark every string: ``[Skip to main content]``."""
    return Marking()


@pytest.fixture(scope="module")
def marked():
    """``wet`` whose built-in strings come out marked, to prove each goes through gettext."""
    env = wetkit.environment(undefined=jinja2.StrictUndefined)
    env.install_gettext_translations(Marking(), newstyle=True)
    return env.globals["wet"]
