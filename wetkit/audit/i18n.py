"""The words of ``wetkit check``'s reports, in English and French, and the names of the WCAG success criteria.

axe-core translates its own messages (rule help, "Fix any of the following") from its ``locales/<lang>.json``; this
module holds only wetkit's strings: headings and labels of the HTML report, the terminal summary, the JUnit messages.
A small dict rather than the gettext catalogs in ``wetkit/locale/``: these strings belong to a developer tool, are
few, and must be available to the pytest plugin without compiling catalogs. A key missing in one language falls back
to English, so a report is never missing a word.

WCAG success criteria: axe tags a rule ``wcag143`` for 1.4.3; :func:`criteria_for_tags` turns the tags into
``("1.4.3", "Contrast (Minimum)")`` pairs, and :data:`CHECK_CRITERIA` says which criteria wetkit's own checks test.
Names follow WCAG 2.2 and its authorized French translation.
"""

from __future__ import annotations

import re

LANGS = ("en", "fr")

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Accessibility report",
        "title_counts": "wetkit check: {barriers} barrier(s) on {pages} page(s)",
        "intro": "Checked on {date} with axe-core {engine} and wetkit {version}: axe rules for WCAG 2.0, 2.1 and 2.2 "
                 "A and AA and best practices, reflow at 320 CSS px, text spacing, keyboard focus, console errors.",
        "summary": "Summary",
        "pages": "Pages checked",
        "pages_failed": "Pages with new barriers",
        "barriers": "Barriers",
        "new": "new",
        "known": "known",
        "known_long": "known (in the baseline):",
        "new_barriers": "New barriers",
        "known_barriers": "Known barriers (in the baseline, still present)",
        "fixed": "Fixed since the baseline",
        "fixed_line": "fixed since baseline: {items}",
        "not_checked": "In the baseline, on pages not checked in this run",
        "needs_review": "Needs review",
        "needs_review_intro": "axe could not decide these and a person must look. They do not fail a page.",
        "seconds_per_page": "Seconds per page",
        "by_rule": "Barriers by rule",
        "count": "count",
        "rule": "Rule",
        "check": "Check",
        "wcag": "WCAG success criterion",
        "no_wcag": "none (best practice or a wetkit check)",
        "where": "Where",
        "element": "Element",
        "html": "HTML",
        "screenshot": "Screenshot",
        "screenshot_alt": "Screenshot of {target} at {where}",
        "how_to_fix": "How to fix",
        "help": "Read about {rule}",
        "understanding": "Understanding {sc}",
        "none_found": "No barriers found.",
        "no_review": "Nothing needs review.",
        "pages_and_elements": "Pages and elements ({count})",
        "more": "... and {count} more",
        "engine": "Engine",
        "baseline": "Baseline",
        "baseline_recorded": "baseline recorded: {count} finding(s) in {path}; later runs fail only on new ones",
        "baseline_updated": "baseline updated: {count} finding(s) in {path}",
        "baseline_summary": "baseline {path}: {new} new, {known} known, {fixed} fixed",
        "at_width": "{width}px",
        "in_scheme": "in {scheme} mode",
        "passed_failed": "{passed} passed, {failed} failed ({pages} pages, axe-core {engine}, {elapsed:.1f}s)",
        "review_counts": "needs review: {total} result(s) on {pages} page(s): {rules}",
        "junit_failure": "{count} barrier(s) found by {check}",
        "junit_not_run": "not run: the page did not load",
        "status": "Status",
        "total": "Total",
        "footer": "Made by wetkit check. Automated checks find some barriers, not all: test with a keyboard, at 200% "
                  "and 400% zoom and with a screen reader too.",
        "skip": "Skip to the barriers",
    },
    "fr": {
        "title": "Rapport d'accessibilité",
        "title_counts": "wetkit check : {barriers} obstacle(s) sur {pages} page(s)",
        "intro": "Vérifié le {date} avec axe-core {engine} et wetkit {version} : règles axe pour les WCAG 2.0, 2.1 et "
                 "2.2 A et AA et bonnes pratiques, redistribution à 320 px CSS, espacement du texte, focus clavier, "
                 "erreurs de la console.",
        "summary": "Sommaire",
        "pages": "Pages vérifiées",
        "pages_failed": "Pages avec de nouveaux obstacles",
        "barriers": "Obstacles",
        "new": "nouveau",
        "known": "connu",
        "known_long": "connu (dans la référence) :",
        "new_barriers": "Nouveaux obstacles",
        "known_barriers": "Obstacles connus (dans la référence, toujours présents)",
        "fixed": "Corrigés depuis la référence",
        "fixed_line": "corrigés depuis la référence : {items}",
        "not_checked": "Dans la référence, sur des pages non vérifiées lors de cette exécution",
        "needs_review": "À vérifier",
        "needs_review_intro": "axe n'a pas pu trancher : une personne doit vérifier. Ces résultats ne font pas échouer "
                              "la page.",
        "seconds_per_page": "Secondes par page",
        "by_rule": "Obstacles par règle",
        "count": "nombre",
        "rule": "Règle",
        "check": "Vérification",
        "wcag": "Critère de succès WCAG",
        "no_wcag": "aucun (bonne pratique ou vérification wetkit)",
        "where": "Où",
        "element": "Élément",
        "html": "HTML",
        "screenshot": "Capture d'écran",
        "screenshot_alt": "Capture d'écran de {target} à {where}",
        "how_to_fix": "Comment corriger",
        "help": "En savoir plus sur {rule}",
        "understanding": "Comprendre le critère {sc}",
        "none_found": "Aucun obstacle trouvé.",
        "no_review": "Rien à vérifier.",
        "pages_and_elements": "Pages et éléments ({count})",
        "more": "... et {count} de plus",
        "engine": "Moteur",
        "baseline": "Référence",
        "baseline_recorded": "référence enregistrée : {count} constat(s) dans {path}; les prochaines exécutions "
                             "n'échouent que sur les nouveaux",
        "baseline_updated": "référence mise à jour : {count} constat(s) dans {path}",
        "baseline_summary": "référence {path} : {new} nouveau(x), {known} connu(s), {fixed} corrigé(s)",
        "at_width": "{width} px",
        "in_scheme": "en mode {scheme}",
        "passed_failed": "{passed} réussie(s), {failed} en échec ({pages} pages, axe-core {engine}, {elapsed:.1f} s)",
        "review_counts": "à vérifier : {total} résultat(s) sur {pages} page(s) : {rules}",
        "junit_failure": "{count} obstacle(s) trouvé(s) par {check}",
        "junit_not_run": "non exécuté : la page ne s'est pas chargée",
        "status": "État",
        "total": "Total",
        "footer": "Produit par wetkit check. Les vérifications automatiques trouvent une partie des obstacles, pas "
                  "tous : testez aussi au clavier, à 200 % et 400 % de zoom et avec un lecteur d'écran.",
        "skip": "Aller aux obstacles",
    },
}

