"""Maintainer commands for wetkit's catalogues (run from a source checkout; docs/contributing.md#translations).

    python -m wetkit.i18n extract            messages of babel.cfg's files → wetkit/locale/wetkit.pot
    python -m wetkit.i18n update             .pot → each <lang>/LC_MESSAGES/wetkit.po: new messages added (English
                                             filled in from the msgid, others left empty), translations kept,
                                             obsolete ones dropped and listed
    python -m wetkit.i18n merge fr FILE.po   take the translations from another .po (a contributor's) for messages
                                             the catalogue has; a differing existing translation is kept and
                                             reported unless --replace
    python -m wetkit.i18n compile            each .po → its .mo
    python -m wetkit.i18n check              everything `nox -s i18n` fails on (see :func:`check`)

Each problem :func:`check` reports names the file, the language and the message.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from wetkit import __version__, paths
from wetkit.i18n import DOMAIN, message_problems, placeholders, read_catalogue
from wetkit.i18n.literals import script_literals, template_literals

ROOT = paths.PACKAGE_DIR.parent
LOCALE = paths.LOCALE_DIR
POT = LOCALE / f"{DOMAIN}.pot"
LANGUAGES = ("en", "fr")  # wetkit's own catalogues; "en" is filled in from the msgids
# Plural rules as gettext users know them (CLDR 42+ gives French a third form for "1 000 000 de ...": not needed for
# the counts wetkit shows, and a third form would make every team's French catalogue incomplete).
PLURAL_FORMS = {"en": "nplurals=2; plural=(n != 1);", "fr": "nplurals=2; plural=(n > 1);"}
HEADERS = {"Last-Translator": "wetkit contributors", "Language-Team": "wetkit contributors",
           "Report-Msgid-Bugs-To": "https://github.com/wetkit/wetkit/issues"}
_SKIP_DIRS = {".git", ".nox", ".venv", "node_modules", "_site", "reports", "__pycache__", "build", "dist", "tests"}


def _po(lang: str, locale_dir: Path = LOCALE) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def template_files(root: Path = ROOT) -> list[Path]:
    """The templates whose words must go through gettext."""
    return sorted([*root.glob("components/*/*.html"), *(root / "wetkit" / "templates").rglob("*.html"),
                   *(root / "wetkit" / "site_templates").rglob("*.html")])


def script_files(root: Path = ROOT) -> list[Path]:
    """The scripts that may hold no words of their own."""
    return sorted([*root.glob("components/*/*.js"), *(root / "wetkit" / "js").rglob("*.js")])


def extract(root: Path = ROOT, mapping: Path | None = None):
    """A Catalog of every message in babel.cfg's files (the .pot's content), locations without line numbers."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with open(mapping or root / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    catalog = Catalog(domain=DOMAIN, project="wetkit", version=__version__, charset="utf-8", fuzzy=False,
                      copyright_holder="wetkit contributors")

    def keep(dirpath: str) -> bool:
        return Path(dirpath).name not in _SKIP_DIRS

    for filename, _lineno, message, comments, _context in extract_from_dir(
            str(root), method_map, options_map, directory_filter=keep, strip_comment_tags=True):
        flags = set()
        texts = (message,) if isinstance(message, str) else message
        if any(placeholders(t) for t in texts):
            flags.add("python-format")
        catalog.add(message, None, [(filename, None)], auto_comments=comments, flags=flags)
    return catalog


def _write_po(path: Path, catalog, template: bool = False) -> None:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=False, sort_output=True, include_lineno=False,
             ignore_obsolete=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = buffer.getvalue()
    if not path.is_file() or _without_dates(path.read_bytes()) != _without_dates(data):
        path.write_bytes(data)  # dates alone changing is no change: keeps `extract` and `update` idempotent


