"""HTML nested past libxml2's 256 levels: the page is rejected for what is wrong with it (its
nesting), not as a page without main text."""

from __future__ import annotations

import hashlib

import pytest

from tidings.clean.html import LIBXML2_MAX_DEPTH, extract_html
from tidings.clean.pipeline import clean_document
from tidings.errors import InputRejected
from tidings.ingest.document import Document

STORY = (
    "Foreign ministers from both countries agreed on Monday to resume talks in Geneva next "
    "month, after three rounds in which negotiations had stalled over border crossings. "
) * 3
TOO_DEEP = f"HTML nested deeper than {LIBXML2_MAX_DEPTH} levels"


def nested(depth: int, *, closed: bool = True, text: str = STORY) -> str:
    """A page whose one paragraph sits `depth` elements deep."""
    page = "<html><body>" + "<div>" * depth + f"<p>{text}</p>"
    return page + ("</div>" * depth + "</body></html>" if closed else "")


def html_document(html: str) -> Document:
    return Document(
        path="deep.html",
        format="html",
        content=html,
        sha256=hashlib.sha256(html.encode()).hexdigest(),
        encoding="utf-8",
    )


@pytest.mark.parametrize("depth", [1, 200, 250])
def test_a_page_within_the_limit_gives_its_text(depth: int) -> None:
    found = extract_html(nested(depth))
    assert "resume talks in Geneva" in found.text
    assert found.refused is None


@pytest.mark.parametrize("depth", [260, 1000, 5000])
@pytest.mark.parametrize("closed", [True, False])
def test_a_page_nested_too_deep_says_so(depth: int, closed: bool) -> None:
    found = extract_html(nested(depth, closed=closed))
    assert found.text == ""
    assert found.refused == TOO_DEEP


def test_the_rejection_names_the_nesting() -> None:
    with pytest.raises(InputRejected) as raised:
        clean_document(html_document(nested(5000)))
    assert raised.value.path == "deep.html"
    assert raised.value.reason == TOO_DEEP


def test_a_page_without_text_is_still_a_page_without_text() -> None:
    """Shallow and empty: the old reason, for the real cause."""
    assert extract_html("<html><body><div></div></body></html>").refused is None
    with pytest.raises(InputRejected, match="HTML has no main text"):
        clean_document(html_document("<html><body><div><span></span></div></body></html>"))


def test_deep_markup_beside_reachable_text_does_not_reject_the_page() -> None:
    """The text is within reach: the deep part is only furniture after it."""
    page = f"<html><body><p>{STORY}</p>" + "<div>" * 1000 + "</body></html>"
    found = extract_html(page)
    assert "resume talks in Geneva" in found.text
    assert found.refused is None