SCHEMES = {
    "en": {"light": "light", "dark": "dark", "forced-colors": "forced-colors"},
    "fr": {"light": "clair", "dark": "sombre", "forced-colors": "couleurs forcées"},
}

# WCAG 2.2 success criteria: number -> (English, French).
CRITERIA: dict[str, tuple[str, str]] = {
    "1.1.1": ("Non-text Content", "Contenu non textuel"),
    "1.2.1": ("Audio-only and Video-only (Prerecorded)", "Contenu seulement audio ou vidéo (pré-enregistré)"),
    "1.2.2": ("Captions (Prerecorded)", "Sous-titres (pré-enregistrés)"),
    "1.2.3": ("Audio Description or Media Alternative (Prerecorded)",
              "Audio-description ou version de remplacement pour un média temporel (pré-enregistré)"),
    "1.2.4": ("Captions (Live)", "Sous-titres (en direct)"),
    "1.2.5": ("Audio Description (Prerecorded)", "Audio-description (pré-enregistrée)"),
    "1.2.6": ("Sign Language (Prerecorded)", "Langue des signes (pré-enregistrée)"),
    "1.2.7": ("Extended Audio Description (Prerecorded)", "Audio-description étendue (pré-enregistrée)"),
    "1.2.8": ("Media Alternative (Prerecorded)", "Version de remplacement pour un média temporel (pré-enregistré)"),
    "1.2.9": ("Audio-only (Live)", "Seulement audio (en direct)"),
    "1.3.1": ("Info and Relationships", "Information et relations"),
    "1.3.2": ("Meaningful Sequence", "Ordre séquentiel logique"),
    "1.3.3": ("Sensory Characteristics", "Caractéristiques sensorielles"),
    "1.3.4": ("Orientation", "Orientation"),
    "1.3.5": ("Identify Input Purpose", "Identifier la finalité des champs"),
    "1.3.6": ("Identify Purpose", "Identifier la finalité"),
    "1.4.1": ("Use of Color", "Utilisation de la couleur"),
    "1.4.2": ("Audio Control", "Contrôle du son"),
    "1.4.3": ("Contrast (Minimum)", "Contraste (minimum)"),
    "1.4.4": ("Resize Text", "Redimensionnement du texte"),
    "1.4.5": ("Images of Text", "Texte sous forme d'image"),
    "1.4.6": ("Contrast (Enhanced)", "Contraste (amélioré)"),
    "1.4.7": ("Low or No Background Audio", "Arrière-plan sonore de faible volume ou absent"),
    "1.4.8": ("Visual Presentation", "Présentation visuelle"),
    "1.4.9": ("Images of Text (No Exception)", "Texte sous forme d'image (sans exception)"),
    "1.4.10": ("Reflow", "Redistribution"),
    "1.4.11": ("Non-text Contrast", "Contraste du contenu non textuel"),
    "1.4.12": ("Text Spacing", "Espacement du texte"),
    "1.4.13": ("Content on Hover or Focus", "Contenu au survol ou au focus"),
    "2.1.1": ("Keyboard", "Clavier"),
    "2.1.2": ("No Keyboard Trap", "Pas de piège au clavier"),
    "2.1.3": ("Keyboard (No Exception)", "Clavier (pas d'exception)"),
    "2.1.4": ("Character Key Shortcuts", "Raccourcis clavier utilisant des caractères"),
    "2.2.1": ("Timing Adjustable", "Réglage du délai"),
    "2.2.2": ("Pause, Stop, Hide", "Mettre en pause, arrêter, masquer"),
    "2.2.3": ("No Timing", "Pas de délai d'exécution"),
    "2.2.4": ("Interruptions", "Interruptions"),
    "2.2.5": ("Re-authenticating", "Nouvelle authentification"),
    "2.2.6": ("Timeouts", "Délais d'expiration"),
    "2.3.1": ("Three Flashes or Below Threshold", "Pas plus de trois flashs ou sous le seuil critique"),
    "2.3.2": ("Three Flashes", "Trois flashs"),
    "2.3.3": ("Animation from Interactions", "Animation résultant d'interactions"),
    "2.4.1": ("Bypass Blocks", "Contourner des blocs"),
    "2.4.2": ("Page Titled", "Titre de page"),
    "2.4.3": ("Focus Order", "Parcours du focus"),
    "2.4.4": ("Link Purpose (In Context)", "Fonction du lien (selon le contexte)"),
    "2.4.5": ("Multiple Ways", "Accès multiples"),
    "2.4.6": ("Headings and Labels", "En-têtes et étiquettes"),
    "2.4.7": ("Focus Visible", "Visibilité du focus"),
    "2.4.8": ("Location", "Localisation"),
    "2.4.9": ("Link Purpose (Link Only)", "Fonction du lien (lien uniquement)"),
    "2.4.10": ("Section Headings", "En-têtes de section"),
    "2.4.11": ("Focus Not Obscured (Minimum)", "Focus non masqué (minimum)"),
    "2.4.12": ("Focus Not Obscured (Enhanced)", "Focus non masqué (amélioré)"),
    "2.4.13": ("Focus Appearance", "Apparence du focus"),
    "2.5.1": ("Pointer Gestures", "Gestes de pointeur"),
    "2.5.2": ("Pointer Cancellation", "Annulation de l'action du pointeur"),
    "2.5.3": ("Label in Name", "Étiquette dans le nom"),
    "2.5.4": ("Motion Actuation", "Activation par le mouvement"),
    "2.5.5": ("Target Size (Enhanced)", "Taille de la cible (améliorée)"),
    "2.5.6": ("Concurrent Input Mechanisms", "Modalités d'entrée concurrentes"),
    "2.5.7": ("Dragging Movements", "Mouvements de glissement"),
    "2.5.8": ("Target Size (Minimum)", "Taille de la cible (minimum)"),
    "3.1.1": ("Language of Page", "Langue de la page"),
    "3.1.2": ("Language of Parts", "Langue d'un passage"),
    "3.1.3": ("Unusual Words", "Mots rares"),
    "3.1.4": ("Abbreviations", "Abréviations"),
    "3.1.5": ("Reading Level", "Niveau de lecture"),
    "3.1.6": ("Pronunciation", "Prononciation"),
    "3.2.1": ("On Focus", "Au focus"),
    "3.2.2": ("On Input", "À la saisie"),
    "3.2.3": ("Consistent Navigation", "Navigation cohérente"),
    "3.2.4": ("Consistent Identification", "Identification cohérente"),
    "3.2.5": ("Change on Request", "Changement à la demande"),
    "3.2.6": ("Consistent Help", "Aide cohérente"),
    "3.3.1": ("Error Identification", "Identification des erreurs"),
    "3.3.2": ("Labels or Instructions", "Étiquettes ou instructions"),
    "3.3.3": ("Error Suggestion", "Suggestion après une erreur"),
    "3.3.4": ("Error Prevention (Legal, Financial, Data)",
              "Prévention des erreurs (juridiques, financières, de données)"),
    "3.3.5": ("Help", "Aide"),
    "3.3.6": ("Error Prevention (All)", "Prévention des erreurs (toutes)"),
    "3.3.7": ("Redundant Entry", "Saisie redondante"),
    "3.3.8": ("Accessible Authentication (Minimum)", "Authentification accessible (minimum)"),
    "3.3.9": ("Accessible Authentication (Enhanced)", "Authentification accessible (améliorée)"),
    "4.1.1": ("Parsing (Obsolete and removed)", "Analyse syntaxique (obsolète et retiré)"),
    "4.1.2": ("Name, Role, Value", "Nom, rôle et valeur"),
    "4.1.3": ("Status Messages", "Messages d'état"),
}

