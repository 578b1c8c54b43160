"""The web face of a dyads database: ``create_app(db_path)`` builds a FastAPI app.

Shaped like datasette (STYLE.md §3, §5): one factory, no module-level database, a JSON API
under ``/api`` (``api.py``) and HTML pages (``pages.py``) that both read through
``dyads.store.queries``. Every HTML page names its JSON twin, the ``/api/...`` URL that
returns exactly the data the page shows, in a ``Link: <...>; rel="alternate";
type="application/json"`` header and in a "JSON" link on the page.

Dashboard. ``pages.py`` renders the HTML pages, ``views.py`` holds the dashboard-only
reads and their ``/api`` routes, ``dyad_view.py`` and ``highlight.py`` shape data for the
dyad and article pages, and ``assets.py`` serves plotly.js from the installed ``plotly``
package (no CDN). ``static/dashboard.js`` draws the charts from JSON embedded in the page.

Connections. DuckDB lets a process attach one database file with one configuration, so
each app holds a single read-only :class:`~dyads.store.Store`, opened on the first request
and closed when the app shuts down. Route functions are plain ``def`` functions, which
FastAPI runs in a thread pool; a DuckDB connection must not be used by two threads at once,
so :class:`Database` gives each worker thread its own ``store.con.cursor()``, and
concurrent requests query in parallel.
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
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
from dyads.serve.limits import DEFAULT_MAX_BODY, BodySizeLimit
from dyads.store import Store
from dyads.store.access import READER_GAP, READER_LINGER, READER_MAX_HOLD, open_store

T = TypeVar("T")

_PACKAGE = "dyads.serve"


class Database:
    """One lazily opened, read-only store shared by the requests of one app.

    Each worker thread queries through a cursor of its own (``store.con.cursor()``, a
    second connection to the same database instance): a DuckDB connection must not be used
    by two threads at once, and one cursor per thread lets concurrent requests run their
    queries in parallel instead of queueing behind one lock. The lock only guards opening
    and closing.

    With ``writable=True`` (``dyads serve --allow-writes``) the store is opened read-write,
    because DuckDB lets one process open a file in one mode only; readers still use their
    own cursors, and :meth:`write` hands the store to one writer at a time.

    The file is held only while requests come (``dyads.store.access``): it is opened,
    waiting while ``dyads code`` writes a batch, at the first query, and closed
    ``READER_LINGER`` seconds after the last one, or at once when it has been held for
    ``READER_MAX_HOLD`` seconds, so that a writer waiting for it gets its turn. Each
    reopen sees every batch committed so far.

    Args:
        path (Path): the DuckDB file written by ``dyads code``.
        writable (bool): open the store read-write, for :meth:`write`. Defaults to False.
    """

    def __init__(self, path: Path, *, writable: bool = False) -> None:
        self.path = path
        self.writable = writable
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._store: Store | None = None
        self._local = threading.local()
        self._cursors: list[Any] = []
        self._generation = 0  # bumped by close(), so threads drop cursors of a closed store
        self._busy = 0  # queries and writes in flight; the store stays open while > 0
        self._idle_timer: threading.Timer | None = None
        self._opened_at = 0.0
        self._not_before = 0.0  # after a forced release, the writer's turn
        self._writes = 0

    @property
    def version(self) -> tuple[Any, ...]:
        """Changes whenever the data may have changed; answer caches (``cache.py``) key on it.

        Another process (``dyads code``) can only change the data by writing the file or
        its write-ahead log, so their size and modification time stand for its writes;
        this process's own writes (:meth:`write`) are counted, since they may sit
        uncheckpointed in the open connection.
        """
        return (*_stamp(self.path), *_stamp(Path(f"{self.path}.wal")), self._writes)

    def run(self, query: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Call ``query(con, *args, **kwargs)`` on this thread's cursor of the store.

        Args:
            query (Callable): a function from ``dyads.store.queries``.
            args: positional arguments after the connection.
            kwargs: keyword arguments for ``query``.

        Returns:
            T: what ``query`` returns.
        """
        with self._held():
            return query(self._cursor(), *args, **kwargs)

    @contextmanager
    def _held(self) -> Iterator[None]:
        """Keep the store open for one query or write, releasing the file when idle."""
        with self._lock:
            self._busy += 1
            if self._idle_timer is not None:
                self._idle_timer.cancel()
                self._idle_timer = None
        try:
            yield
        finally:
            with self._lock:
                self._busy -= 1
                if not self._busy and self._store is not None:
                    if time.monotonic() - self._opened_at >= READER_MAX_HOLD:
                        self._close_locked()
                        self._not_before = time.monotonic() + READER_GAP
                    else:
                        self._idle_timer = threading.Timer(READER_LINGER, self._release_idle)
                        self._idle_timer.daemon = True
                        self._idle_timer.start()

    def _release_idle(self) -> None:
        with self._lock:
            if not self._busy:
                self._close_locked()

    def _cursor(self) -> Any:
        """This thread's cursor, opening the store (and the cursor) on first use."""
        local = self._local
        if getattr(local, "generation", None) == self._generation and local.cursor is not None:
            return local.cursor
        with self._lock:
            cursor = self._open().con.cursor()
            self._cursors.append(cursor)
            local.cursor, local.generation = cursor, self._generation
            return cursor

    def write(self, action: Callable[[Store], T]) -> T:
        """Call ``action(store)`` with the writable store, one writer at a time.

        Raises:
            DyadsError: the database was opened read-only.
        """
        if not self.writable:
            raise DyadsError(
                message(
                    f"{str(self.path)!r} is served read-only",
                    "a server started with --allow-writes",
                    "Restart with dyads serve --allow-writes and DYADS_WRITE_TOKEN set.",
                )
            )
        with self._write_lock, self._held():
            with self._lock:
                store = self._open()
            try:
                return action(store)
            finally:
                self._writes += 1

    def _open(self) -> Store:
        """The store, opened on first use; call with ``self._lock`` held."""
        if self._store is None:
            time.sleep(max(0.0, self._not_before - time.monotonic()))
            self._store = open_store(self.path, read_only=not self.writable)
            self._opened_at = time.monotonic()
        return self._store

    def close(self) -> None:
        """Close every cursor and the store if it was opened; the next query opens it again."""
        with self._lock:
            if self._idle_timer is not None:
                self._idle_timer.cancel()
                self._idle_timer = None
            self._close_locked()

    def _close_locked(self) -> None:
        """Close cursors and store, releasing the file lock; call with ``self._lock`` held."""
        self._generation += 1
        for cursor in self._cursors:
            cursor.close()
        self._cursors.clear()
        if self._store is not None:
            self._store.close()
            self._store = None


