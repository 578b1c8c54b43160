"""The one write endpoint, ``POST /api/articles``: code an article into the database.

Off by default. :func:`enable_writes` adds the route only when the server is started with
``dyads serve --allow-writes`` *and* a token is configured (the ``DYADS_WRITE_TOKEN``
environment variable), so a default server has no write route at all: ``POST
/api/articles`` answers 405 and the route is absent from the OpenAPI schema.

A request must carry ``Authorization: Bearer <token>``; the token is compared with
``secrets.compare_digest`` (constant time). No header answers 401, a wrong token 403.
The body is one article as JSON (``text`` required; ``date``, ``source``, ``url``,
``title`` optional; unknown fields are refused with 422); the body size limit of
``limits.py`` applies. Coding runs the same pipeline as ``dyads code`` (spaCy loads on
the first write, which takes seconds) and writes through the store, so an article already
coded by this pipeline version is skipped, not duplicated; each write is recorded in
``runs`` with the input ``POST /api/articles``.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from collections.abc import Callable, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field

from dyads.errors import UsageError, message
from dyads.records import Article
from dyads.serve.app import Database
from dyads.store import Store

TOKEN_ENV = "DYADS_WRITE_TOKEN"
"""Environment variable holding the write token (``dyads serve --allow-writes``)."""

MIN_TOKEN_LENGTH = 16
"""Shortest token accepted: a guessable token would make the write route public."""

ORIGIN = "POST /api/articles"
"""The input name recorded in ``runs`` and in each article's ``origin``."""

ArticleCoder = Callable[[Sequence[Article], Store], dict[str, Any]]
"""Codes articles into a writable store and returns the run's counts (``RunStats``)."""


class ArticleIn(BaseModel):
    """One article to code, as posted."""

    model_config = ConfigDict(extra="forbid")

    text: Annotated[str, Field(min_length=1, description="The article text.")]
    date: Annotated[dt.date | None, Field(description="Publication date, YYYY-MM-DD.")] = None
    source: Annotated[str | None, Field(max_length=200, description="Outlet name.")] = None
    url: Annotated[str | None, Field(max_length=2000)] = None
    title: Annotated[str | None, Field(max_length=1000)] = None


class WriteResult(BaseModel):
    """What coding the posted article did."""

    id: str = Field(description="The article id (content hash of its text).")
    url: str = Field(description="Where the coded article can be read: /api/articles/{id}.")
    coded: int
    skipped: int = Field(description="1 when this pipeline version had already coded it.")
    events: int
    quotes: int
    positions: int
    rejects: int


_bearer = HTTPBearer(auto_error=False, description=f"The token in ${TOKEN_ENV}.")
router = APIRouter(prefix="/api", tags=["write"])


def check_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Let the request through only with the configured bearer token (a dependency)."""
    if credentials is None:
        raise HTTPException(
            status_code=401,
            detail=f"Writing needs 'Authorization: Bearer <token>' (the server's ${TOKEN_ENV}).",
            headers={"WWW-Authenticate": "Bearer"},
        )
    token: str = request.app.state.write_token
    if not secrets.compare_digest(credentials.credentials.encode(), token.encode()):
        raise HTTPException(status_code=403, detail="Wrong write token.")


@router.post(
    "/articles",
    status_code=201,
    dependencies=[Depends(check_token)],
    responses={
        401: {"description": "No bearer token"},
        403: {"description": "Wrong token"},
        413: {"description": "Body too large"},
    },
)
def post_article(request: Request, article: ArticleIn) -> WriteResult:
    """Code one article (the pipeline of ``dyads code``) and store what it finds."""
    record = Article(
        id=Article.make_id(article.text),
        text=article.text,
        date=article.date.isoformat() if article.date else None,
        source=article.source,
        url=article.url,
        title=article.title,
        origin=ORIGIN,
    )
    database: Database = request.app.state.db
    coder: ArticleCoder = request.app.state.article_coder
    stats = database.write(lambda store: coder([record], store))
    keys = ("coded", "skipped", "events", "quotes", "positions", "rejects")
    return WriteResult(
        id=record.id,
        url=f"/api/articles/{record.id}",
        **{key: int(stats.get(key, 0)) for key in keys},
    )


def enable_writes(app: FastAPI, token: str | None, coder: ArticleCoder | None = None) -> None:
    """Add ``POST /api/articles`` to ``app``, guarded by ``token``.

    Args:
        app (FastAPI): an app from ``create_app(..., allow_writes=True)``, whose database
            is writable.
        token (str | None): the bearer token clients must send.
        coder (ArticleCoder | None): what codes the articles; defaults to the pipeline of
            ``dyads code`` (tests pass a stand-in that needs no spaCy model).

    Raises:
        UsageError: no token, or one shorter than :data:`MIN_TOKEN_LENGTH`.
    """
    if not token or len(token) < MIN_TOKEN_LENGTH:
        raise UsageError(
            message(
                "--allow-writes without a usable token",
                f"${TOKEN_ENV} set to a secret of at least {MIN_TOKEN_LENGTH} characters",
                f"Run e.g. export {TOKEN_ENV}=\"$(python -c 'import secrets; "
                "print(secrets.token_urlsafe(32))')\" first.",
            )
        )
    app.state.write_token = token
    app.state.article_coder = coder or PipelineCoder()
    app.include_router(router)


class PipelineCoder:
    """The ``dyads code`` pipeline, loaded on first use (spaCy takes seconds to load)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded: tuple[Any, Any] | None = None

    def __call__(self, articles: Sequence[Article], store: Store) -> dict[str, Any]:
        from dyads.batch import code_into_store

        nlp, knowledge = self._load()
        stats = code_into_store(list(articles), store, nlp, knowledge, inputs=[ORIGIN])
        return stats.to_dict()

    def _load(self) -> tuple[Any, Any]:
        with self._lock:
            if self._loaded is None:
                from dyads.knowledge import load_knowledge
                from dyads.nlp import load_nlp

                self._loaded = (load_nlp(None), load_knowledge())
            return self._loaded
