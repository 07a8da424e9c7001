"""Semantic mutation testing for wetkit (``nox -s mutants``): see run.py."""
