"""wetkit's languages: tags, catalogues, the language of a render, dates.

Catalogues are gettext files in the ``wetkit`` domain: wetkit's own in ``wetkit/locale/<lang>/LC_MESSAGES/wetkit.po``
(compiled to ``.mo`` beside it, both shipped in the wheel), and a team's in its own folders (``catalogues=``), laid
out the same way, as ``.po`` or ``.mo``. A team folder is read before wetkit's, so it can add a language or replace
any of wetkit's messages. Every catalogue is checked when it is loaded: a message whose placeholders differ from the
msgid's, or a plural form missing, raises :class:`CatalogueError` naming the file, the message and the language.

A language is given as a BCP 47 tag (``fr``, ``fr-CA``, ``en-CA``): :func:`parse_tag` checks its form, and the
catalogue used is the most specific one found (``fr_CA``, then ``fr``). A well-formed tag with no catalogue is an
error naming the languages that have one.

Which language a render uses, first that applies:
1. a ``{% call wet_language("fr") %}`` block, or a page extending ``wetkit/page.html`` with ``lang`` set (the page
   wraps its whole body in that block), or :func:`language` around Python code;
2. the environment's ``selector`` (``wetkit.flask`` sets one: the request's language);
3. the environment's default, ``wetkit.environment(lang="fr")``.

Maintainer commands (docs/contributing.md): ``python -m wetkit.i18n extract|update|compile|check|merge``.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as _dt
import gettext as _gettext
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from markupsafe import Markup

from wetkit import paths
from wetkit.errors import ParameterError, WetkitError
from wetkit.params import describe

DOMAIN = "wetkit"

# RFC 5646 "langtag", case-insensitive. The primary language subtag is limited to 2-3 letters (ISO 639): RFC 5646
# reserves 4 letters and allows 5-8 for registration, but the IANA registry holds none, so "francais" is a typo,
# not a language. Grandfathered tags and bare private-use tags ("x-...") are refused too.
_TAG = re.compile(
    r"""^(?P<language>[a-z]{2,3})(?:-[a-z]{3}){0,3}
        (?:-(?P<script>[a-z]{4}))?
        (?:-(?P<region>[a-z]{2}|[0-9]{3}))?
        (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*
        (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*
        (?:-x(?:-[a-z0-9]{1,8})+)?$""",
    re.IGNORECASE | re.VERBOSE,
)

# printf-style placeholders of a message: "%(num)s", "%s", "%d"... ("%%" is a literal percent sign).
_PLACEHOLDER = re.compile(r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*\d*(?:\.\d+)?(?P<kind>[diouxXeEfFgGcrsa%])")


class LanguageError(ParameterError, ValueError):
    """A language tag that is malformed, or names a language without a catalogue."""


class CatalogueError(WetkitError, ValueError):
    """A catalogue that cannot be used: the message names the file, the message and the language."""


def parse_tag(tag: Any, where: str = "wetkit.environment", param: str = "lang") -> tuple[str, ...]:
    """The catalogue names to try for a BCP 47 ``tag``, most specific first: ``"fr-CA"`` → ``("fr_CA", "fr")``.

    Raises LanguageError (naming ``where`` and ``param``) when ``tag`` is not a well-formed tag."""
    match = _TAG.match(tag) if isinstance(tag, str) else None
    if match is None:
        hint = ""
        if isinstance(tag, str) and "_" in tag and _TAG.match(tag.replace("_", "-")):
            hint = f" (write {tag.replace('_', '-')!r}: BCP 47 separates subtags with '-')"
        raise LanguageError(
            f"{where}: parameter {param!r} got {describe(tag)}; allowed: a BCP 47 language tag such as 'en', 'fr' or "
            f"'fr-CA'{hint}",
            where.removeprefix("wet."),
        )
    language = match.group("language").lower()
    names = [language]
    if match.group("script"):
        names.insert(0, f"{language}_{match.group('script').title()}")
    if match.group("region"):
        names.insert(0, f"{language}_{match.group('region').upper()}")
    return tuple(names)


def is_tag(tag: Any) -> bool:
    """True when ``tag`` is a well-formed language tag (see :func:`parse_tag`)."""
    return isinstance(tag, str) and _TAG.match(tag) is not None


# ---- reading and checking catalogues ---------------------------------------------------------------------------


def placeholders(text: str) -> list[str]:
    """The placeholders of a message, sorted: ``"%(num)s left"`` → ``["%(num)s"]`` (``%%`` is not one)."""
    return sorted(m.group(0) for m in _PLACEHOLDER.finditer(text) if m.group("kind") != "%")


def message_problems(msgid: str | tuple[str, ...], string: str | tuple[str, ...], num_plurals: int) -> list[str]:
    """What is wrong with one translation: an empty string or plural form, a plural form missing or extra, a
    placeholder missing or extra (each plural form is compared with the msgid's plural, its first with the singular
    too when the language has one form per number). Empty list when it is usable."""
    if isinstance(msgid, str):
        if not string:
            return ["empty translation"]
        if not isinstance(string, str):
            return [f"a plural translation ({len(string)} forms) for a message without a plural"]
        expected, got = placeholders(msgid), placeholders(string)
        return [] if expected == got else [_placeholder_problem(expected, got, "")]
    strings = (string,) if isinstance(string, str) else tuple(string)
    problems = []
    if len(strings) < num_plurals or any(not s for s in strings[:num_plurals]):
        filled = sum(1 for s in strings[:num_plurals] if s)
        problems.append(f"plural form missing: {filled} of {num_plurals} filled in")
    if len(strings) > num_plurals:
        problems.append(f"{len(strings)} plural forms where the catalogue's Plural-Forms says {num_plurals}")
    # A plural form may drop the number ("one file" for n=1), so compare named placeholders with the plural msgid.
    expected = placeholders(msgid[1])
    for index, form in enumerate(strings):
        if not form:
            continue
        got = placeholders(form)
        if got != expected and not (index == 0 and set(got) < set(expected) and len(strings) > 1):
            problems.append(_placeholder_problem(expected, got, f" in plural form {index}"))
    return problems


def _placeholder_problem(expected: list[str], got: list[str], where: str) -> str:
    missing = sorted(set(expected) - set(got)) or [p for p in expected if expected.count(p) > got.count(p)]
    extra = sorted(set(got) - set(expected)) or [p for p in got if got.count(p) > expected.count(p)]
    parts = []
    if missing:
        parts.append("missing " + ", ".join(sorted(set(missing))))
    if extra:
        parts.append("extra " + ", ".join(sorted(set(extra))))
    return f"placeholder mismatch{where}: {'; '.join(parts) or 'different placeholders'}"


def read_catalogue(path: Path, locale: str | None = None):
    """A ``babel.messages.Catalog`` from a ``.po`` or ``.mo`` file; CatalogueError when it cannot be read."""
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    try:
        with open(path, "rb") as handle:
            if path.suffix == ".mo":
                return read_mo(handle)
            return read_po(handle, locale=locale, domain=DOMAIN, abort_invalid=True)
    except (OSError, ValueError, SyntaxError, UnicodeDecodeError, Exception) as err:  # babel raises plain errors
        raise CatalogueError(f"{path}: cannot read this catalogue: {err}") from None


class Messages:
    """One language's translated messages, merged from every catalogue that has them (earlier ones win).

    ``gettext``/``ngettext`` return None for a message no catalogue translates, so the caller can fall back."""

    __slots__ = ("lang", "singular", "plurals", "plural", "files")

    def __init__(self, lang: str):
        self.lang = lang
        self.singular: dict[str, str] = {}
        self.plurals: dict[str, tuple[str, ...]] = {}
        self.plural: Callable[[int], int] = lambda n: int(n != 1)
        self.files: list[Path] = []

    def add(self, path: Path, *, override: bool) -> None:
        """Read one catalogue file into these messages; ``override``: its entries replace those already here.
        Raises CatalogueError on a fuzzy-free entry with a broken placeholder or a missing plural form."""
        catalogue = read_catalogue(path, self.lang)
        lang = str(catalogue.locale or self.lang)
        num_plurals = catalogue.num_plurals
        for message in catalogue:
            if not message.id or message.fuzzy or not message.string or not any(_strings(message.string)):
                continue  # untranslated or fuzzy: gettext falls back, as GNU gettext does
            problems = message_problems(message.id, message.string, num_plurals)
            if problems:
                raise CatalogueError(f"{path}: [{lang}] {_show(message.id)}: {'; '.join(problems)}")
            if isinstance(message.id, str):
                if override or message.id not in self.singular:
                    self.singular[message.id] = message.string
            elif override or message.id[0] not in self.plurals:
                self.plurals[message.id[0]] = tuple(message.string)
        if override or not self.files:
            self.plural = _gettext.c2py(catalogue.plural_expr)
        self.files.append(path)

    def gettext(self, message: str) -> str | None:
        return self.singular.get(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str | None:
        forms = self.plurals.get(singular)
        if forms is None:
            return None
        index = self.plural(n)
        return forms[index] if index < len(forms) else forms[-1]


def _strings(string: str | tuple[str, ...]) -> tuple[str, ...]:
    return (string,) if isinstance(string, str) else tuple(string)


def _show(msgid: str | tuple[str, ...]) -> str:
    return repr(msgid if isinstance(msgid, str) else msgid[0])


def _catalogue_files(folder: Path, name: str) -> list[Path]:
    """The catalogue of ``name`` (``fr``, ``fr_CA``) in ``folder``: the .po when there is one, else the .mo."""
    base = folder / name / "LC_MESSAGES"
    for suffix in (".po", ".mo") if folder != paths.LOCALE_DIR else (".mo",):
        candidate = base / (DOMAIN + suffix)
        if candidate.is_file():
            return [candidate]
    return []


def builtin_languages() -> tuple[str, ...]:
    """The languages wetkit ships a compiled catalogue for (``en``, ``fr``)."""
    return _languages_in(paths.LOCALE_DIR, (".mo",))


def _languages_in(folder: Path, suffixes: Iterable[str]) -> tuple[str, ...]:
    if not folder.is_dir():
        return ()
    found = {
        child.name for child in folder.iterdir()
        if any((child / "LC_MESSAGES" / (DOMAIN + s)).is_file() for s in suffixes)
    }
    return tuple(sorted(found))


def _folders(catalogues: Iterable[Any], where: str) -> tuple[Path, ...]:
    if isinstance(catalogues, (str, Path)):
        catalogues = [catalogues]
    folders = []
    try:
        items = list(catalogues)
    except TypeError:
        raise ParameterError(f"{where}: parameter 'catalogues' got {describe(catalogues)}; allowed: a list of "
                             f"folders holding <lang>/LC_MESSAGES/wetkit.po or .mo") from None
    for item in items:
        if not isinstance(item, (str, Path)) or not Path(item).is_dir():
            raise ParameterError(f"{where}: parameter 'catalogues' got {describe(item)} in its list; allowed: an "
                                 f"existing folder holding <lang>/LC_MESSAGES/wetkit.po or .mo")
        folders.append(Path(item))
    return tuple(folders)


# ---- the language of a render ----------------------------------------------------------------------------------

_CURRENT: contextvars.ContextVar[str | None] = contextvars.ContextVar("wetkit_language", default=None)


@contextlib.contextmanager
def language(tag: str) -> Iterator[str]:
    """Render in ``tag`` inside this block, whatever the environment's default: ``with language("fr"): ...``.

    The tag's form is checked here; whether a catalogue exists is checked by the environment that renders."""
    parse_tag(tag, "wetkit.i18n.language", "tag")
    token = _CURRENT.set(tag)
    try:
        yield tag
    finally:
        _CURRENT.reset(token)


class Localizer:
    """The languages of one environment: its default, its team folders, the optional per-request ``selector``, and
    the gettext callables wetkit's templates use (installed as ``_``/``gettext``/``ngettext``).

    wetkit's own messages come from its catalogues in the current language; any other message goes to the gettext the
    environment had before (a Flask-Babel or Django setup keeps translating the team's own strings)."""

    def __init__(self, lang: str = "en", catalogues: Iterable[Any] = (), where: str = "wetkit.environment"):
        self.folders = _folders(catalogues, where)
        self._messages: dict[str, Messages] = {}
        self.selector: Callable[[], str | None] | None = None
        self.messages(lang, where)  # checks it now: a bad default fails when the environment is made
        self.default = lang
        self.previous: tuple[Any, Any] = (None, None)

    def available(self) -> tuple[str, ...]:
        """Every language with a catalogue: wetkit's and the team folders'."""
        found = set(builtin_languages())
        for folder in self.folders:
            found.update(_languages_in(folder, (".po", ".mo")))
        return tuple(sorted(found))

    def messages(self, tag: str, where: str = "wet_language", param: str = "lang") -> Messages:
        """The merged messages for ``tag``; LanguageError when it is malformed or has no catalogue."""
        try:
            return self._messages[tag]
        except (KeyError, TypeError):
            pass
        names = parse_tag(tag, where, param)
        files: list[tuple[Path, bool]] = []
        for name in names:  # most specific first: fr_CA before fr
            for folder in self.folders:
                files += [(f, True) for f in _catalogue_files(folder, name)]
        own = [f for name in names for f in _catalogue_files(paths.LOCALE_DIR, name)]
        if not files and not own:
            raise LanguageError(
                f"{where}: parameter {param!r} got {describe(tag)}: no wetkit catalogue for {names[-1]!r}; allowed: "
                f"{', '.join(repr(x) for x in self.available())} (a team adds a language with "
                f"catalogues=[folder] holding {names[-1]}/LC_MESSAGES/wetkit.po; see docs/i18n.md)",
                where.removeprefix("wet."),
            )
        messages = Messages(names[-1])
        # wetkit's own first, most general first, then each more specific or team file replaces what it translates
        for path in reversed(own):
            messages.add(path, override=True)
        for path, _ in reversed(files):
            messages.add(path, override=True)
        self._messages[tag] = messages
        return messages

    def current(self) -> str:
        """The language tag this render uses (see the module docstring)."""
        tag = _CURRENT.get()
        if tag is None and self.selector is not None:
            tag = self.selector()
        return tag or self.default

    def within(self, tag: str, caller: Callable[[], Any] | None = None) -> Any:
        """The ``wet_language`` global: ``{% call wet_language("fr") %}...{% endcall %}`` renders its content in
        ``tag`` (checked here, catalogue included)."""
        self.messages(tag, "wet_language", "lang")
        token = _CURRENT.set(tag)
        try:
            return caller() if caller is not None else Markup("")
        finally:
            _CURRENT.reset(token)

    def page_lang(self, tag: Any = None) -> str:
        """The ``wet_page_lang`` global: the tag of a page (its ``lang``, checked; default: the current one)."""
        if tag is None or tag == "":
            return self.current()
        self.messages(tag, "wetkit/page.html", "lang")
        return tag

    def gettext_callables(self) -> tuple[Callable, Callable]:
        """Newstyle ``gettext`` and ``ngettext`` for Jinja (``%(name)s`` formatting, Markup under autoescape)."""
        from jinja2 import pass_context

        localizer = self

        @pass_context
        def gettext(__context, __string, **variables):
            found = localizer.messages(localizer.current()).gettext(__string)
            if found is None:
                previous = localizer.previous[0]
                if previous is not None:
                    return __context.call(previous, __string, **variables)
                found = __string
            if __context.eval_ctx.autoescape:
                found = Markup(found)
            return found % variables

        @pass_context
        def ngettext(__context, __singular, __plural, __num, **variables):
            variables.setdefault("num", __num)
            found = localizer.messages(localizer.current()).ngettext(__singular, __plural, __num)
            if found is None:
                previous = localizer.previous[1]
                if previous is not None:
                    return __context.call(previous, __singular, __plural, __num, **variables)
                found = __singular if __num == 1 else __plural
            if __context.eval_ctx.autoescape:
                found = Markup(found)
            return found % variables

        gettext.wetkit_localizer = localizer
        ngettext.wetkit_localizer = localizer
        return gettext, ngettext

    def install(self, env) -> None:
        """Install the gettext callables on ``env``, keeping the ones it had for messages wetkit does not know."""
        current = env.globals.get("gettext")
        if getattr(current, "wetkit_localizer", None) is self:
            return
        if getattr(current, "wetkit_localizer", None) is not None:  # another Localizer's: take its fallback
            self.previous = current.wetkit_localizer.previous
        else:
            self.previous = (env.globals.get("gettext"), env.globals.get("ngettext"))
        gettext, ngettext = self.gettext_callables()
        env.globals.update(gettext=gettext, ngettext=ngettext)  # `_` is jinja2.ext.i18n's alias of gettext
        env.globals["wet_language"] = self.within
        env.globals["wet_page_lang"] = self.page_lang
        env.globals["wet_i18n"] = self
        env.filters["wet_date"] = self.date_filter()

    def date_filter(self) -> Callable:
        """``format_date`` as a Jinja filter that is never folded into a constant when the template is compiled
        (the language is only known when it renders)."""
        from jinja2 import pass_context

        @pass_context
        def wet_date(context, value: Any, format: str = "long") -> str:
            return self.format_date(value, format)

        return wet_date

    def format_date(self, value: Any, format: str = "long") -> str:
        """The ``wet_date`` filter: a date written out in the current language with Babel (``"long"`` →
        "30 novembre 2026" / "November 30, 2026"; also ``"short"``, ``"medium"``, ``"full"`` or a CLDR pattern).
        ``value``: a ``datetime.date`` or an ISO ``YYYY-MM-DD`` string."""
        from babel.dates import format_date

        date = to_date(value, "wet_date")
        names = parse_tag(self.current(), "wet_date", "lang")
        return format_date(date, format=format, locale=names[0] if "_" in names[0] else names[-1])


def to_date(value: Any, where: str) -> _dt.date:
    """``value`` as a date (a date, a datetime's date, or an ISO ``YYYY-MM-DD`` string)."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        with contextlib.suppress(ValueError):
            return _dt.date.fromisoformat(value)
    raise ParameterError(f"{where}: got {describe(value)}; allowed: a datetime.date or an ISO 'YYYY-MM-DD' string")


class Translations(_gettext.NullTranslations):
    """wetkit's messages for one language as a standard ``gettext`` translations object (for Python code and for
    ``env.install_gettext_translations``); a message no catalogue has comes back as given."""

    def __init__(self, messages: Messages):
        super().__init__()
        self.messages = messages

    def gettext(self, message: str) -> str:
        found = self.messages.gettext(message)
        return message if found is None else found

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        found = self.messages.ngettext(msgid1, msgid2, n)
        if found is None:
            return msgid1 if n == 1 else msgid2
        return found


def translations(lang: str = "en", catalogues: Iterable[Any] = ()) -> Translations:
    """wetkit's messages for ``lang`` (a BCP 47 tag) as a ``gettext`` translations object; LanguageError when the
    tag is malformed or has no catalogue (wetkit's or in ``catalogues``)."""
    return Translations(Localizer(lang, catalogues, "wetkit.translations").messages(lang, "wetkit.translations"))
