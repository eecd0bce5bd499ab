"""Settings: defaults in code, then a TOML config file, then environment, then flags.

Later layers win. Unknown keys are errors at every layer, so a typo never silently
does nothing::

    >>> load_settings(overrides={"max_bytes": 1000}).max_bytes
    1000
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from .errors import ConfigError

if TYPE_CHECKING:
    from .stages.cluster.settings import ClusterSettings

ENV_PREFIX = "CROSSBRIEF_"
DEFAULT_CONFIG_FILE = "crossbrief.toml"


class Settings(BaseModel):
    """All tunable settings. Field docs are shown by ``crossbrief --help-settings``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    db: Path = Field(Path("crossbrief.db"), description="SQLite store file")
    max_bytes: int = Field(20_000_000, gt=0, description="largest input file accepted, bytes")
    min_words: int = Field(20, ge=0, description="articles with fewer words of text are rejected as empty")
    date_order: Literal["DMY", "MDY"] = Field(
        "DMY", description="order of ambiguous numeric dates like 06/07/2024 in header blocks"
    )
    workers: int = Field(min(2, os.cpu_count() or 1), ge=1, description="processes reading large batches")
    token: str | None = Field(
        None, description="write token for `serve` on a non-loopback address (set CROSSBRIEF_TOKEN)"
    )
    progress_min_files: int = Field(
        6, ge=0, description="show a progress bar when a batch has at least this many files"
    )
    engine: Literal["processes", "dask"] = Field(
        "processes",
        description="where ingest's per-article work runs: local processes, or a Dask cluster (scale extra)",
    )
    scheduler: str | None = Field(
        None, description="Dask scheduler address (tcp://host:8786); none starts a local cluster"
    )
    cluster: dict[str, Any] = Field(
        default_factory=dict,
        description="story clustering thresholds and weights ([crossbrief.cluster] table, or "
        "CROSSBRIEF_CLUSTER_<NAME>); names and defaults in stages/cluster/settings.py",
    )
    embedder: Literal["minilm", "lexical"] = Field(
        "minilm",
        description="sentence vectors: the MiniLM model, or word overlap (degraded: far fewer paraphrases "
        "found; every brief records it)",
    )

    @field_validator("cluster")
    @classmethod
    def _known_cluster_settings(cls, values: dict[str, Any]) -> dict[str, Any]:
        """Unknown names are errors, values take ClusterSettings' types (from TOML or text)."""
        from .stages.cluster.settings import ClusterSettings

        known = {f.name for f in fields(ClusterSettings)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown cluster setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        checked = TypeAdapter(ClusterSettings).validate_python({**asdict(ClusterSettings()), **values})
        return {name: getattr(checked, name) for name in values}

    def clustering(self) -> ClusterSettings:
        """The story clustering settings: defaults with the ``cluster`` values over them."""
        from .stages.cluster.settings import ClusterSettings

        return replace(ClusterSettings(), **self.cluster)


def _read_config_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as err:
        raise ConfigError(f"{path}: cannot read config file ({err.strerror}); check the path") from err
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: not valid TOML ({err}); fix the file or remove it") from err
    section = data.get("crossbrief", data)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [crossbrief] must be a table of settings")
    return section


def _read_environment(environ: dict[str, str]) -> dict[str, Any]:
    known = set(Settings.model_fields)
    values: dict[str, Any] = {}
    for name, value in environ.items():
        if not name.startswith(ENV_PREFIX):
            continue
        key = name[len(ENV_PREFIX) :].lower()
        if key.startswith("cluster_"):  # CROSSBRIEF_CLUSTER_THRESHOLD=0.35 → cluster.threshold
            values.setdefault("cluster", {})[key.removeprefix("cluster_")] = value
            continue
        if key not in known:
            raise ConfigError(
                f"environment variable {name} is not a crossbrief setting; known settings: {', '.join(sorted(known))}"
            )
        values[key] = value
    return values


def load_settings(
    config_file: Path | None = None,
    overrides: dict[str, Any] | None = None,
    environ: dict[str, str] | None = None,
) -> Settings:
    """Build settings from the layers in order; raise ConfigError on unknown or bad values."""
    layers: list[tuple[str, dict[str, Any]]] = []
    if config_file is None and Path(DEFAULT_CONFIG_FILE).is_file():
        config_file = Path(DEFAULT_CONFIG_FILE)
    if config_file is not None:
        layers.append((str(config_file), _read_config_file(config_file)))
    layers.append(("environment", _read_environment(dict(os.environ if environ is None else environ))))
    layers.append(("flags", {k: v for k, v in (overrides or {}).items() if v is not None}))

    merged: dict[str, Any] = {}
    for origin, values in layers:
        unknown = set(values) - set(Settings.model_fields)
        if unknown:
            raise ConfigError(
                f"{origin}: unknown setting(s) {', '.join(sorted(unknown))}; "
                f"known settings: {', '.join(sorted(Settings.model_fields))}"
            )
        cluster = {**merged.get("cluster", {}), **values.get("cluster", {})}  # a table merges, layer by layer
        merged.update(values)
        if cluster:
            merged["cluster"] = cluster
    try:
        return Settings(**merged)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"setting {where}: {first['msg']}") from err