# What wetkit's own checks test, by (check, rule); a check alone matches any of its rules.
CHECK_CRITERIA: dict[tuple[str, str | None], tuple[str, ...]] = {
    ("reflow", None): ("1.4.10",),
    ("text-spacing", None): ("1.4.12",),
    ("focus", None): ("2.4.7",),
    ("forced-colors", None): ("2.4.7",),
    ("ids", None): ("4.1.2",),  # a duplicate id breaks the label/aria references that give names (was 4.1.1)
}

_TAG = re.compile(r"^wcag(\d)(\d)(\d{1,2})$")


def text(lang: str, key: str, **values) -> str:
    """wetkit's string ``key`` in ``lang`` (English when missing), formatted with ``values``."""
    template = STRINGS.get(lang, STRINGS["en"]).get(key) or STRINGS["en"][key]
    return template.format(**values) if values else template


def scheme_name(lang: str, scheme: str) -> str:
    return SCHEMES.get(lang, SCHEMES["en"]).get(scheme, scheme)


def criterion(number: str, lang: str = "en") -> str:
    """``"1.4.3 Contrast (Minimum)"``; the bare number when it is not a WCAG 2.2 criterion."""
    names = CRITERIA.get(number)
    if names is None:
        return number
    return f"{number} {names[1] if lang == 'fr' else names[0]}"


