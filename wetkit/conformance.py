"""Conformance tables: for each component, each relevant WCAG 2.2 A/AA success criterion and how it is covered.

Generated from facts, not typed:

- which criteria are **relevant** comes from what the component's examples render (every component: structure,
  contrast, resize, reflow, spacing; anything focusable: keyboard, focus order and visibility, target size, name/role/
  value; links; form controls; error messages; headings and labels; images; live regions), plus the criteria its
  spec's manual rows name;
- **automated** coverage comes from the axe-core rules the suite runs (``wetkit.audit.axe.TAGS``), mapped to success
  criteria through their own ``wcagNNN`` tags, read from the pinned axe-core's rule metadata (``axe_rules.json``,
  refreshed with ``python -m wetkit.conformance axe node_modules/axe-core/axe.js``), and from wetkit's own checks
  (reflow 1.4.10, text spacing 1.4.12, visible keyboard focus 2.4.7);
- **manual** coverage comes from the spec's ``a11y.manual`` rows (``{sc, check, when}``);
- a relevant criterion with neither is **not yet tested**.

The suite's pass/fail is not recorded in the build, so an automated row says it is checked on every build by its
checks; a failing check fails the build.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from wetkit import paths

AXE_RULES_FILE = paths.PACKAGE_DIR / "axe_rules.json"

#: WCAG 2.2 level A and AA success criteria (4.1.1 Parsing is obsolete in 2.2): number -> (level, English, French).
#: French names from the W3C authorized French translation.
CRITERIA: dict[str, tuple[str, str, str]] = {
    "1.1.1": ("A", "Non-text Content", "Contenu non textuel"),
    "1.2.1": ("A", "Audio-only and Video-only (Prerecorded)", "Contenu seulement audio ou vidéo (pré-enregistré)"),
    "1.2.2": ("A", "Captions (Prerecorded)", "Sous-titres (pré-enregistrés)"),
    "1.2.3": ("A", "Audio Description or Media Alternative (Prerecorded)",
              "Audiodescription ou version de remplacement pour un média temporel (pré-enregistré)"),
    "1.2.4": ("AA", "Captions (Live)", "Sous-titres (en direct)"),
    "1.2.5": ("AA", "Audio Description (Prerecorded)", "Audiodescription (pré-enregistrée)"),
    "1.3.1": ("A", "Info and Relationships", "Information et relations"),
    "1.3.2": ("A", "Meaningful Sequence", "Ordre séquentiel logique"),
    "1.3.3": ("A", "Sensory Characteristics", "Caractéristiques sensorielles"),
    "1.3.4": ("AA", "Orientation", "Orientation"),
    "1.3.5": ("AA", "Identify Input Purpose", "Identifier la finalité des champs de formulaire"),
    "1.4.1": ("A", "Use of Color", "Utilisation de la couleur"),
    "1.4.2": ("A", "Audio Control", "Contrôle du son"),
    "1.4.3": ("AA", "Contrast (Minimum)", "Contraste (minimum)"),
    "1.4.4": ("AA", "Resize Text", "Redimensionnement du texte"),
    "1.4.5": ("AA", "Images of Text", "Texte sous forme d'image"),
    "1.4.10": ("AA", "Reflow", "Redistribution"),
    "1.4.11": ("AA", "Non-text Contrast", "Contraste du contenu non textuel"),
    "1.4.12": ("AA", "Text Spacing", "Espacement du texte"),
    "1.4.13": ("AA", "Content on Hover or Focus", "Contenu au survol ou au focus"),
    "2.1.1": ("A", "Keyboard", "Clavier"),
    "2.1.2": ("A", "No Keyboard Trap", "Pas de piège au clavier"),
    "2.1.4": ("A", "Character Key Shortcuts", "Raccourcis clavier utilisant des caractères"),
    "2.2.1": ("A", "Timing Adjustable", "Réglage du délai"),
    "2.2.2": ("A", "Pause, Stop, Hide", "Mettre en pause, arrêter, masquer"),
    "2.3.1": ("A", "Three Flashes or Below Threshold", "Pas plus de trois flashs ou sous le seuil critique"),
    "2.4.1": ("A", "Bypass Blocks", "Contourner des blocs"),
    "2.4.2": ("A", "Page Titled", "Titre de page"),
    "2.4.3": ("A", "Focus Order", "Parcours du focus"),
    "2.4.4": ("A", "Link Purpose (In Context)", "Fonction du lien (selon le contexte)"),
    "2.4.5": ("AA", "Multiple Ways", "Accès multiples"),
    "2.4.6": ("AA", "Headings and Labels", "En-têtes et étiquettes"),
    "2.4.7": ("AA", "Focus Visible", "Visibilité du focus"),
    "2.4.11": ("AA", "Focus Not Obscured (Minimum)", "Focus non masqué (minimum)"),
    "2.5.1": ("A", "Pointer Gestures", "Gestes de pointage"),
    "2.5.2": ("A", "Pointer Cancellation", "Annulation du pointage"),
    "2.5.3": ("A", "Label in Name", "Étiquette dans le nom"),
    "2.5.4": ("A", "Motion Actuation", "Activation par le mouvement"),
    "2.5.7": ("AA", "Dragging Movements", "Mouvements de glissement"),
    "2.5.8": ("AA", "Target Size (Minimum)", "Taille de la cible (minimum)"),
    "3.1.1": ("A", "Language of Page", "Langue de la page"),
    "3.1.2": ("AA", "Language of Parts", "Langue d'un passage"),
    "3.2.1": ("A", "On Focus", "Au focus"),
    "3.2.2": ("A", "On Input", "À la saisie"),
    "3.2.3": ("AA", "Consistent Navigation", "Navigation cohérente"),
    "3.2.4": ("AA", "Consistent Identification", "Identification cohérente"),
    "3.2.6": ("A", "Consistent Help", "Aide cohérente"),
    "3.3.1": ("A", "Error Identification", "Identification des erreurs"),
    "3.3.2": ("A", "Labels or Instructions", "Étiquettes ou instructions"),
    "3.3.3": ("AA", "Error Suggestion", "Suggestion après une erreur"),
    "3.3.4": ("AA", "Error Prevention (Legal, Financial, Data)",
              "Prévention des erreurs (juridiques, financières, de données)"),
    "3.3.7": ("A", "Redundant Entry", "Saisie redondante"),
    "3.3.8": ("AA", "Accessible Authentication (Minimum)", "Authentification accessible (minimum)"),
    "4.1.2": ("A", "Name, Role, Value", "Nom, rôle et valeur"),
    "4.1.3": ("AA", "Status Messages", "Messages d'état"),
}

#: When a manual check is done (spec ``a11y.manual[].when``).
MANUAL_WHEN = ("release", "change")

#: wetkit's own browser checks beyond axe, by the criterion each proves (see docs/accessibility-testing.md).
WETKIT_CHECKS: dict[str, tuple[str, ...]] = {
    "1.4.10": ("reflow",),
    "1.4.12": ("text-spacing",),
    "2.4.7": ("focus",),
}

#: What in an example's HTML makes a criterion relevant, besides ALWAYS. Patterns are read on rendered HTML.
_FOCUSABLE = r"<(?:a\s[^>]*href|button|input|select|textarea|summary)\b|\stabindex=\"0\""
RELEVANT_WHEN: tuple[tuple[str, tuple[str, ...]], ...] = (
    (_FOCUSABLE, ("1.4.11", "2.1.1", "2.1.2", "2.4.3", "2.4.7", "2.4.11", "2.5.8", "4.1.2")),
    (r"<a\s[^>]*href", ("2.4.4", "2.5.3")),
    (r"<(?:input|select|textarea)\b", ("1.3.5", "2.5.3", "3.2.2", "3.3.2")),
    (r"wet-error-message|aria-invalid=\"true\"", ("3.3.1", "3.3.3")),
    (r"<h[1-6]\b|<label\b|<legend\b", ("2.4.6",)),
    (r"<(?:img|svg)\b", ("1.1.1",)),
    (r"\srole=\"(?:status|alert)\"|\saria-live=", ("4.1.3",)),
    (r"data-wetkit-module=", ("2.1.1", "3.2.1")),
    (r"\slang=\"", ("3.1.2",)),
)
ALWAYS = ("1.3.1", "1.4.3", "1.4.4", "1.4.10", "1.4.12")


def _sc_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


@dataclass(frozen=True)
class AxeRule:
    """One axe-core rule from the pinned metadata: its id, the criteria its tags name, and its English help."""

    id: str
    criteria: tuple[str, ...]
    help: str


@dataclass
class Row:
    """One success criterion of a component's conformance table."""

    sc: str
    axe_rules: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    manual: list[dict] = field(default_factory=list)

    @property
    def level(self) -> str:
        return CRITERIA[self.sc][0]

    def name(self, lang: str) -> str:
        return CRITERIA[self.sc][2 if lang == "fr" else 1]

    @property
    def automated(self) -> bool:
        return bool(self.axe_rules or self.checks)

    @property
    def status(self) -> str:
        """``automated``, ``manual``, ``both`` or ``untested``."""
        if self.automated and self.manual:
            return "both"
        if self.automated:
            return "automated"
        return "manual" if self.manual else "untested"


