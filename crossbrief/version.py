"""crossbrief's version, in one place (briefs record it; ingest fingerprints include it)."""

__version__ = "0.1.0"
