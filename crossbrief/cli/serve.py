"""``crossbrief serve``: the web UI and JSON API over a store.

Safe by default: it binds to 127.0.0.1; on any other address the upload endpoint needs a
token (``--token`` or ``CROSSBRIEF_TOKEN``), and serving without one is refused.
"""

from __future__ import annotations

import socket

import click

from ..errors import UsageError
from .support import global_options, settings_of, stderr, user_errors

TOKEN_ENV = "CROSSBRIEF_TOKEN"


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
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; loopback by default.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--token",
    envvar=TOKEN_ENV,
    help=f"Token the upload endpoint requires (or ${TOKEN_ENV}); required when --host is not a loopback address.",
)
@global_options
@click.pass_context
@user_errors
def serve_command(ctx: click.Context, host: str, port: int, token: str | None) -> None:
    """Serve the stories, briefs and articles of the store in a browser, with a JSON twin
    for every page (/stories.json, /stories/ID.json, /articles/ID.json, /openapi.json)."""
    import uvicorn

    from ..render.assets import vega_bundle
    from ..web import create_app
    from ..web.security import LOOPBACK_NAMES, is_loopback

    settings = settings_of(ctx, token=token)  # CROSSBRIEF_TOKEN is the token setting
    token = settings.token
    loopback = is_loopback(host)
    if not loopback and not token:
        raise UsageError(
            f"--host {host} is reachable from other machines and the upload form writes to the "
            f"store; pass --token SECRET (or set {TOKEN_ENV}), or bind to 127.0.0.1"
        )
    _check_port(host, port)
    with stderr.status("preparing the chart runtime"):
        vega_bundle()  # built once (a few seconds), so the first story page is not slow
    app = create_app(settings, token=token or None, allowed_hosts=LOOPBACK_NAMES if loopback else None)
    shown = f"[{host}]" if ":" in host else host
    stderr.print(f"crossbrief: serving {settings.db} at http://{shown}:{port}/ (Ctrl-C to stop)", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
