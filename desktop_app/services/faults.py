"""What went wrong with the database or a file, as one sentence the user can act on (disk full, read-only,
locked by another program…), for the GUI, which does not reach the storage layer itself."""

from __future__ import annotations

from desktop_app.domain.errors import UserError
from desktop_app.storage import faults


def user_problem(error: BaseException, url: str | None = None) -> UserError | None:
    """The user's sentence for a storage or file failure; None when the error is not one of those."""
    return faults.user_problem(error, url)
