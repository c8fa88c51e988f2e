"""Validators and cache lifetimes (ASGI middleware).

Every successful GET of a page or of the API carries an ETag (a hash of the body) and
`Cache-Control: no-cache`: a client keeps the copy but asks again, and a request whose
`If-None-Match` names the current ETag is answered 304 with no body. The store changes while
the server runs (a run writes it), so nothing dynamic is cached without asking. The static
files (`/static/`, served with their own ETag by Starlette) may be kept for an hour.

The ETag is weak (`W/"…"`): the GZip middleware outside this one may compress the body,
which changes the bytes but not the representation.
"""

from __future__ import annotations

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

STATIC_PREFIX = "/static/"
STATIC_CACHE = "public, max-age=3600"
DYNAMIC_CACHE = "no-cache"


def _matches(if_none_match: str, etag: str) -> bool:
    """Whether the header's list names `etag` (weak comparison, as RFC 9110 asks for GET)."""
    wanted = etag.removeprefix("W/")
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or wanted in tags


class ETagMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        if str(scope["path"]).startswith(STATIC_PREFIX):
            await self.app(scope, receive, _with_cache_control(send, STATIC_CACHE))
            return
        if_none_match = Headers(scope=scope).get("if-none-match")
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffered(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await _finish(send, start, b"".join(chunks), if_none_match)

        await self.app(scope, receive, buffered)


async def _finish(send: Send, start: Message, body: bytes, if_none_match: str | None) -> None:
    headers = MutableHeaders(scope=start)
    if start["status"] != 200:
        await send(start)
        await send({"type": "http.response.body", "body": body})
        return
    etag = 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers["ETag"] = etag
    headers.setdefault("Cache-Control", DYNAMIC_CACHE)
    if if_none_match and _matches(if_none_match, etag):
        kept = [
            (k, v)
            for k, v in start["headers"]
            if k.lower() not in (b"content-length", b"content-type")
        ]
        await send({"type": "http.response.start", "status": 304, "headers": kept})
        await send({"type": "http.response.body", "body": b""})
        return
    await send(start)
    await send({"type": "http.response.body", "body": body})


def _with_cache_control(send: Send, value: str) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            MutableHeaders(scope=message).setdefault("Cache-Control", value)
        await send(message)

    return sending
