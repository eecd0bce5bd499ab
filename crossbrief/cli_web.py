"""``crossbrief serve``: the web UI and JSON API over a store.

Safe by default: it binds to 127.0.0.1; on any other address the upload endpoint needs a
token (``--token`` or ``CROSSBRIEF_TOKEN``), and serving without one is refused.
"""

from __future__ import annotations

import socket
from pathlib import Path

import click

from .cli_support import stderr, user_errors
from .config import Settings, load_settings
from .errors import UsageError

TOKEN_ENV = "CROSSBRIEF_TOKEN"


def _settings(ctx: click.Context, db: str | None, token: str | None) -> Settings:
    """Settings as the other verbs build them (CROSSBRIEF_TOKEN is the ``token`` setting)."""
    options = ctx.find_root().params
    return load_settings(config_file=Path(options["config"]) if options.get("config") else None,
                         overrides={"db": db or options.get("db"), "token": token})


def _check_port(host: str, port: int) -> None:
    """Fail with a one-line message, not a uvicorn traceback, when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as err:
            raise UsageError(f"cannot listen on {host}:{port} ({err.strerror}); pass another --port") from err


@click.command("serve")
@click.option("--db", type=click.Path(dir_okay=False), help="SQLite store (default: crossbrief.db).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; loopback by default.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--token", envvar=TOKEN_ENV, help=f"Token the upload endpoint requires (or ${TOKEN_ENV}); "
              "required when --host is not a loopback address.")
@click.pass_context
@user_errors
def serve_command(ctx: click.Context, db: str | None, host: str, port: int, token: str | None) -> None:
    """Serve the stories, briefs and articles of the store in a browser, with a JSON twin
    for every page (/stories.json, /stories/ID.json, /articles/ID.json, /openapi.json)."""
    import uvicorn

    from .render.assets import vega_bundle
    from .web import create_app
    from .web.security import LOOPBACK_NAMES, is_loopback

    settings = _settings(ctx, db, token)
    token = settings.token
    loopback = is_loopback(host)
    if not loopback and not token:
        raise UsageError(f"--host {host} is reachable from other machines and the upload form writes to the "
                         f"store; pass --token SECRET (or set {TOKEN_ENV}), or bind to 127.0.0.1")
    _check_port(host, port)
    with stderr.status("preparing the chart runtime"):
        vega_bundle()  # built once (a few seconds), so the first story page is not slow
    app = create_app(settings, token=token or None, allowed_hosts=LOOPBACK_NAMES if loopback else None)
    shown = f"[{host}]" if ":" in host else host
    stderr.print(f"crossbrief: serving {settings.db} at http://{shown}:{port}/ (Ctrl-C to stop)", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
