"""The web UI and JSON API over a crossbrief store (``crossbrief serve``).

>>> from crossbrief.web import create_app      # doctest: +SKIP
>>> app = create_app(settings, token=None)     # doctest: +SKIP
"""

from .app import create_app

__all__ = ["create_app"]
