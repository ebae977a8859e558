"""REST API and pages over the store (``newsgraph serve``).

FastAPI, uvicorn and Jinja2 are the ``web`` extra; they are imported only when a server is
made, so the rest of newsgraph works without them.
"""

from __future__ import annotations

from typing import Any

from newsgraph.errors import NewsgraphError

__all__ = ["create_app", "serve"]

_MISSING = "the web UI needs FastAPI, uvicorn and Jinja2: pip install 'newsgraph[web]' ({error})"


def create_app(store_url: str | None) -> Any:
    """The ASGI application over the store at ``store_url``, opened read-only."""
    try:
        from newsgraph.web.app import create_app as make
    except ImportError as exc:
        raise NewsgraphError(_MISSING.format(error=exc)) from exc
    return make(store_url)


def serve(store_url: str | None, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the UI and API until interrupted."""
    app = create_app(store_url)
    try:
        import uvicorn
    except ImportError as exc:
        raise NewsgraphError(_MISSING.format(error=exc)) from exc
    uvicorn.run(app, host=host, port=port, log_level="info")
