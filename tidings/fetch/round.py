"""One round of `tidings fetch`: every SOURCE fetched politely, every new or changed page it
lists fetched and archived in the round's WARC file, then that file stored through the same
function `tidings run` uses, so that what is fetched and what a replay of the WARC stores are
one and the same.

Nothing is lost or fetched twice when a round is killed: a URL's state (validators, the key of
its feed entry) is remembered only once its response is synced into the WARC, a feed's only
once every page it lists is, and a WARC whose articles were not stored yet is stored at the
start of the next round (storing is idempotent: a stored document is known by its hash)."""

from __future__ import annotations

import fcntl
import os
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tidings.errors import InputRejected, StoreError
from tidings.fetch.client import Disallowed, Fetched, FetchFailed, FetchOptions, PoliteClient
from tidings.fetch.client import Validators as HttpValidators
from tidings.fetch.sources import BadSource, Item, read_listing
from tidings.fetch.url_list import source_urls
from tidings.fetch.warc_writer import RoundArchive, warc_folder
from tidings.runner import RunSummary, run_paths
from tidings.settings import Settings
from tidings.store import Store
from tidings.store.fetch_state import FetchState, UrlState

# A sitemap index may list indexes; deeper than this is a loop or a trap.
MAX_SITEMAP_DEPTH = 3
FETCH_LOCK_SUFFIX = ".fetch.lock"

Report = Callable[[InputRejected], None]


def store_warcs(paths: list[Path], *, db: Path, settings: Settings, report: Report) -> RunSummary:
    """Store the articles of WARC files, as `tidings run FILE.warc.gz` would (the same
    runner): the one place where fetching hands over to the pipeline."""
    return run_paths(
        [str(path) for path in paths], db=db, settings=settings, progress=_Rejections(report)
    )


@dataclass(frozen=True, slots=True)
class _Rejections:
    """The runner's progress, of which a fetch round only says the rejected documents."""

    report: Report

    def reached(self, document_path: str) -> None:
        pass

    def rejected(self, item: InputRejected) -> None:
        self.report(item)


@dataclass(slots=True)
class RoundSummary:
    """What one round did. `fetched`: full responses archived (feeds, sitemaps, pages);
    `not_modified`: 304s; `unchanged`: pages a listing names whose entry is as when they
    were fetched (not asked for); `disallowed`: URLs robots.txt keeps out (not asked for);
    `failed`: sources and pages that gave one line each; `stored`: what storing the round's
    WARC (and any WARC an earlier round left unstored) did."""

    fetched: int = 0
    not_modified: int = 0
    unchanged: int = 0
    disallowed: int = 0
    failed: int = 0
    requests: int = 0
    warc: Path | None = None
    stored: list[RunSummary] = field(default_factory=list)

    def count_failed(self) -> None:
        self.failed += 1

    @property
    def articles_added(self) -> int:
        return sum(s.stored.articles_added for s in self.stored)

    @property
    def rejected(self) -> int:
        return sum(s.rejected for s in self.stored)

    @property
    def not_english(self) -> Counter[str]:
        """Articles stored that are not in English, by language."""
        return sum((s.not_english for s in self.stored), Counter())

    def sentence(self) -> str:
        present = sum(s.stored.articles_present for s in self.stored)
        return (
            f"fetched {self.fetched}, not modified {self.not_modified}, "
            f"unchanged {self.unchanged}, disallowed {self.disallowed}, failed {self.failed}; "
            f"stored {self.articles_added} new article{'' if self.articles_added == 1 else 's'}"
            f" ({present} already present), {self.rejected} rejected"
        )


def fetch_round(
    sources: list[str],
    *,
    db: Path,
    settings: Settings,
    options: FetchOptions,
    report: Report,
    transport: httpx.BaseTransport | None = None,
) -> RoundSummary:
    """Fetch `sources` (feed, sitemap or page URLs, or files listing them) into `db`. Each
    bad source or page is given to `report` and the round goes on. Raises StoreError (the
    store cannot be used, or another fetch holds it) and ConfigError."""
    wait = settings.store.lock_wait_seconds
    summary = RoundSummary()
    with _fetch_lock(db):
        Store.open(db, wait=wait).close()  # created or upgraded: the fetch tables exist
        state = FetchState(db, wait=wait)
        folder = warc_folder(db)
        _store_left_over(state, folder, db=db, settings=settings, summary=summary, report=report)
        with (
            RoundArchive(folder, on_create=state.add_round) as archive,
            PoliteClient(options, transport=transport) as client,
        ):
            fetcher = _Fetcher(client, archive, state, summary, report, options.max_bytes)
            for url in source_urls(sources, report=report, on_bad=summary.count_failed):
                fetcher.source(url, depth=0)
            summary.requests = client.requests
        if archive.path is not None:
            summary.warc = archive.path
            if archive.pages:  # a round that archived feeds only has nothing to store
                named = _naming_urls(report, archive)
                stored = store_warcs([archive.path], db=db, settings=settings, report=named)
                summary.stored.append(stored)
            state.round_stored(archive.path.name)
    return summary


