"""The web face of a dyads database: ``create_app(db_path)`` builds a FastAPI app.

Shaped like datasette (STYLE.md §3, §5): one factory, no module-level database, a JSON API
under ``/api`` (``api.py``) and HTML pages (``pages.py``) that both read through
``dyads.store.queries``. Every HTML page names its JSON twin, the ``/api/...`` URL that
returns exactly the data the page shows, in a ``Link: <...>; rel="alternate";
type="application/json"`` header and in a "JSON" link on the page.

Connections. DuckDB lets a process attach one database file with one configuration, so
each app holds a single read-only :class:`~dyads.store.Store`, opened on the first request
and closed when the app shuts down. Route functions are plain ``def`` functions, which
FastAPI runs in a thread pool; a DuckDB connection must not be used by two threads at once,
so :class:`Database` runs each query under a ``threading.Lock``. Queries over a dashboard-
sized database take milliseconds, so serialising them costs little; if it ever does, give
each worker thread its own ``store.con.cursor()`` instead of taking the lock.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from fastapi import FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from dyads.errors import DyadsError, UsageError, message
from dyads.store import Store

T = TypeVar("T")

_PACKAGE = "dyads.serve"


class Database:
    """One lazily opened, read-only store shared by the requests of one app.

    Args:
        path (Path): the DuckDB file written by ``dyads code``.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._store: Store | None = None

    def run(self, query: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Call ``query(con, *args, **kwargs)`` on the app's connection, one call at a time.

        Args:
            query (Callable): a function from ``dyads.store.queries``.
            args: positional arguments after the connection.
            kwargs: keyword arguments for ``query``.

        Returns:
            T: what ``query`` returns.
        """
        with self._lock:
            if self._store is None:
                self._store = Store(self.path, read_only=True)
            return query(self._store.con, *args, **kwargs)

    def close(self) -> None:
        """Close the store if it was opened; the next query opens it again."""
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def create_app(db_path: str | Path) -> FastAPI:
    """Build the dyads web app over one DuckDB file.

    Args:
        db_path (str | Path): the database written by ``dyads code``; opened read-only.

    Returns:
        FastAPI: the app; serve it with ``uvicorn`` or call it with ``TestClient``.

    Raises:
        DyadsError: ``db_path`` does not exist or is not a file.
    """
    path = Path(db_path)
    if not path.is_file():
        raise DyadsError(
            message(
                f"no database at {str(path)!r}",
                "a DuckDB file written by 'dyads code'",
                "Code some articles first (dyads code PATH --db FILE, or dyads demo) "
                "or pass the right --db.",
            )
        )
    database = Database(path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        database.close()

    app = FastAPI(
        title="dyads",
        summary="Political event data from news: who did what to whom, who said what.",
        description=(
            "Read-only JSON API over a dyads DuckDB database. Lists answer "
            '`{"rows": [...], "limit": n, "offset": n}`; records follow the dyads '
            "record schemas (DESIGN.md §5). Every HTML page links its JSON twin here "
            'with a `Link: <...>; rel="alternate"; type="application/json"` header.'
        ),
        lifespan=lifespan,
    )
    app.state.db = database
    app.state.templates = _templates()

    from dyads.serve import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    static_dir = resources.files(_PACKAGE) / "static"
    app.mount("/static", StaticFiles(directory=str(static_dir)), name="static")
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(UsageError, _usage_error)
    return app


def _templates() -> Jinja2Templates:
    """Jinja2 templates from the package, autoescaped: article text is untrusted input."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(_PACKAGE, "templates"),
        autoescape=True,
        lstrip_blocks=True,
    )
    from dyads.serve.pages import TEMPLATE_FILTERS

    env.filters.update(TEMPLATE_FILTERS)
    return Jinja2Templates(env=env)


def _wants_json(request: Request) -> bool:
    """API and docs URLs answer errors in JSON; pages answer them in HTML."""
    path = request.url.path
    return path.startswith(("/api", "/docs", "/redoc", "/openapi")) or path.endswith(".json")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if _wants_json(request):
        return await http_exception_handler(request, exc)
    return _error_page(request, exc.status_code, str(exc.detail))


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if _wants_json(request):
        return await request_validation_exception_handler(request, exc)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in err.get('loc', ())[1:])}: {err.get('msg', '')}"
        for err in exc.errors()
    )
    return _error_page(request, 422, f"Bad request parameters: {problems}")


async def _usage_error(request: Request, exc: Exception) -> Response:
    """A query the store rejected (``InvalidQuery``: bad period, blank actor) is a 400."""
    if _wants_json(request):
        return JSONResponse({"detail": str(exc)}, status_code=400)
    return _error_page(request, 400, str(exc))


def _error_page(request: Request, status_code: int, detail: str) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "base.html",
        {"title": f"Error {status_code}", "error": detail, "status_code": status_code},
        status_code=status_code,
    )