def understanding_url(number: str) -> str | None:
    """The W3C "Understanding" page of a criterion (its slug is the English name, as the W3C writes it)."""
    names = CRITERIA.get(number)
    if names is None:
        return None
    slug = re.sub(r"[^a-z0-9]+", "-", names[0].lower().replace("(obsolete and removed)", "")).strip("-")
    return f"https://www.w3.org/WAI/WCAG22/Understanding/{slug}"


def criteria_for_tags(tags) -> list[str]:
    """Criterion numbers in axe ``tags``: ``wcag143`` -> ``1.4.3``, ``wcag1410`` -> ``1.4.10`` (level tags such as
    ``wcag2aa`` and other tags are skipped), in WCAG order, without repeats."""
    found = []
    for tag in tags or ():
        match = _TAG.match(str(tag))
        if match:
            number = ".".join(match.groups())
            if number not in found:
                found.append(number)
    return sorted(found, key=lambda n: tuple(int(p) for p in n.split(".")))


def criteria_for(check: str, rule: str, tags=None) -> list[str]:
    """The criteria a finding is about: from axe's tags for axe rules, from :data:`CHECK_CRITERIA` for wetkit's."""
    if tags:
        return criteria_for_tags(tags)
    return list(CHECK_CRITERIA.get((check, rule)) or CHECK_CRITERIA.get((check, None)) or ())