def _stamp(path: Path) -> tuple[int, int]:
    """(size, modification time in ns) of ``path``; (-1, -1) when it does not exist."""
    try:
        stat = path.stat()
    except OSError:
        return (-1, -1)
    return (stat.st_size, stat.st_mtime_ns)


def create_app(
    db_path: str | Path,
    *,
    allow_writes: bool = False,
    write_token: str | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY,
) -> FastAPI:
    """Build the dyads web app over one DuckDB file.

    Args:
        db_path (str | Path): the database written by ``dyads code``; opened read-only.
        allow_writes (bool): add ``POST /api/articles`` (``write.py``), guarded by
            ``write_token``, and open the database read-write. Defaults to False.
        write_token (str | None): the bearer token writes need; required with
            ``allow_writes``.
        max_body_bytes (int): the largest request body accepted (413 beyond).

    Returns:
        FastAPI: the app; serve it with ``uvicorn`` or call it with ``TestClient``.

    Raises:
        DyadsError: ``db_path`` does not exist or is not a file.
        UsageError: ``allow_writes`` without a usable ``write_token``.
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
    database = Database(path, writable=allow_writes)

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

    from dyads.serve import api, assets, pages, views

    app.include_router(api.router)
    app.include_router(views.router)
    app.include_router(pages.router)
    app.include_router(assets.router)  # plotly.js; before the /static mount, which would shadow it
    static_dir = resources.files(_PACKAGE) / "static"
    app.mount("/static", StaticFiles(directory=str(static_dir)), name="static")
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(UsageError, _usage_error)
    app.add_exception_handler(DyadsError, _store_unavailable)
    app.add_middleware(BodySizeLimit, max_bytes=max_body_bytes)
    if allow_writes:
        from dyads.serve.write import enable_writes

        enable_writes(app, write_token)
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


async def _store_unavailable(request: Request, exc: Exception) -> Response:
    """The database could not be read (locked too long, newer schema, gone): a 503 that
    says why in one line, never a traceback."""
    if _wants_json(request):
        return JSONResponse({"detail": str(exc)}, status_code=503)
    return _error_page(request, 503, str(exc))


def _error_page(request: Request, status_code: int, detail: str) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "base.html",
        {"title": f"Error {status_code}", "error": detail, "status_code": status_code},
        status_code=status_code,
    )