def _without_dates(data: bytes) -> bytes:
    return b"\n".join(line for line in data.split(b"\n")
                      if not line.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date')))


def write_template(catalog=None) -> Path:
    """Extract and write wetkit/locale/wetkit.pot."""
    _write_po(POT, catalog if catalog is not None else extract(), template=True)
    return POT


def update(langs=LANGUAGES, template=None, locale_dir: Path = LOCALE) -> dict[str, list[str]]:
    """Bring each language's .po in line with the template; returns the obsolete msgids dropped per language."""
    import copy

    from babel.messages.catalog import Catalog

    template = template if template is not None else read_catalogue(POT)
    dropped = {}
    for lang in langs:
        fresh = copy.deepcopy(template)  # Catalog.update shares the template's Message objects: one copy per language
        path = _po(lang, locale_dir)
        if path.is_file():
            catalog = read_catalogue(path, lang)
        else:
            catalog = Catalog(locale=lang, domain=DOMAIN, project="wetkit", version=__version__, fuzzy=False)
        catalog.update(fresh, no_fuzzy_matching=True, update_header_comment=False)
        headers = dict(HEADERS)
        if lang in PLURAL_FORMS:
            headers["Plural-Forms"] = PLURAL_FORMS[lang]
        catalog.mime_headers = list(headers.items())
        catalog.header_comment = (f"# {lang} messages of wetkit (python -m wetkit.i18n update; docs/contributing.md).\n"
                                  "# This file is distributed under the same license as wetkit (MIT).")
        for message in catalog:
            if isinstance(message.id, tuple) and not isinstance(message.string, str):
                forms = list(message.string)[:catalog.num_plurals]
                message.string = tuple(forms + [""] * (catalog.num_plurals - len(forms)))
        dropped[lang] = sorted(str(m if isinstance(m, str) else m[0]) for m in catalog.obsolete)
        catalog.obsolete.clear()
        catalog.fuzzy = False
        if lang == "en":  # the msgids are English: an English entry says the same
            for message in catalog:
                if message.id and not _filled(message.string):
                    message.string = message.id if isinstance(message.id, str) else tuple(message.id)
        _write_po(path, catalog)
    return dropped


def _filled(string) -> bool:
    return bool(string) and all(string) if not isinstance(string, str) else bool(string)


def merge(lang: str, source: Path, replace: bool = False, locale_dir: Path = LOCALE) -> list[str]:
    """Take ``source``'s translations into ``lang``'s .po for the messages it has; returns what was not taken
    (unknown msgids, and differing translations unless ``replace``)."""
    path = _po(lang, locale_dir)
    catalog = read_catalogue(path, lang)
    incoming = read_catalogue(source, lang)
    notes = []
    for message in incoming:
        if not message.id or not _filled(message.string) or message.fuzzy:
            continue
        ours = catalog.get(message.id)
        shown = message.id if isinstance(message.id, str) else message.id[0]
        if ours is None:
            notes.append(f"{source}: [{lang}] {shown!r}: not a wetkit message (run extract and update first)")
        elif _filled(ours.string) and ours.string != message.string and not replace:
            notes.append(f"{source}: [{lang}] {shown!r}: kept {ours.string!r}, not {message.string!r} (--replace)")
        else:
            ours.string = message.string
            ours.flags.discard("fuzzy")
    _write_po(path, catalog)
    return notes


def compile_all(langs=LANGUAGES, locale_dir: Path = LOCALE) -> list[Path]:
    """Write each language's .mo from its .po."""
    from babel.messages.mofile import write_mo

    written = []
    for lang in langs:
        catalog = read_catalogue(_po(lang, locale_dir), lang)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        mo = _po(lang, locale_dir).with_suffix(".mo")
        if not mo.is_file() or mo.read_bytes() != buffer.getvalue():
            mo.write_bytes(buffer.getvalue())
        written.append(mo)
    return written


_NBSP, _NNBSP = "\u00a0", "\u202f"


def french_typography(text: str) -> list[str]:
    """What breaks French typography in ``text``: ``:`` not preceded by a no-break space (U+00A0 or U+202F),
    ``;`` ``?`` ``!`` not preceded by one, « » without one inside. Placeholders (``%(name)s``) are not text."""
    problems = []
    plain = re.sub(r"%\([^)]*\)[a-z]|%[a-z%]|https?://\S+", "x", text)
    for index, char in enumerate(plain):
        before = plain[index - 1] if index else ""
        if char in ":;?!" and before not in (_NBSP, _NNBSP):
            kind = "a space" if before == " " else "no space"
            problems.append(f"{kind} before {char!r} where French wants a no-break space (U+00A0 or U+202F)")
        elif char == "«" and plain[index + 1:index + 2] not in (_NBSP, _NNBSP):
            problems.append("no no-break space after «")
        elif char == "»" and before not in (_NBSP, _NNBSP):
            problems.append("no no-break space before »")
        elif char == '"':
            problems.append('straight quotes: French uses « guillemets »')
    return problems


@dataclass(frozen=True)
class Problem:
    """One thing `check` fails on."""

    file: str
    lang: str
    message: str
    problem: str

    def __str__(self) -> str:
        lang = f"[{self.lang}] " if self.lang else ""
        return f"{self.file}: {lang}{self.message}: {self.problem}"


def check_catalogue(path: Path, lang: str, template) -> list[Problem]:
    """A .po against the template: missing, obsolete, fuzzy, empty, placeholders, plural forms, and its .mo."""
    where = _rel(path)
    catalog = read_catalogue(path, lang)
    problems = []
    known = {_key(m.id) for m in template if m.id}
    for message in template:
        if message.id and catalog.get(message.id) is None:
            problems.append(Problem(where, lang, _show(message.id), "missing from the catalogue (run update)"))
    for message in catalog:
        if not message.id:
            continue
        shown = _show(message.id)
        if _key(message.id) not in known:
            problems.append(Problem(where, lang, shown, "obsolete: no template or code uses it any more (run update)"))
            continue
        if message.fuzzy:
            problems.append(Problem(where, lang, shown, "fuzzy translation: review it and remove the fuzzy flag"))
        if isinstance(message.id, tuple) != isinstance(template.get(message.id).id, tuple):
            problems.append(Problem(where, lang, shown, "singular/plural differs from the template (run update)"))
            continue
        for problem in message_problems(message.id, message.string, catalog.num_plurals):
            problems.append(Problem(where, lang, shown, problem))
        if lang.split("_")[0] == "fr":
            for form in (message.string,) if isinstance(message.string, str) else message.string:
                problems += [Problem(where, lang, shown, p) for p in french_typography(form or "")]
    for message in catalog.obsolete.values():
        problems.append(Problem(where, lang, _show(message.id), "obsolete entry (#~) left in the file (run update)"))
    mo = path.with_suffix(".mo")
    if not mo.is_file():
        problems.append(Problem(_rel(mo), lang, "(all)", "no compiled .mo (run compile)"))
    else:
        compiled = read_catalogue(mo, lang)
        want = {_key(m.id): m.string for m in catalog if m.id and not m.fuzzy and _filled(m.string)}
        have = {_key(m.id): m.string for m in compiled if m.id}
        stale = sorted(k for k in set(want) | set(have) if _norm(want.get(k)) != _norm(have.get(k)))
        if stale:
            problems.append(Problem(_rel(mo), lang, repr(stale[0]),
                                    f"out of date with {path.name} ({len(stale)} message(s) differ; run compile)"))
    return problems


def _norm(string):
    return tuple(string) if isinstance(string, (list, tuple)) else string


def check(root: Path = ROOT, langs=LANGUAGES, locale_dir: Path | None = None) -> list[Problem]:
    """Everything the i18n session fails on: each catalogue against freshly extracted messages (not the .pot on disk,
    which may be stale; a stale .pot is reported too), words outside gettext in templates, words in scripts."""
    locale_dir = locale_dir or root / "wetkit" / "locale"
    template = extract(root)
    problems = []
    pot = locale_dir / f"{DOMAIN}.pot"
    if not pot.is_file():
        problems.append(Problem(_rel(pot), "", "(all)", "no template (run extract)"))
    else:
        on_disk = {_key(m.id) for m in read_catalogue(pot) if m.id}
        fresh = {_key(m.id) for m in template if m.id}
        if on_disk != fresh:
            changed = sorted(on_disk ^ fresh)
            problems.append(Problem(_rel(pot), "", repr(changed[0]),
                                    f"out of date with the templates ({len(changed)} message(s); run extract)"))
    for lang in langs:
        path = locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not path.is_file():
            problems.append(Problem(_rel(path), lang, "(all)", "no catalogue (run update)"))
            continue
        problems += check_catalogue(path, lang, template)
    for path in template_files(root):
        for line, text in template_literals(path):
            problems.append(Problem(f"{_rel(path)}:{line}", "", repr(text),
                                    "words outside gettext: wrap them in _() or ngettext()"))
    for path in script_files(root):
        for line, text in script_literals(path):
            problems.append(Problem(f"{_rel(path)}:{line}", "", repr(text),
                                    "words in a script: pass them from the macro in a data attribute"))
    return problems


def _key(msgid) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _show(msgid) -> str:
    return repr(_key(msgid))


def _rel(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wetkit.i18n", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract", help="write wetkit/locale/wetkit.pot")
    sub.add_parser("update", help="merge the .pot into each .po")
    sub.add_parser("compile", help="write each .mo")
    sub.add_parser("check", help="fail on anything incomplete or inconsistent")
    merging = sub.add_parser("merge", help="take a contributor's translations")
    merging.add_argument("lang")
    merging.add_argument("source", type=Path)
    merging.add_argument("--replace", action="store_true", help="replace differing existing translations")
    args = parser.parse_args(argv)
    if args.command == "extract":
        catalog = extract()
        write_template(catalog)
        print(f"{_rel(POT)}: {sum(1 for m in catalog if m.id)} messages")
    elif args.command == "update":
        for lang, gone in update().items():
            print(f"{_rel(_po(lang))}: updated" + (f"; dropped obsolete: {gone}" if gone else ""))
    elif args.command == "compile":
        for mo in compile_all():
            print(f"{_rel(mo)}: compiled")
    elif args.command == "merge":
        for note in merge(args.lang, args.source, args.replace):
            print(note)
    else:
        problems = check()
        for problem in problems:
            print(problem)
        if problems:
            print(f"i18n check: {len(problems)} problem(s)", file=sys.stderr)
            return 1
        print("i18n check: catalogues complete, compiled and in line with the templates; no words outside gettext")
    return 0
