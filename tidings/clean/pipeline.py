"""clean: a decoded Document → its stories as Articles (title, date, outlet, clean text)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from tidings.clean.article import UNKNOWN_DATE, Article, DateValue, RemovedLine
from tidings.clean.boilerplate import Mode, judge_lines, load_lexicon
from tidings.clean.hints import date_from_address, date_from_hint
from tidings.clean.html import extract_html
from tidings.clean.knowledge import PageKnowledge, canonical_outlet, load_page_knowledge
from tidings.clean.line_features import normalise as normalise_for_lexicon
from tidings.clean.normalise import normalise_lines
from tidings.clean.page_parts import (
    PageParts,
    looks_like_caption,
    separate_page_parts,
    split_dateline,
)
from tidings.clean.pubdate import find_date
from tidings.clean.repair import repair_glued_sentences
from tidings.clean.short_text import is_short_text, judge_short_text
from tidings.clean.stories import StorySegment, looks_like_headline, split_stories
from tidings.clean.title import choose_title
from tidings.errors import InputRejected
from tidings.ingest.document import Document
from tidings.language import detect_language

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
    """Every story of `doc`; one, its text as it is, for a document marked not to be cleaned
    (`clean` False). Raises InputRejected when no article text is left."""
    knowledge = load_page_knowledge()
    if doc.clean is False:
        stories = [_as_is(doc, knowledge)]
    elif doc.format == "html":
        stories = [_clean_html(doc, knowledge)]
    else:
        segments = split_stories(
            normalise_lines(doc.content),
            not_headline=lambda line: _not_headline(line, knowledge),
        )
        stories = [_clean_segment(seg, doc, knowledge) for seg in segments]
    stories = [story for story in stories if story.text]
    if not stories:
        what = "HTML has no main text" if doc.format == "html" else "no article text found"
        raise InputRejected(doc.path, what)
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
        language=detect_language(f"{story.title}\n{story.text}" if story.title else story.text),
    )


@dataclass(frozen=True, slots=True)
class _MarkupSays:
    """What a page's markup states (HTML metadata), as opposed to what its lines show."""

    title: str | None = None
    date: str | None = None
    site: str | None = None
    author: str | None = None


def _judge(
    parts: PageParts, mode: Mode
) -> tuple[list[str], list[RemovedLine], list[tuple[str, str]]]:
    """Body lines, removed lines, and the (line, reason) pairs above the first body line."""
    verdicts = judge_lines(parts.rest, mode=mode)
    pairs = list(zip(parts.rest, verdicts, strict=True))
    body = [line for line, v in pairs if v.keep]
    removed = [RemovedLine(line, v.reason) for line, v in pairs if not v.keep]
    first_body = next((i for i, (_, v) in enumerate(pairs) if v.keep), len(pairs))
    above = [(line, v.reason) for line, v in pairs[:first_body]]
    return body, removed, above


def _title_from_lines(above: list[tuple[str, str]], body: list[str]) -> str | None:
    """The headline among the lines above the body, else the body's own first line (taken out
    of `body`) when it is headline-like."""
    title = choose_title(above)
    if title is None and len(body) > 1 and looks_like_headline(body[0], strict=False):
        title = body.pop(0)
    return title


def _clean_segment(segment: StorySegment, doc: Document, knowledge: PageKnowledge) -> _Story:
    parts = separate_page_parts(segment.lines, headline=segment.headline, knowledge=knowledge)
    # a sentence, a headline and its lead, a bulletin: too short for the page judgement
    short = judge_short_text(parts.rest) if is_short_text(parts.rest) else None
    body, removed, above = short or _judge(parts, "page")
    title = segment.headline
    if title is None and not doc.hints.title_given:
        title = _title_from_lines(above, body)
        removed = [RemovedLine(r.text, "title") if r.text == title else r for r in removed]
    return _assemble(doc, parts, body, removed, knowledge, _MarkupSays(title=title))


def _clean_html(doc: Document, knowledge: PageKnowledge) -> _Story:
    extracted = extract_html(doc.content, url=doc.hints.url)
    if extracted.refused:  # the page's text is out of reach, and extract_html knows why
        raise InputRejected(doc.path, extracted.refused)
    lines = normalise_lines(extracted.text)
    parts = separate_page_parts(lines, headline=None, knowledge=knowledge)
    if extracted.all_text:  # a fragment's visible text: prose in it, or nothing
        short = judge_short_text(parts.rest) if is_short_text(parts.rest) else None
        body, removed, _ = short or ([], [RemovedLine(line, "edge") for line in parts.rest], [])
    else:
        body, removed, _ = _judge(parts, "extracted")
    says = _MarkupSays(extracted.title, extracted.date, extracted.sitename, extracted.author)
    if body and extracted.title and _same_words(body[0], extracted.title):
        # The extractor kept the page's <h1>: it is the title, not the body's first paragraph.
        removed.insert(0, RemovedLine(body.pop(0), "title"))
    return _assemble(doc, parts, body, removed, knowledge, says)


def _as_is(doc: Document, knowledge: PageKnowledge) -> _Story:
    """The whole text, its white space and characters normalised and nothing taken out: for
    text the user marked as clean already. HTML still loses its markup (trafilatura), and
    what the input states (a record's title, date, outlet) is used; nothing is guessed."""
    text, says = doc.content, _MarkupSays()
    if doc.format == "html":
        extracted = extract_html(doc.content, url=doc.hints.url)
        if extracted.refused:
            raise InputRejected(doc.path, extracted.refused)
        text = extracted.text
        says = _MarkupSays(extracted.title, extracted.date, extracted.sitename, extracted.author)
    hints = doc.hints
    outlet = hints.outlet or says.site
    return _Story(
        title=hints.title if hints.title_given else says.title,
        text="\n\n".join(normalise_lines(text)),
        published=date_from_hint(hints.published)
        or date_from_hint(says.date)
        or date_from_address(hints.url, doc.path)
        or UNKNOWN_DATE,
        outlet=canonical_outlet(outlet, knowledge) if outlet else None,
        byline=says.author,
        dateline=None,
        captions=(),
        removed=(),
    )


def _same_words(a: str, b: str) -> bool:
    return a.casefold().split() == b.casefold().split()


def _assemble(
    doc: Document,
    parts: PageParts,
    body: list[str],
    removed: list[RemovedLine],
    knowledge: PageKnowledge,
    says: _MarkupSays,
) -> _Story:
    """One story from its judged lines. What the input states outright (a JSONL record's keys)
    wins, then the markup, then what the lines show."""
    dateline = split_dateline(body[0], knowledge) if body else None
    if dateline is not None:
        body[0] = dateline.body
    hints = doc.hints
    published = (
        date_from_hint(hints.published)
        or date_from_hint(says.date)
        or parts.published
        or parts.caption_date
        or date_from_address(hints.url, doc.path)
    )
    outlets = (hints.outlet, says.site, parts.credit_outlet, dateline.outlet if dateline else None)
    outlet = next((canonical_outlet(o, knowledge) for o in outlets if o), None)
    return _Story(
        title=hints.title if hints.title_given else says.title,
        text=_join(body),
        published=published or UNKNOWN_DATE,
        outlet=outlet,
        byline=parts.byline or says.author,
        dateline=dateline.text if dateline else None,
        captions=tuple(parts.captions),
        removed=tuple(parts.removed + removed),
    )


def _join(body: Sequence[str]) -> str:
    return "\n\n".join(repair_glued_sentences(line) for line in body)
