"""The guides in ``docs/*.md``, rendered for the demo site (``<lang>/docs/<slug>/``).

Written once in Markdown (CommonMark plus tables, read with markdown-it-py), they become HTML that fits the site:

- the first ``# heading`` is the page's title (the page template draws the ``<h1>``), the other headings get the
  ids GitHub gives them, so ``theming.md#right-to-left-text-and-logical-properties`` works in both places;
- a link to another guide (``forms.md#the-error-summary-flow``) leads to its page
  (``../forms/#the-error-summary-flow``); a link to a repository file that is not a guide (``../CHANGELOG.md``)
  has no page in the site, so its text is kept without the link; ``https:``/``mailto:`` links and ``#fragments``
  are kept;
- code blocks are ``<pre class="wet-code">``; tables stack on small screens (``wet-table--stack``, each cell led by
  its column's name), so nothing scrolls sideways at 320 CSS px;
- raw HTML in a guide is never passed through (``html: False``); ``<!-- ... -->`` markers (generated tables, see
  wetkit.doctables) are removed first.

A code block whose info string says ``fragment`` (```` ```python fragment ````) is shown like any other, but the
test that runs every guide's code (tests/unit/test_guides.py) leaves it out; see docs/contributing.md.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markupsafe import Markup

from wetkit import paths
from wetkit.errors import WetkitError

#: Where the guides are: inside the package in a wheel (wetkit/docs), at the repository root in a checkout.
GUIDES_DIR = next((p for p in (paths.PACKAGE_DIR / "docs", paths.PACKAGE_DIR.parent / "docs") if p.is_dir()),
                  paths.PACKAGE_DIR / "docs")
#: The reading order of the site's guide list; guides not named here follow in name order.
ORDER = ("getting-started", "macro-api", "forms", "i18n", "theming", "accessibility-testing", "contributing")

_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)
_EXTERNAL = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)
_GUIDE_LINK = re.compile(r"^(?:\./)?([a-z0-9-]+)\.md(#.*)?$")


@dataclass(frozen=True)
class Guide:
    """One guide: ``slug`` (its file name without ``.md``, and its folder in the site), its title, its source."""

    slug: str
    title: str
    source: Path


def heading_id(text: str, seen: dict[str, int]) -> str:
    """The id GitHub gives a heading with this text: lower case, punctuation dropped, spaces as ``-``; a repeated
    one gets ``-1``, ``-2``... (``seen`` counts them within one page)."""
    slug = "".join(ch for ch in text.strip().lower() if ch in " -_" or unicodedata.category(ch)[0] in "LN")
    slug = slug.replace(" ", "-")
    count = seen.get(slug, 0)
    seen[slug] = count + 1
    return slug if count == 0 else f"{slug}-{count}"


def _title_of(path: Path, text: str) -> str:
    match = re.search(r"^# (.+)$", text, re.MULTILINE)
    if not match:
        raise WetkitError(f"{path}: a guide starts with its title as a '# Title' line; none found")
    return match.group(1).strip()


@cache
def _load(folder: Path) -> tuple[Guide, ...]:
    files = sorted(folder.glob("*.md")) if folder.is_dir() else []
    guides = [Guide(p.stem, _title_of(p, p.read_text(encoding="utf-8")), p) for p in files]
    rank = {slug: i for i, slug in enumerate(ORDER)}
    return tuple(sorted(guides, key=lambda g: (rank.get(g.slug, len(ORDER)), g.slug)))


def load_guides(folder: Path = GUIDES_DIR) -> tuple[Guide, ...]:
    """Every guide in ``folder``, in reading order (``ORDER``, then by name); none when the folder is missing."""
    return _load(Path(folder))


def guide_words(guide: Guide) -> str:
    """The words the site's search looks in besides the title: the guide's opening paragraph and its headings."""
    tokens = _MD.parse(_COMMENT.sub("", guide.source.read_text(encoding="utf-8")))
    words, intro = [], True
    for index, token in enumerate(tokens[:-1]):
        if token.type == "heading_open" and token.tag != "h1":
            words.append(_inline_text(tokens[index + 1]))
        elif token.type == "paragraph_open" and intro:
            words.append(_inline_text(tokens[index + 1]).replace("\n", " "))
            intro = False
    return " ".join(words)


def _inline_text(token) -> str:
    return "".join(child.content for child in token.children or () if child.type in ("text", "code_inline"))


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")

    def fence(renderer, tokens, idx, options, env):
        token = tokens[idx]
        language = token.info.split()[0] if token.info.strip() else ""
        kind = f' class="language-{escapeHtml(language)}"' if language else ""
        return f'<pre class="wet-code"><code{kind}>{escapeHtml(token.content)}</code></pre>\n'

    md.add_render_rule("fence", fence)
    md.add_render_rule("code_block", fence)
    return md


_MD = _parser()


def render_guide(guide: Guide, guides: tuple[Guide, ...]) -> Markup:
    """The body of ``guide`` as HTML for its site page (everything but the title; see the module docstring)."""
    slugs = {g.slug for g in guides}
    text = _COMMENT.sub("", guide.source.read_text(encoding="utf-8"))
    tokens = _MD.parse(text)
    if tokens[:1] and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
        tokens = tokens[3:]  # the title: the page template draws the <h1>
    seen: dict[str, int] = {}
    headers: list[str] = []
    column = 0
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            token.attrSet("id", heading_id(_inline_text(tokens[index + 1]), seen))
        elif token.type == "table_open":
            token.attrSet("class", "wet-table wet-table--stack")
            headers = []
        elif token.type == "th_open":
            headers.append(_inline_text(tokens[index + 1]))
        elif token.type == "tr_open":
            column = 0
        elif token.type == "td_open":
            if column < len(headers) and headers[column]:
                token.attrSet("data-label", headers[column])
            column += 1
        elif token.type == "inline":
            _rewrite_links(token.children or [], slugs)
    return Markup(_MD.renderer.render(tokens, _MD.options, {}))


def _rewrite_links(children, slugs: set[str]) -> None:
    """Point links to other guides at their pages; unlink what has no page in the site (see the module docstring)."""
    opened = []
    for child in children:
        if child.type == "link_open":
            href = str(child.attrGet("href") or "")
            guide = _GUIDE_LINK.match(href)
            if guide and guide.group(1) in slugs:
                child.attrSet("href", f"../{guide.group(1)}/{guide.group(2) or ''}")
            elif not (_EXTERNAL.match(href) or href.startswith("#")):
                child.tag, child.attrs = "span", {}
            opened.append(child)
        elif child.type == "link_close" and opened:
            child.tag = opened.pop().tag
