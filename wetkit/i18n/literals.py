"""Find words a person would read that do not go through gettext: in templates and in scripts.

Templates (``components/*/*.html``, ``wetkit/templates``, ``wetkit/site_templates``): the Jinja code (``{{ }}``,
``{% %}``, comments) is blanked out, and what is left is read as HTML. Text nodes and human-facing attributes
(:data:`HUMAN_ATTRIBUTES`, and ``value`` of a button-like input) that hold a letter are reported: such words belong
in ``_()``/``ngettext()``, or in a variable. ``<script>``/``<style>`` contents and SVG drawing are not text.

Scripts (``components/*/*.js``, ``wetkit/js/*.js``): every string literal that reads like words (two or more words,
or one capitalised word) is reported: a script gets its words from data attributes or a JSON block that the macro
renders. A line that writes to the browser console is skipped (those messages are for developers), and so is an object
key (``{"Accept": "application/json"}``).

The allow-list, :data:`ALLOWED`, maps ``(file, text)`` to the reason it may stay; it is empty, and should stay tiny.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

HUMAN_ATTRIBUTES = frozenset({
    "aria-label", "aria-description", "aria-roledescription", "aria-valuetext", "aria-placeholder", "title", "alt",
    "placeholder", "label",
    "data-label",  # wetkit's stacked tables show it as a cell's heading (CSS `content: attr(data-label)`)
})
BUTTON_INPUT_TYPES = frozenset({"submit", "reset", "button"})
ALLOWED: dict[tuple[str, str], str] = {}

_LETTER = re.compile(r"[^\W\d_]")
_JINJA = re.compile(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.DOTALL)


_HOLE = "\x01"  # stands for Jinja code: no letter, and valid inside a tag or attribute name (`<h{{ level }}`)


def _blank(match: re.Match) -> str:
    """Jinja code becomes a placeholder character (keeping line breaks, so line numbers stay right)."""
    return _HOLE + "\n" * match.group(0).count("\n")


class _TextFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            human = name in HUMAN_ATTRIBUTES or (
                name == "value" and tag == "input" and (values.get("type") or "").lower() in BUTTON_INPUT_TYPES)
            if human and value and _LETTER.search(value):
                self.found.append((self.getpos()[0], f"{name}={value!r}".replace(_HOLE, "{{…}}")))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and _LETTER.search(data):
            line = self.getpos()[0]
            self.found.append((line, " ".join(data.replace(_HOLE, "{{…}}").split())))


def template_literals(path: Path, source: str | None = None) -> list[tuple[int, str]]:
    """``(line, text)`` for each piece of words in a template that is outside gettext."""
    text = path.read_text(encoding="utf-8") if source is None else source
    text = _RAW.sub(_blank, text)
    text = _JINJA.sub(_blank, text)
    finder = _TextFinder()
    finder.feed(text)
    finder.close()
    return [(line, found) for line, found in finder.found if (path.name, found) not in ALLOWED]


_JS_TOKEN = re.compile(
    r"""(?P<comment>//[^\n]*|/\*.*?\*/)
      | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)
      | (?P<slash>/)
      | (?P<other>[^"'`/]+)""",
    re.DOTALL | re.VERBOSE,
)
_JS_REGEX = re.compile(r"/(?:[^/\\\n\[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[a-z]*")
_BEFORE_REGEX = set("(,=:[!&|?{};") | {""}  # a "/" after one of these starts a regular expression, not a division


def _js_strings(text: str) -> list[re.Match]:
    """The string literals of a script, skipping comments and regular expression literals."""
    strings, position = [], 0
    while position < len(text):
        match = _JS_TOKEN.match(text, position)
        if match.group("slash") and text[:position].rstrip()[-1:] in _BEFORE_REGEX:
            regex = _JS_REGEX.match(text, position)
            if regex:
                position = regex.end()
                continue
        if match.group("string"):
            strings.append(match)
        position = match.end()
    return strings


_WORD = re.compile(r"[^\W\d_][^\W\d_'’]*[,.;:!?]?")
_DIRECTIVES = frozenset({"use strict"})
#: KeyboardEvent.key values the WAI-ARIA patterns listen for (names in the DOM, not words shown to anyone).
KEY_NAMES = frozenset({"Enter", "Escape", "Tab", "Home", "End", "PageUp", "PageDown", "Backspace", "Delete",
                       "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Spacebar"})


def reads_like_words(literal: str) -> bool:
    """True for "Show password" or "Hide"; false for "data-text-show", "wet-hint wet-btn" (class names),
    "input[type=radio]", "application/json", "polite", "%{count}"."""
    tokens = literal.split()
    if literal in _DIRECTIVES or not tokens or not all(_WORD.fullmatch(t) for t in tokens):
        return False
    if len(tokens) >= 2:
        return True
    word = tokens[0].rstrip(",.;:!?")
    return word[:1].isupper() and word[1:].islower()


def script_literals(path: Path, source: str | None = None) -> list[tuple[int, str]]:
    """``(line, literal)`` for each string literal in a script that reads like words (see the module docstring)."""
    text = path.read_text(encoding="utf-8") if source is None else source
    found = []
    for match in _js_strings(text):
        line = text.count("\n", 0, match.start()) + 1
        literal = match.group("string")[1:-1]
        statement = text[max(text.rfind(c, 0, match.start()) for c in ";{}") + 1:match.start()]
        if "console." in statement or "wetkit.warn(" in statement or re.match(r"\s*:", text[match.end():]):
            continue  # a developer's console message (also through wetkit.warn), or an object key ({"Accept": ...})
        if literal in KEY_NAMES:
            continue  # a KeyboardEvent.key value such as "Enter": the key's name in the DOM, never shown
        if reads_like_words(literal) and (path.name, literal) not in ALLOWED:
            found.append((line, literal))
    return found
