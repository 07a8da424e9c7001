"""Spec-generated fuzzing of every component (issue #6 item 8): ``python -m tests.fuzz`` or ``nox -s fuzz``.

``specfuzz`` builds cases from the registry and renders them; ``oracle`` decides whether an output is inert.
``tests/unit/test_fuzz.py`` runs a fixed-seed share in the unit session.
"""
