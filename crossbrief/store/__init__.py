"""The store: one SQLite file (WAL) holding articles, sentences and rejections."""

from .sqlite import Store

__all__ = ["Store"]
