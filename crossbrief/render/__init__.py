"""Stage 11, render: the brief as JSON (the contract), Markdown, and (later) HTML."""

from .json import brief_json, validate_brief
from .markdown import brief_markdown

__all__ = ["brief_json", "brief_markdown", "validate_brief"]
