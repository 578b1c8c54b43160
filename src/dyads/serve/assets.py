"""plotly.js, served from the installed ``plotly`` package: the dashboard never uses a CDN.

The file is large (about 4.8 MB, 1.4 MB gzipped) and changes only with the ``plotly``
pin, so it is served at a URL that names the plotly.js version, with a one-year
``immutable`` cache header, and gzipped once in memory for browsers that accept it.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

router = APIRouter(include_in_schema=False)

PLOTLY_PATH = "/static/plotly.min.js"
"""Where pages load plotly.js from (with ``?v=<version>``); routed before ``/static``."""

_CACHE = "public, max-age=31536000, immutable"


def plotly_file() -> Path:
    """The ``plotly.min.js`` bundled in the installed ``plotly`` Python package."""
    return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))


@cache
def plotly_version() -> str:
    """The plotly.js version, used to make the asset URL change when the pin does."""
    from plotly.offline import get_plotlyjs_version

    return str(get_plotlyjs_version())


def plotly_url() -> str:
    """The versioned URL of plotly.js, for ``<script src>`` in the templates."""
    return f"{PLOTLY_PATH}?v={plotly_version()}"


@cache
def _plotly_bytes() -> tuple[bytes, bytes]:
    """The file and its gzip, read once per process (the package never changes under us)."""
    path = plotly_file()
    if not path.is_file():
        raise HTTPException(
            status_code=404,
            detail=f"plotly.js not found at {path}; reinstall the 'plotly' package.",
        )
    raw = path.read_bytes()
    return raw, gzip.compress(raw, compresslevel=6, mtime=0)


@router.api_route(PLOTLY_PATH, methods=["GET", "HEAD"])
def plotly_js(request: Request) -> Response:
    """Serve plotly.js, gzipped when the browser accepts it, cached for a year."""
    raw, packed = _plotly_bytes()
    headers = {"Cache-Control": _CACHE, "Vary": "Accept-Encoding"}
    media = "text/javascript; charset=utf-8"
    if "gzip" in request.headers.get("accept-encoding", "").lower():
        headers["Content-Encoding"] = "gzip"
        return Response(packed, media_type=media, headers=headers)
    return Response(raw, media_type=media, headers=headers)
