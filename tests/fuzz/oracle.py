"""The fuzz oracle: is a component's output inert, compared with the same call given harmless values?

A call's HTML is parsed with html5lib (it follows the WHATWG parsing algorithm, as browsers do) and reduced to
:class:`Features`: the elements, the (element, attribute) pairs and every URL in a URL-bearing attribute with its
scheme, read the way a browser reads it (:func:`url_scheme`). :func:`judge` then compares the features of a fuzzed
call with those of its *reference*, the same call with each fuzzed value replaced by a harmless one, and reports:

- any ``<script>`` or ``<style>`` element, any ``on*`` or ``style`` attribute (pages run under
  ``Content-Security-Policy: default-src 'self'``; wetkit never draws them);
- an element the reference lacks (markup injected through a value);
- an attribute the reference lacks, unless it is exactly one the caller asked for by name in ``attrs``;
- a URL whose scheme is not http, https, mailto or tel (a relative URL, ``//host`` included, has no scheme) and
  that the reference does not have.

A call may also raise: a :class:`wetkit.errors.WetkitError` is a fine answer to a bad value, any other exception is
reported with the place it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import html5lib

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: Attributes whose value a browser reads as a URL (srcset and ping: a list of URLs).
URL_ATTRS = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "poster", "background", "srcset", "ping", "cite", "data",
})
#: Elements wetkit never draws (CSP: no inline script or style).
BANNED_ELEMENTS = frozenset({"script", "style"})

_NAMESPACE_PREFIXES = {
    "http://www.w3.org/1999/xhtml": "",
    "http://www.w3.org/2000/svg": "svg:",
    "http://www.w3.org/1998/Math/MathML": "math:",
    "http://www.w3.org/1999/xlink": "xlink:",
    "http://www.w3.org/XML/1998/namespace": "xml:",
    "http://www.w3.org/2000/xmlns/": "xmlns:",
}
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_C0_OR_SPACE = "".join(chr(c) for c in range(0x21))
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")


def url_scheme(value: str) -> str | None:
    """The scheme a browser reads from ``value`` (lowercased), or None for a relative URL.

    As the WHATWG URL parser does: strip leading and trailing C0 controls and spaces, remove every tab, LF and CR,
    then a scheme is an ASCII letter followed by letters, digits, ``+``, ``-`` or ``.`` up to a ``:``. Anything
    else before the first ``:`` (a ``/``, ``?``, ``#``, ``&``, a full-width letter...) makes the URL relative.
    """
    cleaned = _TAB_OR_NEWLINE.sub("", value.strip(_C0_OR_SPACE))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def _urls_in(attribute: str, value: str) -> list[str]:
    """The URLs one attribute holds: srcset lists ``url descriptor`` candidates, ping several URLs."""
    if attribute == "srcset":
        return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]
    if attribute == "ping":
        return value.split() or [value]
    return [value]


def _name(qualified: str) -> str:
    """``{namespace}local`` (as html5lib's etree spells foreign names) as ``prefix:local``."""
    if qualified.startswith("{"):
        namespace, _, local = qualified[1:].partition("}")
        return _NAMESPACE_PREFIXES.get(namespace, namespace + ":") + local
    return qualified


@dataclass(frozen=True)
class Url:
    element: str
    attribute: str
    value: str
    scheme: str | None


@dataclass(frozen=True)
class Features:
    """What a piece of HTML builds, as a browser parses it."""

    elements: frozenset[str]
    attributes: frozenset[tuple[str, str]]
    urls: tuple[Url, ...]

    @property
    def schemes(self) -> frozenset[str | None]:
        return frozenset(url.scheme for url in self.urls)


_CACHE: dict[str, Features] = {}
_CACHE_SIZE = 4096


def features(html: str) -> Features:
    """Parse ``html`` as a fragment of <body> (html5lib) and list its elements, attributes and URLs."""
    html = str(html)
    cached = _CACHE.get(html)
    if cached is not None:
        return cached
    root = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    elements: set[str] = set()
    attributes: set[tuple[str, str]] = set()
    urls: list[Url] = []
    for node in root.iter():
        if node is root or not isinstance(node.tag, str):  # the fragment itself; comments
            continue
        tag = _name(node.tag)
        elements.add(tag)
        for raw_name, value in node.attrib.items():
            attribute = _name(raw_name)
            attributes.add((tag, attribute))
            if attribute in URL_ATTRS or attribute.rpartition(":")[2] == "href":
                urls += [Url(tag, attribute, url, url_scheme(url)) for url in _urls_in(attribute, value)]
    result = Features(frozenset(elements), frozenset(attributes), tuple(urls))
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    _CACHE[html] = result
    return result


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one call's outcome. ``kind`` groups problems of the same cause (for de-duplication);
    ``detail`` is what a person reads."""

    kind: str
    detail: str


@dataclass
class Outcome:
    """What one call did: rendered ``html``, or raised ``error``."""

    html: str | None = None
    error: BaseException | None = None
    origin: str = field(default="")  # for an error: the innermost frame in wetkit's own code


def origin_of(error: BaseException) -> str:
    """Where an exception came from: the innermost frame in wetkit's package or its component templates (as
    ``wetkit/params.py:119`` or ``components/button/button.html:7``, a template's own line), else the innermost."""
    from wetkit import paths

    roots = (paths.PACKAGE_DIR, paths.COMPONENTS_DIR)
    frames = []
    tb = error.__traceback__
    while tb is not None:
        lineno = tb.tb_lineno
        template = tb.tb_frame.f_globals.get("__jinja_template__")
        if template is not None:  # a compiled template: report the template's line, not the generated code's
            lineno = template.get_corresponding_lineno(lineno)
        frames.append((Path(tb.tb_frame.f_code.co_filename), lineno))
        tb = tb.tb_next
    for filename, lineno in reversed(frames):
        path = filename.resolve()
        for root in roots:
            if root in path.parents:
                return f"{path.relative_to(root.parent).as_posix()}:{lineno}"
    if not frames:
        return "?"
    return f"{frames[-1][0].name}:{frames[-1][1]}"


def judge(outcome: Outcome, reference: Features | None, allowed_attributes: Iterable[str] = (),
          expected_errors: tuple[type[BaseException], ...] = ()) -> list[Problem]:
    """The problems with one fuzzed call's outcome.

    ``reference`` is the features of the same call with harmless values (None when that call failed too: then only
    the absolute rules apply). ``allowed_attributes`` are the attribute names the caller asked for in ``attrs``
    (a new attribute of exactly that name is what the caller wanted). ``expected_errors`` are the exceptions that
    are a proper answer to a bad value (wetkit's own).
    """
    if outcome.error is not None:
        if isinstance(outcome.error, expected_errors):
            return []
        error = outcome.error
        message = str(error).splitlines()[0] if str(error) else ""
        return [Problem(f"raises {type(error).__name__} at {outcome.origin}",
                        f"raised {type(error).__module__}.{type(error).__qualname__}: {message[:200]} "
                        f"(at {outcome.origin})")]
    found = features(outcome.html or "")
    problems: list[Problem] = []
    for element in sorted(found.elements):
        if element.rpartition(":")[2] in BANNED_ELEMENTS:
            problems.append(Problem(f"<{element}> element", f"the output has a <{element}> element"))
    for element, attribute in sorted(found.attributes):
        local = attribute.rpartition(":")[2]
        if local.startswith("on") or local == "style":
            problems.append(Problem(f"{'on*' if local.startswith('on') else 'style'} attribute",
                                    f"<{element}> has a {attribute!r} attribute"))
    if reference is not None:
        new_elements = sorted(found.elements - reference.elements - {e for e in found.elements
                                                                     if e.rpartition(":")[2] in BANNED_ELEMENTS})
        if new_elements:
            problems.append(Problem("injected element",
                                    "new element(s) the harmless call lacks: " + ", ".join(f"<{e}>" for e in
                                                                                          new_elements)))
        allowed = {name.lower() for name in allowed_attributes}
        new_attributes = sorted(
            (element, attribute) for element, attribute in found.attributes - reference.attributes
            if attribute not in allowed and not attribute.rpartition(":")[2].startswith("on")
            and attribute.rpartition(":")[2] != "style"
        )
        if new_attributes:
            problems.append(Problem("injected attribute",
                                    "new attribute(s) the harmless call lacks: "
                                    + ", ".join(f"<{e} {a!r}>" for e, a in new_attributes)))
    reference_schemes = reference.schemes if reference is not None else frozenset()
    for url in found.urls:
        if url.scheme is None or url.scheme in ALLOWED_SCHEMES or url.scheme in reference_schemes:
            continue
        family = url.scheme if url.scheme in ("javascript", "vbscript", "data") else "other"
        problems.append(Problem(f"URL scheme {family}",
                                f"<{url.element} {url.attribute}={url.value!r}> has URL scheme {url.scheme!r} "
                                f"(allowed: {', '.join(sorted(ALLOWED_SCHEMES))}, or a relative URL)"))
    return problems
