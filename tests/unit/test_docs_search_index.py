"""The site's search index and page, without a browser: each language's index lists every component page and every
guide page, at URLs the site has; the page works as plain HTML (the form waits for the script, a note leads to the
lists); every page's header search box leads to its language's search page."""

from __future__ import annotations

import json
import re

import pytest

from wetkit.guides import load_guides
from wetkit.site import LANGUAGES, SiteBuilder, build_site

BUILDER = SiteBuilder()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    build_site(out)
    return out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_index_lists_every_component_and_guide_page(site, lang):
    index = json.loads((site / lang / "search-index.json").read_text(encoding="utf-8"))
    assert index["lang"] == lang
    urls = [entry["url"] for entry in index["pages"]]
    assert urls == [f"components/{s.name}/" for s in BUILDER.registry] + [f"docs/{g.slug}/" for g in load_guides()]
    for entry in index["pages"]:
        assert (site / lang / entry["url"] / "index.html").is_file()
        assert entry["title"] and entry["text"] and entry["kind"]
        assert entry.get("lang") == (None if lang == "en" else "en")  # spec and guide text is English
    button = next(e for e in index["pages"] if e["url"] == "components/button/")
    assert BUILDER.registry["button"].summary in button["text"] and "variant" in button["text"].split()


def test_search_page_without_script(site):
    html = (site / "en/search/index.html").read_text(encoding="utf-8")
    form = re.search(r"<form class=\"wet-docs-search__form\"[^>]*>", html).group(0)
    assert " hidden" in form and 'role="search"' in form  # shown by the script, which alone can search
    assert re.search(r"<p data-no-script>[^<]+<a href=\"\.\./\">", html)
    assert 'data-index="../search-index.json"' in html
    assert '<script src="../../static/wetkit/docs-search.js" defer></script>' in html
    assert 'id="site-header-search"' not in html  # the page's own form replaces the header's box
    assert (site / "static/wetkit/docs-search.js").stat().st_size > 0


@pytest.mark.parametrize("path", ["en/", "fr/components/button/", "en/docs/forms/", "fr/components/alert/info/"])
def test_header_search_leads_to_the_search_page(site, path):
    html = (site / path / "index.html").read_text(encoding="utf-8")
    depth = path.count("/")
    lang = path.split("/")[0]
    assert re.search(rf'<form class="wet-search" action="{"../" * depth}{lang}/search/" method="get" role="search"',
                     html)
    assert 'id="site-header-search" name="q"' in html
