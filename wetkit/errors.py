"""Exceptions wetkit raises. Each message names what is wrong, where, and what would be right."""


class WetkitError(Exception):
    """Base class for every wetkit error."""


class SpecError(WetkitError, ValueError):
    """A component spec (``components/<name>/<name>.yaml``) is malformed: the message names the file and field."""


class ParameterError(WetkitError, TypeError):
    """A macro was called with a bad parameter: the message names the component, the parameter, the value given
    and what is allowed."""


class BrowserNotFound(WetkitError, RuntimeError):
    """No Chromium/chromedriver could be found; the message says how to install one."""
