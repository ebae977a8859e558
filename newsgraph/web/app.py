"""The FastAPI application: each page is its ``/api`` twin rendered with a template.

Every JSON route returns a view's dict (``views.py``); the HTML route of the same page takes
that JSON route as its dependency, so both share the parameters, their validation and the
data. Articles are untrusted input: templates autoescape, the article reader escapes each
text segment on its own, and a Content-Security-Policy allows only our own script and style
as a second line of defence. The only files served are the package's own ``static`` folder.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from newsgraph import __version__
from newsgraph.errors import NewsgraphError, NotFound
from newsgraph.store import Store, open_store
from newsgraph.web import views
from newsgraph.web.network import network

__all__ = ["create_app"]

HERE = Path(__file__).resolve().parent

_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

Page = Annotated[int, Query(ge=1, le=views.MAX_ROWS_SCANNED, description="Page number, from 1.")]
Limit = Annotated[int, Query(ge=1, le=views.MAX_LIMIT, description="Rows per page.")]
Text = Annotated[str | None, Query(max_length=200)]
Id = Annotated[str, PathParam(min_length=1, max_length=200)]


def _store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


StoreDep = Annotated[Store, Depends(_store)]


def _templates() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["version"] = __version__
    return env


def create_app(store_url: str | None) -> FastAPI:
    """The application over the store at ``store_url``, opened read-only now (so a wrong URL
    fails at start, not at the first request) and closed when the server stops."""
    store = open_store(store_url, readonly=True)
    env = _templates()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    # FastAPI's /docs and /redoc load their scripts from a CDN: the OpenAPI description
    # itself is served, the pages that would fetch code from elsewhere are not.
    app = FastAPI(title="newsgraph", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="The knowledge base read from news articles; every fact links to its span.")
    app.state.store = store
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def render(request: Request, template: str, data: dict[str, Any], status: int = 200) -> HTMLResponse:
        html = env.get_template(template).render(data=data, request=request, path=request.url.path,
                                                 query=dict(request.query_params))
        return HTMLResponse(html, status_code=status)

    def failure(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status)
        return render(request, "error.html", {"status": status, "message": message}, status)

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.update(_SECURITY_HEADERS)
        return response

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return failure(request, 404, str(exc))

    @app.exception_handler(views.BadParameter)
    async def bad_parameter(request: Request, exc: views.BadParameter) -> Response:
        return failure(request, 400, str(exc))

    @app.exception_handler(NewsgraphError)
    async def store_failed(request: Request, exc: NewsgraphError) -> Response:
        return failure(request, 500, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "invalid parameters", "detail": _plain(exc.errors())}, status_code=422)
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return render(request, "error.html", {"status": 422, "message": problems}, 422)

    # -- the API: one route per view ------------------------------------------------

    @app.get("/api/overview", tags=["api"], summary="Corpus counts, most mentioned entities, latest articles")
    def api_overview(s: StoreDep) -> dict[str, Any]:
        return views.overview(s)

    @app.get("/api/entities", tags=["api"], summary="Entities, most mentioned first")
    def api_entities(s: StoreDep, type: Text = None, q: Text = None, page: Page = 1, limit: Limit = 50) -> dict[str, Any]:
        return views.entity_list(s, type=type, q=q, page=page, limit=limit)

    @app.get("/api/entities/{entity_id}", tags=["api"], summary="One entity: roles, quotes, events, appearances")
    def api_entity(s: StoreDep, entity_id: Id) -> dict[str, Any]:
        return views.entity_profile(s, entity_id)

    @app.get("/api/articles", tags=["api"], summary="Articles, most recently stored first")
    def api_articles(s: StoreDep, page: Page = 1, limit: Limit = 50) -> dict[str, Any]:
        return views.article_list(s, page=page, limit=limit)

    @app.get("/api/articles/{article_id}", tags=["api"], summary="One article's text with everything read in it")
    def api_article(s: StoreDep, article_id: Id) -> dict[str, Any]:
        return views.article_page(s, article_id)

    @app.get("/api/quotes", tags=["api"], summary="Quotes and reported claims")
    def api_quotes(s: StoreDep, by: Text = None, about: Text = None, page: Page = 1,
                   limit: Limit = 50) -> dict[str, Any]:
        return views.quote_list(s, by=by, about=about, page=page, limit=limit)

    @app.get("/api/events", tags=["api"], summary="Coded events in date order")
    def api_events(
        s: StoreDep,
        actor: Text = None,
        code: Annotated[str | None, Query(pattern=r"^(\d{1,4})?$", description="CAMEO code or prefix")] = None,
        since: Annotated[str | None, Query(pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$", description="ISO date")] = None,
        page: Page = 1,
        limit: Limit = 50,
    ) -> dict[str, Any]:
        return views.event_list(s, actor=actor, code=code, since=since, page=page, limit=limit)

    @app.get("/api/numbers", tags=["api"], summary="Numbers claimed, by whom, about what")
    def api_numbers(s: StoreDep, about: Text = None, page: Page = 1, limit: Limit = 50) -> dict[str, Any]:
        return views.number_list(s, about=about, page=page, limit=limit)

    @app.get("/api/search", tags=["api"], summary="Full-text search over articles, entities and quotes")
    def api_search(
        s: StoreDep,
        q: Text = None,
        kind: Annotated[str | None, Query(pattern=r"^(article|entity|quote)?$")] = None,
        page: Page = 1,
        limit: Limit = 20,
    ) -> dict[str, Any]:
        return views.search_page(s, q=q, kind=kind, page=page, limit=limit)

    @app.get("/api/claims", tags=["api"],
             summary="Contradictions between independent sources, and what several publishers corroborate")
    def api_claims(s: StoreDep, about: Text = None, page: Page = 1, limit: Limit = 20) -> dict[str, Any]:
        return views.claims_page(s, about=about, page=page, limit=limit)

    @app.get("/api/network", tags=["api"], summary="Actors and the events and quotes between them, laid out")
    def api_network(
        s: StoreDep,
        type: Annotated[str | None, Query(pattern=r"^[A-Za-z_]*$", max_length=20, description="Entity type")] = None,
        family: Annotated[str | None, Query(pattern=r"^(\d{2}|quote)?$",
                                            description="CAMEO root (19 = fight) or quote")] = None,
    ) -> dict[str, Any]:
        return network(s, type=type.upper() if type else None, family=family or None)

    # -- the pages: the same dicts, rendered -----------------------------------------

    def page(path: str, template: str, api: Any) -> None:
        # A default, not an annotation: annotations are strings here and ``api`` is local.
        def route(request: Request, data: dict[str, Any] = Depends(api)) -> HTMLResponse:  # noqa: B008
            return render(request, template, data)

        app.add_api_route(path, route, methods=["GET"], response_class=HTMLResponse, include_in_schema=False,
                          name=f"page:{template}")

    page("/", "overview.html", api_overview)
    page("/entities", "entities.html", api_entities)
    page("/entities/{entity_id}", "entity.html", api_entity)
    page("/articles", "articles.html", api_articles)
    page("/articles/{article_id}", "article.html", api_article)
    page("/quotes", "quotes.html", api_quotes)
    page("/events", "events.html", api_events)
    page("/numbers", "numbers.html", api_numbers)
    page("/search", "search.html", api_search)
    page("/claims", "claims.html", api_claims)
    page("/network", "network.html", api_network)
    return app


def _plain(errors: Any) -> list[dict[str, Any]]:
    """Validation errors without the exception objects pydantic may put in ``ctx``."""
    return [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors]
