"""The WARC file of one fetch round (warcio): every full response, as a `response` record with
its HTTP status and headers (those of the decoded body: no Content-Encoding), in a file of its
own in the folder beside the store (`news.duckdb` -> `news-warcs/20261206T211800Z.warc.gz`).
`tidings run` reads it back as any WARC: `tidings run news-warcs/` replays every round.

What a feed or sitemap entry says of a page (title, date, outlet) rides along in the record's
own headers (`Tidings-Title`, `Tidings-Published`, `Tidings-Outlet`), which the WARC reader
gives the article as a JSON Lines record's keys would be, so a replay stores the same articles.
Each record is flushed and synced before `write` returns: what the store then remembers of a
URL is always in a file."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings.fetch.client import Fetched
from tidings.fetch.record_headers import (
    LISTING_HEADER,
    OUTLET_HEADER,
    PUBLISHED_HEADER,
    TITLE_HEADER,
)
from tidings.fetch.sources import Item

WARC_FOLDER_SUFFIX = "-warcs"
WARC_SUFFIX = ".warc.gz"


def warc_folder(db: Path) -> Path:
    """Where the WARC files of the store at `db` go: beside it, named after it."""
    return db.with_name(db.stem + WARC_FOLDER_SUFFIX)


class RoundArchive:
    """One round's WARC file, created on the first write (a round of 304s writes none).
    `on_create` is told the file's name before anything is written to it."""

    def __init__(self, folder: Path, *, on_create: Callable[[str], None]) -> None:
        self.folder = folder
        self.path: Path | None = None
        self.records = 0
        self.pages = 0
        # the URL of each record, in order: record N of the file is `path#N` to the reader
        self.urls: list[str] = []
        self._on_create = on_create
        self._file: BinaryIO | None = None
        self._writer: WARCWriter | None = None

    def write(
        self, fetched: Fetched, item: Item | None = None, *, listing: str | None = None
    ) -> str:
        """Archive `fetched`: a page (with `item`'s title, date and outlet), or the response
        of a feed or sitemap when `listing` names its kind. The file's name."""
        writer, file = self._open()
        http_headers = StatusAndHeaders(
            f"{fetched.status} {fetched.reason}".strip(),
            [*fetched.headers, ("Content-Length", str(len(fetched.body)))],
            protocol=_protocol(fetched.http_version),
        )
        warc_headers = {"WARC-Date": _warc_date(fetched.fetched_at)}
        if listing is not None:
            warc_headers[LISTING_HEADER] = listing
        if item is not None:
            for name, value in (
                (TITLE_HEADER, item.title),
                (PUBLISHED_HEADER, item.published),
                (OUTLET_HEADER, item.outlet),
            ):
                if value:
                    warc_headers[name] = _one_line(value)
        record = writer.create_warc_record(
            fetched.final_url,
            "response",
            payload=io.BytesIO(fetched.body),
            length=len(fetched.body),
            http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )
        writer.write_record(record)
        file.flush()
        os.fsync(file.fileno())
        self.records += 1
        self.urls.append(fetched.final_url)
        self.pages += listing is None
        assert self.path is not None
        return self.path.name

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> RoundArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _open(self) -> tuple[WARCWriter, BinaryIO]:
        if self._writer is not None and self._file is not None:
            return self._writer, self._file
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        path = self.folder / f"{stamp}{WARC_SUFFIX}"
        number = 1
        while path.exists():  # two rounds in one second
            number += 1
            path = self.folder / f"{stamp}-{number}{WARC_SUFFIX}"
        self._on_create(path.name)
        self.path = path
        self._file = path.open("xb")
        self._writer = WARCWriter(self._file, gzip=True)
        return self._writer, self._file


def _protocol(http_version: str) -> str:
    """warcio writes the status line as `protocol status`: HTTP/1.1, HTTP/2 as they are."""
    return http_version if http_version.startswith("HTTP/") else "HTTP/1.1"


def _warc_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _one_line(value: str) -> str:
    """A header value cannot hold a line break."""
    return " ".join(value.split())
