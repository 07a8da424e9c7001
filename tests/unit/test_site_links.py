"""Link check over the built site: every link, form action and asset that points into the site lands on a file the
build wrote, and every ``#fragment`` names an element on the page it points to.

"Into the site" means a relative URL, or a root-absolute one whose first folder is one the build writes (``en/``,
``fr/``, ``static/``...). Other root-absolute paths in demo content (``/apply/details``, ``/search``) stand for the
service of a team using the component; they leave the demo site, the way a link to another site does, and so do
``https:``, ``mailto:`` and ``tel:`` URLs. A demo must not give such a path under one of the site's own folders
(``/fr/demande``): in the site it is a broken link.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import html5lib
import pytest

from wetkit.site import build_site

LINKING = {"a": "href", "area": "href", "link": "href", "form": "action", "script": "src", "img": "src",
           "iframe": "src", "source": "src", "button": "formaction", "input": "formaction"}
ORIGIN = "http://site.invalid"


def _url_of(rel: str) -> str:
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def link_problems(root: Path) -> list[str]:
    """Each broken link of the site built in ``root``: '<page>: <tag> <attr>=<value>: <what is wrong>'."""
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    own_folders = {rel.split("/", 1)[0] for rel in files}
    pages = {_url_of(rel): html5lib.parse((root / rel).read_bytes(), treebuilder="etree",
                                          namespaceHTMLElements=False)
             for rel in files if rel.endswith(".html")}
    anchors = {url: {el.get(attr) for el in doc.iter() if isinstance(el.tag, str)
                     for attr in ("id", "name") if el.get(attr)}
               for url, doc in pages.items()}
    problems = []
    for url, doc in sorted(pages.items()):
        for el in doc.iter():
            attr = LINKING.get(el.tag) if isinstance(el.tag, str) else None
            value = el.get(attr) if attr else None
            if value is None:
                continue
            target = urlsplit(urljoin(ORIGIN + url, value.strip()))
            if f"{target.scheme}://{target.netloc}" != ORIGIN:
                continue
            path = unquote(target.path)
            if value.startswith("/") and path.strip("/").split("/", 1)[0] not in own_folders:
                continue  # the demo's service, outside the site
            rel = path.lstrip("/")
            rel = rel + "index.html" if rel.endswith("/") or not rel else rel
            where = f"{url}: <{el.tag} {attr}={value!r}>"
            if rel not in files:
                problems.append(f"{where}: no such page or file in the site ({rel})")
            elif target.fragment and unquote(target.fragment) not in anchors.get(_url_of(rel), set()):
                problems.append(f"{where}: no element with id {unquote(target.fragment)!r} on {_url_of(rel)}")
    return problems


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(out)
    return out


def test_every_link_in_the_site_lands(site):
    problems = link_problems(site)
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(problems[:40])


def test_the_check_finds_missing_pages_and_fragments(tmp_path):
    (tmp_path / "en/a").mkdir(parents=True)
    (tmp_path / "static").mkdir()
    (tmp_path / "static/site.css").write_text("")
    (tmp_path / "en/a/index.html").write_text('<h2 id="here">A</h2><a name="old">x</a>')
    (tmp_path / "en/index.html").write_text(
        '<link rel="stylesheet" href="../static/site.css"><a href="a/#here">ok</a><a href="a/#old">ok</a>'
        '<a href="#top">self</a><a href="a/#gone">bad fragment</a><a href="b/">missing</a>'
        '<a href="/fr/demande">in the site, missing</a><a href="/apply">the service</a>'
        '<a href="https://example.org/#x">elsewhere</a><form action="/en/search"></form>')
    assert link_problems(tmp_path) == [
        "/en/: <a href='#top'>: no element with id 'top' on /en/",
        "/en/: <a href='a/#gone'>: no element with id 'gone' on /en/a/",
        "/en/: <a href='b/'>: no such page or file in the site (en/b/index.html)",
        "/en/: <form action='/en/search'>: no such page or file in the site (en/search)",
    ]