def read_axe_js(source: str) -> dict:
    """The rule metadata wetkit needs from axe-core's ``axe.js``: its version and, per rule, the success criteria its
    tags name, whether it is in the suite's tags, and its help text. Raises ValueError naming what is missing."""
    version = re.search(r"axe\.version\s*=\s*'([0-9.]+)'", source) or re.search(r"version:\s*'([0-9.]+)'", source)
    start = source.find("rules: [ {")
    if not version or start < 0:
        raise ValueError("axe.js: no version or no rules array found (is this axe-core's axe.js?)")
    helps = dict(re.findall(r"'?([a-z0-9-]+)'?: \{\s*description: '(?:[^'\\]|\\.)*',\s*help: '((?:[^'\\]|\\.)*)'",
                            source))
    rules = {}
    for match in re.finditer(r"\{\s*id: '([a-z0-9-]+)',(?:(?!\bid: ')[\s\S])*?tags: \[([^\]]*)\]", source[start:]):
        rule_id, tags = match.group(1), re.findall(r"'([^']+)'", match.group(2))
        criteria = sorted({".".join(re.match(r"wcag(\d)(\d)(\d+)$", t).groups()) for t in tags
                           if re.match(r"wcag\d\d\d+$", t)}, key=_sc_key)
        rules[rule_id] = {"tags": tags, "criteria": criteria,
                          "help": helps.get(rule_id, "").replace("\\'", "'")}
    if not rules:
        raise ValueError("axe.js: the rules array holds no rule with tags")
    return {"axe_version": version.group(1), "rules": dict(sorted(rules.items()))}


