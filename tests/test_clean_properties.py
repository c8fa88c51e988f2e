"""Property checks on clean: any text in, stories or one plain rejection out, never a crash."""

from __future__ import annotations

import hashlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidings.clean.pipeline import clean_document
from tidings.errors import InputRejected
from tidings.ingest.document import Document

LINE = st.one_of(
    st.text(max_size=120),
    st.sampled_from(["", " ", "TT", "20", "Share via", "Read more:", "Source: X", "By Jo Smith"]),
    st.text(alphabet="abc XYZ.,;:“”\"'-–()\u200b\u202e\u00a0\t", max_size=300),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(LINE, max_size=40), html=st.booleans())
def test_any_text_gives_articles_or_one_rejection(lines: list[str], html: bool) -> None:
    content = "\n".join(lines)
    if html:
        content = "<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>"
    doc = Document(
        path="prop.txt",
        format="html" if html else "text",
        content=content,
        sha256=hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest(),
    )
    try:
        articles = clean_document(doc)
    except InputRejected as exc:
        assert exc.path == "prop.txt" and exc.reason
        return
    assert articles
    for article in articles:
        assert article.text.strip()
        assert article.id
        assert article.published.basis in ("explicit", "inferred", "unknown")