def _naming_urls(report: Report, archive: RoundArchive) -> Report:
    """`report`, with a rejected record of the round's WARC named by its URL too
    (`http://site/news/1.html (news-warcs/X.warc.gz#1): no article text found`)."""
    prefix = f"{archive.path}#"

    def named(item: InputRejected) -> None:
        number = item.path[len(prefix) :] if item.path.startswith(prefix) else ""
        if number.isdigit() and int(number) < len(archive.urls):
            item = InputRejected(f"{archive.urls[int(number)]} ({item.path})", item.reason)
        report(item)

    return named


def _store_left_over(
    state: FetchState,
    folder: Path,
    *,
    db: Path,
    settings: Settings,
    summary: RoundSummary,
    report: Report,
) -> None:
    """Store the WARC files of rounds killed before they stored them."""
    names = state.rounds_not_stored()
    present = [folder / name for name in names if (folder / name).exists()]
    for name in names:
        if not (folder / name).exists():
            report(InputRejected(str(folder / name), "missing: a round's WARC file was removed"))
    if present:
        summary.stored.append(store_warcs(present, db=db, settings=settings, report=report))
    for name in names:
        state.round_stored(name)


@dataclass(slots=True)
class _Fetcher:
    """The work of one round over its sources."""

    client: PoliteClient
    archive: RoundArchive
    state: FetchState
    summary: RoundSummary
    report: Report
    max_bytes: int
    seen: set[str] = field(default_factory=set)

    def source(self, url: str, *, depth: int) -> None:
        """A SOURCE or a sitemap an index lists: a listing and its pages, or a page."""
        if url in self.seen:
            return
        self.seen.add(url)
        known = self.state.get(url)
        fetched = self._get(url, known, report_disallowed=True)
        if fetched is None:
            return
        if fetched.not_modified:
            self._remember_not_modified(url, known, fetched)
            return
        try:
            listing = read_listing(fetched, max_bytes=self.max_bytes)
        except BadSource as exc:
            self._failed(exc)
            return
        warc = self.archive.write(fetched, listing=listing.kind if listing else None)
        self.summary.fetched += 1
        if listing is None:
            self._remember(url, "page", fetched, warc=warc)
            return
        for sitemap in listing.sitemaps:
            if depth < MAX_SITEMAP_DEPTH:
                self.source(sitemap, depth=depth + 1)
        known_items = self.state.get_many([item.url for item in listing.items])
        for item in listing.items:
            self.item(item, known_items.get(item.url))
        # only now: were the round killed before, the listing would be read again in full
        self._remember(url, "sitemap" if listing.kind != "feed" else "feed", fetched, warc=warc)

    def item(self, item: Item, known: UrlState | None) -> None:
        """A page a listing names (`known`: what is remembered of it): asked for only when
        new or when its entry changed."""
        if item.url in self.seen:
            return
        self.seen.add(item.url)
        if known is not None and known.item_key == item.key:
            self.summary.unchanged += 1
            return
        fetched = self._get(item.url, known, report_disallowed=False)
        if fetched is None:
            return
        if fetched.not_modified:
            self._remember_not_modified(item.url, known, fetched, item_key=item.key)
            return
        warc = self.archive.write(fetched, item)
        self.summary.fetched += 1
        self._remember(item.url, "page", fetched, warc=warc, item_key=item.key)

    def _get(self, url: str, known: UrlState | None, *, report_disallowed: bool) -> Fetched | None:
        validators = HttpValidators(known.etag, known.last_modified) if known else None
        try:
            return self.client.get(url, validators)
        except Disallowed as exc:
            self.summary.disallowed += 1
            if report_disallowed:
                self.report(exc)
        except FetchFailed as exc:
            self._failed(exc)
        return None

    def _failed(self, exc: InputRejected) -> None:
        self.summary.failed += 1
        self.report(exc)

    def _remember(
        self,
        url: str,
        kind: str,
        fetched: Fetched,
        *,
        warc: str | None,
        item_key: str | None = None,
    ) -> None:
        validators = fetched.validators
        self.state.remember(
            UrlState(
                url=url,
                kind=kind,
                etag=validators.etag,
                last_modified=validators.last_modified,
                item_key=item_key,
                status=fetched.status,
                warc=warc,
                fetched_at=fetched.fetched_at,
            )
        )

    def _remember_not_modified(
        self, url: str, known: UrlState | None, fetched: Fetched, *, item_key: str | None = None
    ) -> None:
        """A 304: the validators stay (a 304 may send fresh ones), and the page's entry key
        is the new one (the page is as archived)."""
        self.summary.not_modified += 1
        fresh = fetched.validators
        self.state.remember(
            UrlState(
                url=url,
                kind=known.kind if known else "page",
                etag=fresh.etag or (known.etag if known else None),
                last_modified=fresh.last_modified or (known.last_modified if known else None),
                item_key=item_key if item_key is not None else (known.item_key if known else None),
                status=fetched.status,
                warc=known.warc if known else None,
                fetched_at=fetched.fetched_at,
            )
        )


@contextmanager
def _fetch_lock(db: Path) -> Iterator[None]:
    """One fetch at a time on a store: two would fetch the same pages and race on its
    state. The kernel drops the lock when the process ends, however it ends."""
    lock = db.with_name(db.name + FETCH_LOCK_SUFFIX)
    try:
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"cannot create {lock}: {exc.strerror or 'unknown error'}") from exc
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise StoreError(f"{db} is being fetched into by another tidings fetch") from exc
        yield
    finally:
        os.close(descriptor)
