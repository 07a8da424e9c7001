"""The one URL policy and the one attribute policy. Every URL and every attribute wetkit writes goes through here.

URL policy
    A URL is read the way browsers read it (WHATWG URL standard, "basic URL parser"): leading and trailing C0
    controls and spaces are stripped, ASCII tab, LF and CR are removed wherever they stand, and only then is the
    scheme read: an ASCII letter, then letters, digits, ``+``, ``-`` or ``.``, up to the first ``:``. Anything else
    (``/path``, ``#id``, ``?q``, ``//host/path``, ``path:with:colons/`` that does not start like a scheme) is a
    relative URL. So ``"java\\tscript:alert(1)"`` and ``"\\x01javascript:"`` are both the scheme ``javascript``, as
    Chromium sees them. Allowed: relative URLs, fragments, and the schemes ``http``, ``https``, ``mailto``, ``tel``.
    A team that needs another scheme (``sms``, ``geo``) widens the list on purpose with :func:`allow_schemes`; the
    schemes that run or embed content in the page (``javascript``, ``vbscript``, ``data``, ``blob``, ``file``) can
    never be allowed.

Attribute policy
    A name is a full match of ``[a-zA-Z_:][-a-zA-Z0-9_:.]*`` (no trailing newline, no spaces, no quotes), never
    ``style``, ``srcdoc`` or an ``on*`` event handler (pages run under ``Content-Security-Policy: default-src
    'self'``), and every attribute that holds a URL (:data:`URL_ATTRIBUTES`: ``href``, ``src``, ``action``,
    ``formaction``, ``xlink:href``, ``poster``...; each candidate of ``srcset`` and each URL of ``ping``) passes the
    URL policy, wherever its value comes from: a checked ``url`` parameter, a caller's ``attrs``, or a template
    using the public ``wet_attrs`` filter.

Both raise :class:`PolicyViolation` with a sentence saying what is allowed; the caller adds who passed what.
"""

from __future__ import annotations

import re

#: Schemes allowed by default.
DEFAULT_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: Schemes that run script or load content into the page; :func:`allow_schemes` refuses them.
NEVER_SCHEMES = frozenset({"javascript", "vbscript", "data", "blob", "file", "filesystem"})

#: Attributes whose value is one URL.
URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data", "codebase",
    "longdesc", "manifest", "profile", "usemap", "dynsrc", "lowsrc", "icon", "classid", "itemid", "xml:base",
})
#: Attributes whose value is a list of URLs separated by white space.
URL_LIST_ATTRIBUTES = frozenset({"ping", "archive", "itemtype"})
#: Attributes whose value is a comma-separated list of "URL descriptor" candidates.
SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})
#: Attributes never written: inline style and event handlers break the CSP; srcdoc is a whole HTML document.
_FORBIDDEN_NAMES = frozenset({"style", "srcdoc"})

_NAME = re.compile(r"[a-zA-Z_:][-a-zA-Z0-9_:.]*")
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+\-.]*:")
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))
_TAB_NEWLINE = str.maketrans("", "", "\t\n\r")
_allowed = set(DEFAULT_SCHEMES)


class PolicyViolation(ValueError):
    """A URL or attribute that the policy refuses; ``allowed`` says in words what would pass."""

    def __init__(self, allowed: str):
        super().__init__(allowed)
        self.allowed = allowed


def url_scheme(url: str) -> str | None:
    """The scheme a browser reads from ``url``, lowercased; None for a relative URL."""
    cleaned = url.strip(_C0_AND_SPACE).translate(_TAB_NEWLINE)
    match = _SCHEME.match(cleaned)
    return match.group()[:-1].lower() if match else None


def allowed_schemes() -> frozenset[str]:
    """The schemes the URL policy allows now."""
    return frozenset(_allowed)


def allow_schemes(*schemes: str) -> None:
    """Widen the URL policy for this process, on purpose: ``wetkit.policy.allow_schemes("sms", "geo")``.

    Call it once at start-up. Schemes that run script or embed content (:data:`NEVER_SCHEMES`) are refused with a
    ValueError, and so is anything that is not a scheme name.
    """
    for scheme in schemes:
        if not isinstance(scheme, str) or not _SCHEME.fullmatch(scheme + ":"):
            raise ValueError(f"allow_schemes: {scheme!r} is not a URL scheme name (letters, digits, '+', '-', '.')")
        if scheme.lower() in NEVER_SCHEMES:
            raise ValueError(
                f"allow_schemes: {scheme!r} runs script or embeds content in the page; it is never allowed"
            )
    _allowed.update(scheme.lower() for scheme in schemes)


def reset_schemes() -> None:
    """Back to :data:`DEFAULT_SCHEMES` (for tests)."""
    _allowed.clear()
    _allowed.update(DEFAULT_SCHEMES)


def _words() -> str:
    return "a relative URL, a #fragment, or a URL with the scheme " + ", ".join(sorted(_allowed))


def url_rule() -> str:
    """The URL policy in words, for errors and the docs' parameter tables."""
    return _words() + " (read as browsers do: tabs and newlines removed)"


def check_url(url: str) -> str:
    """Return ``url`` unchanged if the policy allows it; raise PolicyViolation naming the scheme browsers see."""
    scheme = url_scheme(url)
    if scheme is None or scheme in _allowed:
        return url
    raise PolicyViolation(f"{url_rule()}; browsers read the scheme {scheme!r} here")


def check_attribute(name: str, value: object) -> None:
    """Check one attribute a page would get (``value`` None/False means left out); raise PolicyViolation."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise PolicyViolation("attribute names made of ASCII letters, digits, '-', '_', ':' and '.'")
    lowered = name.lower()
    if lowered in _FORBIDDEN_NAMES or lowered.startswith("on"):
        raise PolicyViolation(
            "no 'style', 'srcdoc' or 'on*' attributes: pages run under Content-Security-Policy default-src 'self'; "
            "use classes= and a script file"
        )
    if value is None or value is False or value is True or not holds_url(lowered):
        return
    text = str(value)
    if lowered in URL_ATTRIBUTES:
        check_url(text)
    elif lowered in URL_LIST_ATTRIBUTES:
        for url in text.split():
            check_url(url)
    else:  # srcset: every token, split at commas and spaces, is read as a URL (descriptors like "2x" are relative)
        for token in re.split(r"[\s,]+", text):
            check_url(token)


def holds_url(lowered: str) -> bool:
    """Whether the attribute (name lowercased) holds one or more URLs."""
    return lowered in URL_ATTRIBUTES or lowered in URL_LIST_ATTRIBUTES or lowered in SRCSET_ATTRIBUTES
