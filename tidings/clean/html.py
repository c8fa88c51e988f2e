"""Main text and metadata of an HTML page, with trafilatura.

`extract_html` never raises for a page it cannot make sense of: it returns an `HtmlExtract`
with empty `text` (and whatever metadata it found), and the caller (the clean pipeline)
decides whether that rejects the input. When the reason is known it says so in `refused`: lxml
(libxml2) stops building the tree 256 elements deep, as a guard against hostile markup, so the
text of a page nested deeper is out of reach, and "no main text" would send a reader looking
for the wrong fault.

Settings, chosen on the article-extraction benchmark (181 pages, word 4-gram F1, see
`tidings eval clean --path html`): comments off (they are not the story); tables kept (sports
results and price lists are body; dropping them cost 0.003 F1); `favor_precision` on (0.964
against 0.960 for the default, 0.959 for `favor_recall`).

trafilatura finds no main text in a fragment of a paragraph or two (`<p>One sentence.</p>`,
a record's `html` from a feed). For a page that small, every visible text is given instead
(`all_text`), for the clean pipeline to judge as a short text.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import html_text
import lxml.etree
import lxml.html
import trafilatura

# libxml2's limit on element nesting without XML_PARSE_HUGE (lxml's `huge_tree`), which stays
# off: it guards the parser against hostile markup.
LIBXML2_MAX_DEPTH = 256
# Markup up to this long, with no main text found, is a fragment whose visible text is given.
SMALL_HTML_CHARS = 10_000


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    """What trafilatura found: the main text, paragraphs one per line, and metadata."""

    text: str
    title: str | None = None
    sitename: str | None = None
    date: str | None = None
    author: str | None = None
    # why `text` is empty, when that is known: "HTML nested deeper than 256 levels"
    refused: str | None = None
    # `text` is every visible text of a small page in which no main text was found
    all_text: bool = False


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def _too_deep(html: str) -> bool:
    """Did libxml2 stop at its depth limit on this page? It says so in the parser's error log
    (ERR_RESOURCE_LIMIT, "Excessive depth in document: 256") and keeps what it built so far."""
    parser = lxml.html.HTMLParser()
    # the log holds what the parser met even when it then gave up on the page
    with contextlib.suppress(ValueError, TypeError, lxml.etree.ParserError):
        lxml.html.document_fromstring(html, parser=parser)
    return any("excessive depth" in entry.message.lower() for entry in parser.error_log)


def _refusal(html: str) -> str | None:
    """Why a page gave no main text, if it is nested past the parser's limit. The page is
    parsed again for that, so only pages without text pay for the check."""
    return f"HTML nested deeper than {LIBXML2_MAX_DEPTH} levels" if _too_deep(html) else None


def extract_html(html: str, *, url: str | None = None) -> HtmlExtract:
    """The main text of `html` and its title, site name, date (ISO `YYYY-MM-DD`) and author.

    `url` helps trafilatura with relative links and the site name. A page with no main text
    gives `HtmlExtract(text="")`, with `refused` saying why when that is known."""
    if not html.strip():
        return HtmlExtract(text="")
    try:
        found = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=True,
            favor_precision=True,
            with_metadata=True,
        )
    except (ValueError, TypeError):  # malformed markup that lxml refuses outright
        return HtmlExtract(text="", refused=_refusal(html))
    if found is None:
        return _small_page(html) or HtmlExtract(text="", refused=_refusal(html))
    text = (getattr(found, "text", None) or "").strip()
    if not text and (small := _small_page(html)) is not None:
        return small
    return HtmlExtract(
        text=text,
        title=_clean(getattr(found, "title", None)),
        sitename=_clean(getattr(found, "sitename", None)),
        date=_clean(getattr(found, "date", None)),
        author=_clean(getattr(found, "author", None)),
        refused=None if text else _refusal(html),
    )


def _small_page(html: str) -> HtmlExtract | None:
    """Every visible text of a small page, paragraphs one per line; None for a larger page
    or one with no text (refusals are for the caller, which checks the depth)."""
    if len(html) > SMALL_HTML_CHARS or _too_deep(html):
        return None
    try:
        text = html_text.extract_text(html, guess_layout=True).strip()
    except (ValueError, TypeError, lxml.etree.LxmlError):
        return None
    return HtmlExtract(text=text, all_text=True) if text else None
