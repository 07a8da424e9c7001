"""Build the headings of an "on this page" contents list from a page's HTML.

``page_headings(html)`` reads the ``<h2>`` elements of the content (the HTML you are about to put in ``<main>``,
without the contents list itself) and returns ``[{"text", "id"}]`` in page order, ready for
``wet.on_this_page(headings=...)``. The text is the heading's text with its white space collapsed (tags dropped,
entities decoded: it is escaped again when the list renders). A heading without an ``id`` cannot be linked to, so it
is an error rather than a silent gap in the list; so is an id used twice.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from wetkit.errors import ParameterError


class _Headings(HTMLParser):
    def __init__(self, tag: str):
        super().__init__(convert_charrefs=True)
        self.tag = tag
        self.found: list[dict[str, Any]] = []
        self._depth = 0  # > 0 while inside a heading of the level read

    def handle_starttag(self, tag, attrs):
        if tag == self.tag:
            if self._depth == 0:
                self.found.append({"id": dict(attrs).get("id"), "text": ""})
            self._depth += 1

    def handle_endtag(self, tag):
        if tag == self.tag and self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.found[-1]["text"] += data


def page_headings(html: str, level: int = 2) -> list[dict[str, str]]:
    """The ``<h{level}>`` headings of ``html`` as ``[{"text", "id"}]``, in order; raise ParameterError (component
    ``on_this_page``) for a heading with no id or no text, or an id given twice."""
    if not isinstance(html, str):
        raise ParameterError(f"page_headings: html must be a string of HTML, got {type(html).__name__}",
                             "on_this_page")
    if isinstance(level, bool) or level not in (2, 3, 4, 5, 6):
        raise ParameterError(f"page_headings: level got {level!r}; allowed: 2 to 6", "on_this_page")
    parser = _Headings(f"h{level}")
    parser.feed(html)
    parser.close()
    headings, seen = [], set()
    for index, found in enumerate(parser.found):
        text = " ".join(found["text"].split())
        where = f"page_headings: <h{level}> number {index + 1} ({text[:40]!r})"
        if not found["id"] or any(c.isspace() for c in found["id"]):
            allowed = f"give every <h{level}> an id without spaces, so the contents list can link to it"
            raise ParameterError(f"{where} has no usable id (got {found['id']!r}); allowed: {allowed}", "on_this_page")
        if not text:
            raise ParameterError(f"{where} has no text; allowed: a heading with words to list", "on_this_page")
        if found["id"] in seen:
            raise ParameterError(f"{where} reuses the id {found['id']!r}; allowed: an id no other heading has",
                                 "on_this_page")
        seen.add(found["id"])
        headings.append({"text": text, "id": found["id"]})
    return headings
