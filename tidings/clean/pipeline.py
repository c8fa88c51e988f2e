"""clean: a decoded Document → its stories as Articles (title, date, outlet, clean text)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from tidings.clean.article import UNKNOWN_DATE, Article, DateValue, RemovedLine
from tidings.clean.boilerplate import judge_lines, load_lexicon
from tidings.clean.line_features import normalise as normalise_for_lexicon
from tidings.clean.hints import date_from_hint
from tidings.clean.html import extract_html
from tidings.clean.knowledge import PageKnowledge, canonical_outlet, load_page_knowledge
from tidings.clean.normalise import normalise_lines
from tidings.clean.page_parts import (
    PageParts,
    looks_like_caption,
    separate_page_parts,
    split_dateline,
)
from tidings.clean.pubdate import find_date
from tidings.clean.repair import repair_glued_sentences
from tidings.clean.stories import StorySegment, looks_like_headline, split_stories
from tidings.clean.title import choose_title
from tidings.errors import InputRejected
from tidings.ingest.document import Document

# Characters of the content hash kept in an article id: 64 bits, no collision in practice for
# the millions of articles one store holds.
ID_HEX_CHARS = 16


@dataclass(frozen=True, slots=True)
class _Story:
    title: str | None
    text: str
    published: DateValue
    outlet: str | None
    byline: str | None
    dateline: str | None
    captions: tuple[str, ...]
    removed: tuple[RemovedLine, ...]


def clean_document(doc: Document) -> list[Article]:
    """Every story of `doc`. Raises InputRejected when no article text is left."""
    knowledge = load_page_knowledge()
    if doc.format == "html":
        stories = [_clean_html(doc, knowledge)]
    else:
        segments = split_stories(
            normalise_lines(doc.content),
            not_headline=lambda line: _not_headline(line, knowledge),
        )
        stories = [_clean_segment(seg, doc, knowledge) for seg in segments]
    stories = [story for story in stories if story.text]
    if not stories:
        raise InputRejected(doc.path, "no article text found")
    return [_to_article(doc, part, story, len(stories)) for part, story in enumerate(stories)]


def _not_headline(line: str, knowledge: PageKnowledge) -> bool:
    """Lines that a page repeats like a story's header but that never open a story."""
    return (
        looks_like_caption(line, knowledge)
        or find_date(line, knowledge) is not None
        or load_lexicon().matches(normalise_for_lexicon(line))
    )


def _article_id(doc: Document, part: int, count: int, text: str) -> str:
    if doc.record_id is not None:
        return doc.record_id if count == 1 else f"{doc.record_id}-{part}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:ID_HEX_CHARS]


def _to_article(doc: Document, part: int, story: _Story, count: int) -> Article:
    return Article(
        id=_article_id(doc, part, count, story.text),
        document=doc,
        part=part,
        title=story.title,
        published=story.published,
        outlet=story.outlet,
        text=story.text,
        byline=story.byline,
        dateline=story.dateline,
        captions=story.captions,
        removed=story.removed,
    )


def _body_and_title(
    parts: PageParts, segment: StorySegment, doc: Document, mode: str
) -> tuple[list[str], str | None, list[RemovedLine]]:
    verdicts = judge_lines(parts.rest, mode=mode)  # type: ignore[arg-type]
    body = [line for line, v in zip(parts.rest, verdicts, strict=True) if v.keep]
    removed = [
        RemovedLine(line, v.reason)
        for line, v in zip(parts.rest, verdicts, strict=True)
        if not v.keep
    ]
    if doc.hints.title_given:
        return body, doc.hints.title, removed
    if segment.headline is not None:
        return body, segment.headline, removed
    first_body = next((i for i, v in enumerate(verdicts) if v.keep), len(verdicts))
    above = [(line, v.reason) for line, v in zip(parts.rest[:first_body], verdicts, strict=False)]
    title = choose_title(above)
    if title is None and body and looks_like_headline(body[0]) and len(body) > 1:
        # No headline above the body: the body's own first line is it.
        title = body.pop(0)
    return body, title, removed


def _clean_segment(segment: StorySegment, doc: Document, knowledge: PageKnowledge) -> _Story:
    parts = separate_page_parts(segment.lines, headline=segment.headline, knowledge=knowledge)
    body, title, removed = _body_and_title(parts, segment, doc, "page")
    dateline = split_dateline(body[0], knowledge) if body else None
    if dateline is not None:
        body[0] = dateline.body
    published = date_from_hint(doc.hints.published) or parts.published or parts.caption_date
    outlet = (
        (canonical_outlet(doc.hints.outlet, knowledge) if doc.hints.outlet else None)
        or parts.credit_outlet
        or (dateline.outlet if dateline else None)
    )
    return _Story(
        title=title,
        text=_join(body),
        published=published or UNKNOWN_DATE,
        outlet=outlet,
        byline=parts.byline,
        dateline=dateline.text if dateline else None,
        captions=tuple(parts.captions),
        removed=tuple(parts.removed + removed),
    )


def _clean_html(doc: Document, knowledge: PageKnowledge) -> _Story:
    extracted = extract_html(doc.content, url=doc.hints.url)
    segment = StorySegment(tuple(normalise_lines(extracted.text)), None)
    parts = separate_page_parts(segment.lines, headline=None, knowledge=knowledge)
    verdicts = judge_lines(parts.rest, mode="extracted")
    body = [line for line, v in zip(parts.rest, verdicts, strict=True) if v.keep]
    removed = [
        RemovedLine(line, v.reason)
        for line, v in zip(parts.rest, verdicts, strict=True)
        if not v.keep
    ]
    dateline = split_dateline(body[0], knowledge) if body else None
    if dateline is not None:
        body[0] = dateline.body
    published = (
        date_from_hint(doc.hints.published)
        or date_from_hint(extracted.date)
        or parts.published
        or parts.caption_date
    )
    hinted = canonical_outlet(doc.hints.outlet, knowledge) if doc.hints.outlet else None
    site = canonical_outlet(extracted.sitename, knowledge) if extracted.sitename else None
    return _Story(
        title=doc.hints.title if doc.hints.title_given else extracted.title,
        text=_join(body),
        published=published or UNKNOWN_DATE,
        outlet=hinted or site or parts.credit_outlet or (dateline.outlet if dateline else None),
        byline=parts.byline or extracted.author,
        dateline=dateline.text if dateline else None,
        captions=tuple(parts.captions),
        removed=tuple(parts.removed + removed),
    )


def _join(body: Sequence[str]) -> str:
    return "\n\n".join(repair_glued_sentences(line) for line in body)
