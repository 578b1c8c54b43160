"""``dyads serve``: the JSON API and dashboard over a database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dyads.cli import app
from dyads.cli._options import DEFAULT_DB, DbOption, console, handle_errors, require_db


@app.command("serve")
@handle_errors
def serve_cli(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the dashboard and the JSON API (read-only).

    Example:

        dyads serve --db news.duckdb --port 8000
    """
    serve(db, host=host, port=port)


def serve(db: Path, *, host: str, port: int) -> None:
    """Run the web app on ``host:port`` until interrupted."""
    import uvicorn

    from dyads.serve import create_app

    web = create_app(require_db(db))
    console.print(f"dyads dashboard on http://{host}:{port}  (API docs: /docs; Ctrl+C stops)")
    uvicorn.run(web, host=host, port=port, log_level="warning")
