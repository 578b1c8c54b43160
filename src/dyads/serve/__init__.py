"""The web face of dyads: a FastAPI app with a JSON API and HTML pages over one database.

Example:
    >>> from dyads.serve import create_app
    >>> app = create_app("dyads.duckdb")  # doctest: +SKIP
    >>> # uvicorn.run(app, host="127.0.0.1", port=8000)
"""

from dyads.serve.app import create_app

__all__ = ["create_app"]
