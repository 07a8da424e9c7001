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


@pytest.fixture(scope="session")
def marked(tmp_path_factory):
    """``wet`` whose built-in strings come out marked (``[Skip to main content]``), to prove each is looked up in
    wetkit's catalogue: a team catalogue (see docs/i18n.md) that rewords every msgid of ``wetkit.pot`` as
    ``[msgid]`` (each plural form as ``[singular]`` or ``[plural]``), read before wetkit's own."""
    from babel.messages.pofile import read_po, write_po

    from wetkit import paths

    with (paths.LOCALE_DIR / "wetkit.pot").open("rb") as handle:
        catalogue = read_po(handle, locale="en")
    for message in catalogue:
        if isinstance(message.id, tuple):
            message.string = tuple(f"[{message.id[min(i, 1)]}]" for i in range(2))
        elif message.id:
            message.string = f"[{message.id}]"
    folder = tmp_path_factory.mktemp("marking-catalogue")
    (folder / "en" / "LC_MESSAGES").mkdir(parents=True)
    with (folder / "en" / "LC_MESSAGES" / "wetkit.po").open("wb") as handle:
        write_po(handle, catalogue)
    return wetkit.environment(undefined=jinja2.StrictUndefined, catalogues=[folder]).globals["wet"]
