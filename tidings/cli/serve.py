"""`tidings serve`: the store over HTTP — a JSON API under /api, a web app at /, API docs at
/docs. Read-only unless started with `--allow-ingest` and a token in `TIDINGS_TOKEN`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from tidings.cli.common import SETTINGS_OPTION, fail, settings_from_options
from tidings.errors import TidingsError

TOKEN_VARIABLE = "TIDINGS_TOKEN"


def serve_command(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store to serve.")] = Path(
        "tidings.duckdb"
    ),
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    allow_ingest: Annotated[
        bool,
        typer.Option(
            "--allow-ingest",
            help=f"Add POST /ingest, guarded by the token in ${TOKEN_VARIABLE}; the store is "
            "then opened for writing (no other process can write it while serving).",
        ),
    ] = False,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="Another name clients may reach the server by (repeatable); requests naming "
            "any host but this, the listening address and localhost are refused (400).",
        ),
    ] = None,
    settings_file: Path | None = SETTINGS_OPTION,
) -> None:
    """Serve the store: a JSON API, a web app and its docs, read-only by default."""
    import uvicorn  # the server is needed only by this command

    from tidings.serve import create_app

    settings = settings_from_options(settings_file, None)
    token = os.environ.get(TOKEN_VARIABLE, "").strip() or None
    if allow_ingest and token is None:
        fail(f"--allow-ingest needs a token in ${TOKEN_VARIABLE}")
    try:
        app = create_app(
            db,
            ingest_token=token if allow_ingest else None,
            settings=settings,
            allowed_hosts=[host, *(allowed_host or [])],
        )
    except TidingsError as exc:
        fail(str(exc))
    mode = "read-write, POST /ingest enabled" if allow_ingest else "read-only"
    typer.echo(f"serving {db} ({mode}) on http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
