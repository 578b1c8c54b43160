"""A request body size limit, as a small ASGI middleware.

The API is read-only by default, but the write endpoint (``write.py``) takes article text,
and nothing should let a client make the server buffer an unbounded body. The limit is
checked twice: against ``Content-Length`` before the app runs, and against the bytes
actually received (a chunked body has no length), so a lying or missing header cannot get
past it. Either way the client gets ``413`` with a JSON ``{"detail": ...}`` body.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException

DEFAULT_MAX_BODY = 1_000_000
"""Largest request body accepted, in bytes (1 MB): room for a long article as JSON."""

Scope = dict[str, Any]
Message = dict[str, Any]


class BodyTooLarge(HTTPException):
    """Raised inside ``receive`` when a body grows past the limit while streaming.

    An ``HTTPException`` (413), so that FastAPI, which turns other errors met while
    reading a body into 400, passes it on to the app's JSON error handler.
    """

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, _detail(max_bytes))


class BodySizeLimit:
    """ASGI middleware answering 413 to HTTP requests whose body exceeds ``max_bytes``.

    Args:
        app: the ASGI app to wrap.
        max_bytes (int): the largest body accepted. Defaults to :data:`DEFAULT_MAX_BODY`.
    """

    def __init__(self, app: Any, max_bytes: int = DEFAULT_MAX_BODY) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._reject(send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:  # the app read the body before answering, as apps do
                await self._reject(send)

    async def _reject(self, send: Any) -> None:
        body = json.dumps({"detail": _detail(self.max_bytes)}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _detail(max_bytes: int) -> str:
    return f"Request body larger than {max_bytes} bytes; send less (one article at a time)."


def _content_length(scope: Scope) -> int | None:
    """The declared body length, or None when absent or unreadable (then bytes are counted)."""
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
