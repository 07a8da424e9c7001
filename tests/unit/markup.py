"""Reading rendered fragments in unit tests: start tags and text (``Tags``), and a refused call's message
(``refused``). Shared by the component test modules so each reads markup the same way."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from wetkit.errors import ParameterError


class Tags(HTMLParser):
    """A fragment's start tags in order as ``(tag, attrs)``; ``text``: all its text as one string; ``texts``: its
    non-blank text pieces in order."""

    def __init__(self, html):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text = ""
        self.texts: list[str] = []
        self.feed(str(html))

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data
        if data.strip():
            self.texts.append(data)

    def all(self, tag: str) -> list[dict]:
        """The attributes of every ``tag`` start tag."""
        return [a for t, a in self.tags if t == tag]

    def first(self, cls: str) -> dict:
        """The attributes of the first start tag with the class ``cls``."""
        return next(a for _, a in self.tags if cls in (a.get("class") or "").split())

    def find(self, tag: str, **wanted) -> list[dict]:
        """The ``tag`` start tags whose attributes have the values wanted (``aria_label`` for ``aria-label``)."""
        return [a for t, a in self.tags if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in wanted.items())]

    def one(self, tag: str, **wanted) -> dict:
        """The only ``tag`` start tag with the values wanted; fails when there are none or several."""
        found = self.find(tag, **wanted)
        assert len(found) == 1, f"{len(found)} <{tag} {wanted}>"
        return found[0]


def refused(call, *words) -> str:
    """``call()`` must raise a ParameterError whose message holds each of ``words``; returns the message."""
    with pytest.raises(ParameterError) as caught:
        call()
    message = str(caught.value)
    for word in words:
        assert word in message, message
    return message
