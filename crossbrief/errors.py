"""Every error crossbrief raises, in one hierarchy.

    CrossbriefError                  base: a message that names the input and what to do
    ├── UsageError                   bad arguments or settings (exit status 2)
    │   └── ConfigError              a config file, environment variable or flag is wrong
    ├── InputRejected                one article (or one line / entry) could not be read;
    │   │                            recorded as a rejection, the batch goes on
    │   ├── EmptyInput               nothing to read
    │   ├── BinaryInput              not text
    │   ├── UndecodableInput         bytes that are not UTF-8
    │   ├── InputTooLarge            over the size limit
    │   ├── UnparsableInput          broken JSON, HTML or feed
    │   ├── NoArticleText            parsed, but no article text in it
    │   ├── UnreadableInput          the file system refused to read it
    │   ├── MissingInput             no such file, folder or glob match
    │   ├── TextTooLong              more text than any article (one long line, a dump)
    │   └── ProcessingFailed         an unexpected error while building the article
    ├── ModelUnavailable             a model package is missing or broken
    └── StoreError                   the SQLite store cannot be opened or written

Each class carries a stable code (``E1xx`` input, ``E2xx`` usage, ``E3xx`` models,
``E4xx`` store) so rejections can be grouped and documented; the CLI prints
``str(error)`` as one line and exits non-zero, never a traceback.
"""

from __future__ import annotations


class CrossbriefError(Exception):
    """Base class. ``str(err)`` is a complete one-line message for a user."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(CrossbriefError):
    code = "E200"


class ConfigError(UsageError):
    code = "E201"


class InputRejected(CrossbriefError):
    """One input item was refused. ``source`` names it (path, ``path:line`` or ``path#entry``)."""

    code = "E100"
    reason = "rejected"

    def __init__(self, source: str, problem: str, fix: str) -> None:
        super().__init__(f"{source}: {problem}; {fix}")
        self.source = source
        self.problem = problem
        self.fix = fix


class EmptyInput(InputRejected):
    code = "E101"
    reason = "empty"


class BinaryInput(InputRejected):
    code = "E102"
    reason = "binary"


class UndecodableInput(InputRejected):
    code = "E103"
    reason = "encoding"


class InputTooLarge(InputRejected):
    code = "E104"
    reason = "too-large"


class UnparsableInput(InputRejected):
    code = "E105"
    reason = "unparsable"


class NoArticleText(InputRejected):
    code = "E106"
    reason = "no-text"


class UnreadableInput(InputRejected):
    code = "E107"
    reason = "unreadable"


class MissingInput(InputRejected):
    code = "E108"
    reason = "missing"


class TextTooLong(InputRejected):
    code = "E109"
    reason = "too-long"


class ProcessingFailed(InputRejected):
    code = "E110"
    reason = "failed"


class ModelUnavailable(CrossbriefError):
    code = "E300"


class StoreError(CrossbriefError):
    code = "E400"
