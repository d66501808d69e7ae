"""Errors the user can act on. Each carries a translatable message and the place it concerns.

The message id and its parameters are kept apart and translated when shown, so a message raised
in one language reads correctly after the interface language changes, and so the command line and
the GUI show the same sentence.
"""

from __future__ import annotations

from collections.abc import Mapping

from desktop_app.domain.contract import Message, shown, translated
from desktop_app.i18n import _


class UserError(Exception):
    """Something the user can understand and fix: bad input, a refused action, a damaged file."""

    def __init__(self, message: str, *, field: str | None = None, location: str | None = None, **params):
        super().__init__(message)
        self.message_id = message
        self.params = params
        self.field = field
        self.location = location

    @property
    def text(self) -> str:
        return _(self.message_id).format(**shown(self.params)) if self.params else _(self.message_id)

    def __str__(self) -> str:
        return self.text


class ValidationError(UserError):
    """One or more fields are invalid. ``problems`` maps a field name to its message (a ``Message``, kept
    untranslated, or text already translated); ``errors`` gives them as text in the current language."""

    def __init__(self, errors: Mapping[str, Message | str] | None = None, message: str | None = None, **params):
        self.problems: dict[str, Message | str] = dict(errors or {})
        super().__init__(message or "{details}", **params)

    @property
    def errors(self) -> dict[str, str]:
        return translated(self.problems)

    @property
    def text(self) -> str:
        if self.message_id == "{details}":
            return "; ".join(self.errors.values())
        return super().text


class NotFoundError(UserError):
    pass


class ConflictError(UserError):
    pass


class DatabaseProblem(UserError):
    """The database cannot be used as it is: locked, damaged, written by a newer version, unreachable."""


class Cancelled(Exception):
    """Long work stopped because the user asked for it. Nothing was written."""
