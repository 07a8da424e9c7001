"""Exceptions wetkit raises. Each message names what is wrong, where, and what would be right."""


class WetkitError(Exception):
    """Base class for every wetkit error."""


class SpecError(WetkitError, ValueError):
    """A component spec (``components/<name>/<name>.yaml``) is malformed: the message names the file and field."""


class ParameterError(WetkitError, TypeError):
    """A macro was called with a bad parameter: the message names the component, the parameter, the value given
    and what is allowed. ``component`` is the name of the component whose call was wrong (None outside one)."""

    def __init__(self, message: str, component: str | None = None):
        super().__init__(message)
        self.component = component


class AttributeRefused(ParameterError):
    """Raised by the ``wet_attrs`` filter: an attribute name or value the attribute policy refuses, or a caller's
    ``attrs`` entry that would replace an attribute the component sets itself (``clash``). A component re-raises it
    as a ParameterError naming itself and the parameter to use instead."""

    def __init__(self, message: str, attribute: str, value: object, allowed: str, clash: bool = False):
        super().__init__(message)
        self.attribute = attribute
        self.value = value
        self.allowed = allowed
        self.clash = clash


class BrowserNotFound(WetkitError, RuntimeError):
    """No Chromium/chromedriver could be found; the message says how to install one."""
