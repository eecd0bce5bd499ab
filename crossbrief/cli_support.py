"""What every CLI verb shares: the two consoles and the one-line error handling."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

from rich.console import Console

from .errors import CrossbriefError, UsageError

# Piped output is not wrapped to 80 columns: tables stay readable in files and pagers.
stdout = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
stderr = Console(stderr=True, soft_wrap=True)


def _fail(message: str, status: int) -> None:
    stderr.print(f"crossbrief: error: {message}", markup=False, highlight=False)
    sys.exit(status)


def user_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn CrossbriefErrors into one line on stderr and the documented exit status."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except UsageError as err:
            _fail(str(err), 2)
        except CrossbriefError as err:
            _fail(str(err), 1)

    return run