def axe_rules(tags: Iterable[str] | None = None) -> list[AxeRule]:
    """The pinned axe-core rules the suite runs (any of ``tags``, default the suite's; experimental and deprecated
    rules are not run by tag), with the success criteria they test."""
    from wetkit.audit.axe import TAGS

    wanted = set(TAGS if tags is None else tags)
    data = json.loads(AXE_RULES_FILE.read_text(encoding="utf-8"))
    return [AxeRule(rule_id, tuple(rule["criteria"]), rule["help"]) for rule_id, rule in data["rules"].items()
            if wanted & set(rule["tags"]) and not {"experimental", "deprecated"} & set(rule["tags"])]


def axe_version() -> str:
    return json.loads(AXE_RULES_FILE.read_text(encoding="utf-8"))["axe_version"]


def relevant_criteria(rendered: Iterable[str], manual: Iterable[dict] = ()) -> list[str]:
    """The criteria relevant to a component whose examples render ``rendered`` (HTML strings), plus those its manual
    rows name, in WCAG order."""
    found = set(ALWAYS)
    for html in rendered:
        for pattern, criteria in RELEVANT_WHEN:
            if re.search(pattern, html):
                found.update(criteria)
    for row in manual:
        found.update(row["sc"])
    return sorted(found, key=_sc_key)


def table(rendered: Iterable[str], manual: list[dict], rules: list[AxeRule] | None = None) -> list[Row]:
    """The conformance rows of one component (see the module docstring)."""
    rules = axe_rules() if rules is None else rules
    rows = []
    for sc in relevant_criteria(rendered, manual):
        rows.append(Row(
            sc=sc,
            axe_rules=[rule.id for rule in rules if sc in rule.criteria],
            checks=list(WETKIT_CHECKS.get(sc, ())),
            manual=[row for row in manual if sc in row["sc"]],
        ))
    return rows


def counts(rows: Iterable[Row]) -> dict[str, int]:
    """How many rows are automated (with or without a manual check), manual only, and not yet tested."""
    result = {"automated": 0, "manual": 0, "untested": 0}
    for row in rows:
        result["automated" if row.automated else row.status] += 1
    return result


def _main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "axe":
        print("usage: python -m wetkit.conformance axe node_modules/axe-core/axe.js", file=sys.stderr)
        return 2
    data = read_axe_js(Path(argv[1]).read_text(encoding="utf-8"))
    AXE_RULES_FILE.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {AXE_RULES_FILE}: axe-core {data['axe_version']}, {len(data['rules'])} rules")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
