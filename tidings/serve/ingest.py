"""`POST /ingest`: one article in, through the whole pipeline, stored and linked.

The route exists only when the server was started with `--allow-ingest` and `TIDINGS_TOKEN`
set (`create_app(..., ingest_token=...)`); otherwise it is never registered and answers 404.
A request must carry `Authorization: Bearer <token>`: none gives 401, a wrong one 403, the
token compared in constant time (`hmac.compare_digest`).

The body is one JSON object shaped like a line of a JSON Lines input (`text` or `html`, and
`id`, `title`, `published`, `outlet`, `url`), made a Document by the same record reader as a
JSON Lines line of `tidings run` (`record_document`), with the same per-record size cap, and
handed to the runner (`tidings.runner.run_documents`) on the server's open store. Ingests run
one at a time; each links only the blocks its article touches, as a run does.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from tidings.errors import InputRejected
from tidings.ingest.record import record_document
from tidings.runner import run_documents
from tidings.serve.db import StoreAccess
from tidings.settings import Settings, load_settings


def _authorised(request: Request, token: str) -> None:
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(
            status_code=401,
            detail="a bearer token is required",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(status_code=403, detail="wrong token")


async def _body(request: Request, cap: int) -> dict[str, Any]:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > cap:
        raise HTTPException(status_code=413, detail=f"record larger than {cap} bytes")
    data = bytearray()
    async for chunk in request.stream():
        data.extend(chunk)
        if len(data) > cap:
            raise HTTPException(status_code=413, detail=f"record larger than {cap} bytes")
    try:
        record = json.loads(bytes(data))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HTTPException(status_code=400, detail=f"body is not JSON: {exc}") from exc
    if not isinstance(record, dict):
        raise HTTPException(status_code=400, detail="body must be one JSON object")
    return record


def _ingest(access: StoreAccess, record: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """Run the pipeline over one record and store what it gives, one ingest at a time (the
    model is not shared between threads, and the store has one writer)."""
    with access.write_lock:
        return _ingest_locked(access, record, settings)


def _ingest_locked(
    access: StoreAccess, record: dict[str, Any], settings: Settings
) -> dict[str, Any]:
    # the raw bytes as a JSON Lines line would hold them: the document's sha256 is theirs
    line = json.dumps(record, ensure_ascii=False).encode()
    document = record_document("<ingest>", record, sha256=hashlib.sha256(line).hexdigest())
    if isinstance(document, InputRejected):
        raise HTTPException(status_code=422, detail=document.reason)
    summary = run_documents([document], store=access.store, settings=settings)
    if not summary.articles:
        raise HTTPException(
            status_code=422, detail="; ".join(summary.rejections) or "no article found"
        )
    return {
        "articles": list(summary.articles),
        "added": summary.stored.articles_added,
        "present": summary.stored.articles_present,
        "rejected": list(summary.rejections),
        "clusters": summary.clusters.clusters if summary.clusters else None,
    }


def ingest_router(token: str) -> APIRouter:
    """The ingest route, bound to `token` (never empty)."""
    if not token:
        raise ValueError("an ingest token must not be empty")
    settings = load_settings(None)
    router = APIRouter(tags=["ingest"])

    @router.post("/ingest", summary="Store one article (JSONL record shape); needs the token")
    async def ingest(request: Request) -> JSONResponse:
        _authorised(request, token)
        record = await _body(request, settings.ingest.max_record_bytes)
        access: StoreAccess = request.app.state.access
        result = await run_in_threadpool(_ingest, access, record, settings)
        return JSONResponse(result, status_code=201 if result["added"] else 200)

    return router
