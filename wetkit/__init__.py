"""wetkit: accessible, bilingual UI components for Jinja2.

    import wetkit
    env = wetkit.environment()          # a ready jinja2.Environment
    wetkit.install(existing_env)        # or add wetkit to one you have

Templates then call ``{{ wet.button(text="Continue") }}`` or ``{% extends "wetkit/page.html" %}``.
"""

__version__ = "0.1.0"

from wetkit.errors import ParameterError, SpecError  # noqa: E402
from wetkit.jinja import environment, install  # noqa: E402
from wetkit.registry import get_registry  # noqa: E402

__all__ = ["ParameterError", "SpecError", "environment", "install", "get_registry", "__version__"]
