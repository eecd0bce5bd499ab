"""Static assets of the HTML report: its CSS and JS, and the Vega runtime bundle.

The Vega bundle (Vega + Vega-Lite + vega-embed, ~0.9 MB) is built offline by
vl-convert-python from the copies inside its wheel. Building takes several seconds, so
it is kept per process and in a cache file named after the vl-convert version.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from ..errors import ModelUnavailable

VL_CONVERT_PIP = "vl-convert-python>=1.6,<2"


@lru_cache(maxsize=8)
def asset_text(name: str) -> str:
    """A file shipped under ``crossbrief/render/templates`` (CSS or JS)."""
    return (resources.files("crossbrief.render") / "templates" / name).read_text(encoding="utf-8")


def _cache_file(version: str) -> Path:
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "crossbrief" / f"vega-bundle-{version}.js"


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    """The Vega runtime as one script with no network dependency."""
    try:
        import vl_convert
    except ImportError as err:
        raise ModelUnavailable(
            f"HTML charts need vl-convert-python ({err}); run: pip install '{VL_CONVERT_PIP}'"
        ) from err
    cache = _cache_file(metadata.version("vl-convert-python"))
    try:
        return cache.read_text(encoding="utf-8")
    except OSError:
        pass  # not built yet: build it below
    bundle: str = vl_convert.javascript_bundle()  # type: ignore[call-arg]  # the stub misses the default
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(bundle, encoding="utf-8")
        tmp.replace(cache)
    except OSError:
        pass  # a read-only home only costs the next process the build time
    return bundle
