"""The application: the JSON API, the web pages, the static files and (only when asked for, with
a token) the ingest route, over one store.

    app = create_app(Path("tidings.duckdb"))                        # read-only
    app = create_app(Path("tidings.duckdb"), ingest_token="s3cret")  # POST /ingest exists

Every response carries a strict Content-Security-Policy (scripts and styles only from this
origin, no inline script or style, no frames, no plug-ins), `X-Content-Type-Options: nosniff`
and a `Referrer-Policy`. FastAPI's own /docs page loads Swagger UI from a CDN, which an offline
machine cannot reach and the policy would refuse anyway, so `/docs` is a page of our own drawn
from the OpenAPI schema (`/openapi.json`).

Read-only, the app holds the store only while requests read it (`serve/db.py`), so it serves
while `tidings run` writes the same store; a request that cannot get the store within
`serve.read_wait_seconds` is answered 503 with `Retry-After`, in one line.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import HTTPException, RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from tidings.errors import TidingsError
from tidings.serve import api, table_api, table_page, web
from tidings.serve.caching import ETagMiddleware
from tidings.serve.db import StoreAccess
from tidings.serve.pages import templates
from tidings.settings import Settings, load_settings
from tidings.store import StoreBusy

STATIC = Path(__file__).parent / "static"
# What a 503 for a busy store asks a client to wait: a run's windows are short, its link
# step's write a few seconds on thousands of articles.
RETRY_AFTER_SECONDS = 5
# The names a browser may use for this server. Any other Host header is refused (400): a page
# on attacker.example whose name is rebound to 127.0.0.1 (DNS rebinding) would otherwise read
# a store served on localhost. `tidings serve` adds the host it listens on and --allowed-host.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
# Responses smaller than this are sent as they are: compressing them saves nothing.
GZIP_MINIMUM_BYTES = 1024

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def create_app(
    db: Path,
    *,
    ingest_token: str | None = None,
    settings: Settings | None = None,
    allowed_hosts: Sequence[str] = (),
) -> FastAPI:
    """The app over the store `db`: read-only, unless `ingest_token` is given, when the store
    is opened for writing and `POST /ingest` accepts articles that bear the token. `settings`
    (default: shipped, or $TIDINGS_SETTINGS) give the waits for the store (`serve:`). Requests
    must name the server as localhost or one of `allowed_hosts` in their Host header."""
    writable = ingest_token is not None
    settings = settings or load_settings(None)
    access = StoreAccess(
        db,
        writable=writable,
        settings=settings.serve,
        lock_wait=settings.store.lock_wait_seconds,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            access.close()

    app = FastAPI(
        title="Tidings",
        summary="Event data from news: events, articles, actors, quotes, timelines.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.access = access
    app.state.writable = writable
    # the last added is the outermost: the Host check first, the ETag on the plain body
    app.add_middleware(ETagMiddleware)
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_BYTES)
    hosts = list(dict.fromkeys([*LOCAL_HOSTS, *(h.strip() for h in allowed_hosts if h.strip())]))
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)
    app.middleware("http")(_security_headers)
    app.include_router(table_api.router)
    app.include_router(api.router)
    app.include_router(table_page.router)
    app.include_router(web.router)
    if ingest_token is not None:
        from tidings.serve.ingest import ingest_router  # the pipeline is needed only here

        app.include_router(ingest_router(ingest_token))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_api_route("/docs", _docs_page, methods=["GET"], include_in_schema=False)
    _error_handlers(app)
    return app


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    for name, value in SECURITY_HEADERS.items():
        response.headers[name] = value
    return response


def _docs_page(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            parameters = [
                {
                    "name": p.get("name"),
                    "where": p.get("in"),
                    "required": p.get("required", False),
                    "description": p.get("description") or p.get("schema", {}).get("description"),
                    "type": _type_name(p.get("schema", {})),
                }
                for p in operation.get("parameters", [])
            ]
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "parameters": parameters,
                }
            )
    context = {"operations": operations, "title": "API"}
    return templates.TemplateResponse(request, "docs.html", context)


def _type_name(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type_name(s) for s in schema["anyOf"] if s.get("type") != "null")
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    return str(schema.get("type", ""))


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/api/", "/ingest", "/openapi"))


def _error_handlers(app: FastAPI) -> None:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if _wants_html(request):
            context = {"status": exc.status_code, "detail": exc.detail, "title": "Not found"}
            return templates.TemplateResponse(
                request, "error.html", context, status_code=exc.status_code
            )
        return JSONResponse(
            {"detail": exc.detail},
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    async def store_error(request: Request, exc: Exception) -> Response:
        detail = str(exc)
        # a writer holds the store (a run's link step, an ingesting server): worth a retry
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if isinstance(exc, StoreBusy) else {}
        if _wants_html(request):
            context = {"status": 503, "detail": detail, "title": "Store unavailable"}
            return templates.TemplateResponse(
                request, "error.html", context, status_code=503, headers=headers
            )
        return JSONResponse({"detail": detail}, status_code=503, headers=headers)

    async def bad_request(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        if _wants_html(request):
            detail = "; ".join(
                f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg')}"
                for e in exc.errors()
            )
            context = {"status": 422, "detail": detail, "title": "Bad request"}
            return templates.TemplateResponse(request, "error.html", context, status_code=422)
        return JSONResponse({"detail": jsonable_errors(exc)}, status_code=422)

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(TidingsError, store_error)
    app.add_exception_handler(RequestValidationError, bad_request)


def jsonable_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Validation errors without the offending input echoed back (it may be large)."""
    return [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")}
        for e in exc.errors()
    ]
