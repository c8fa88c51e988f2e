"""Hypothesis strategies for hostile inputs, and the invariants every input path must keep.

Shared by `tests/test_fuzz_inputs.py` (a few hundred examples, in CI) and `bench/fuzz.py` (the
long run behind `make fuzz`). The strategies make what scrapers actually hand over when things
go wrong: random bytes, text full of bidirectional marks, zero-width and control characters,
markup nested thousands deep or never closed, JSON Lines records with the wrong types, WARC
archives cut short, gzip bombs. The invariants are the output contract's:

- ingest yields only `Document` or `InputRejected` (never raises), and a reason is one line;
- clean returns articles with text, or raises `InputRejected` (nothing else);
- every span of a record lies inside its text, and `text[span]` is the stated text where the
  contract says so; every record validates against `../shared/contract/article.schema.json`
  when `../shared` is there (the check is skipped, not failed, when it is not).
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import os
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings.errors import InputRejected
from tidings.ingest import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TIDINGS_SHARED", ROOT.parent / "shared"))
SCHEMA_PATH = SHARED / "contract" / "article.schema.json"

# --- characters that break naive text handling ------------------------------------------------

# Right-to-left and bidirectional controls (marks, embeddings, overrides, isolates).
BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Zero-width and invisible characters: space, non-joiner, joiner, word joiner, BOM, soft hyphen.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
# C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
CONTROL = "".join(map(chr, [*range(0x00, 0x20), *range(0x7F, 0xA0)])) + "\u2028\u2029"
# Letters from right-to-left scripts, combining marks, wide and astral characters.
SCRIPTS = "مرحبا שלום ایران بغداد ́̈̃ 漢字 😀𝔘 ﷽ Ⅻ ﬁ İı ß"
# Quote marks and dashes that the quote and dateline readers look at.
PUNCTUATION = "\"'“”‘’«»„‟‹›—–-:;.,!?()[]"
HOSTILE_CHARS = BIDI + INVISIBLE + CONTROL + SCRIPTS + PUNCTUATION

# Words of news copy, so that a useful share of the generated texts survives cleaning and
# reaches the parser (random characters never make an article).
SUBJECTS = [
    "The minister",
    "President Anna Kovacs",
    "Iran",
    "The United Nations",
    "Rebel forces",
    "Police",
    "The Foreign Ministry of Ruritania",
    "Protesters",
    "He",
    "Officials in Baghdad",
]
VERBS = [
    "said",
    "condemned the attack",
    "agreed to resume talks",
    "threatened to impose sanctions",
    "accused the government of lying",
    "met the envoy in Geneva",
    "fired missiles at the base",
    "rejected the proposal",
    "vowed to retaliate",
    "called for calm",
]
TAILS = [
    "on Tuesday.",
    "last week.",
    "on 3 January 2020.",
    "in Kyiv.",
    ', adding: "We will not stop."',
    ", according to state television.",
    ".",
    " five days later.",
    ', saying it was "unacceptable".',
    " near the border with Syria.",
]


@st.composite
def news_sentence(draw: st.DrawFn) -> str:
    return f"{draw(st.sampled_from(SUBJECTS))} {draw(st.sampled_from(VERBS))}" + draw(
        st.sampled_from(TAILS)
    )


def _sprinkle(text: str, noise: list[tuple[int, str]]) -> str:
    """`text` with each (position, characters) of `noise` inserted."""
    for position, chars in sorted(noise, reverse=True):
        at = position % (len(text) + 1)
        text = text[:at] + chars + text[at:]
    return text


@st.composite
def news_text(draw: st.DrawFn, *, max_paragraphs: int = 3) -> str:
    """A short article (a headline and paragraphs of news sentences), possibly with hostile
    characters sprinkled through it: short, because what reaches spaCy costs ~80 ms."""
    headline = draw(st.sampled_from(SUBJECTS)) + " " + draw(st.sampled_from(VERBS))
    paragraphs = draw(
        st.lists(
            st.lists(news_sentence(), min_size=1, max_size=3).map(" ".join),
            min_size=1,
            max_size=max_paragraphs,
        )
    )
    text = "\n\n".join([headline, *paragraphs])
    noise = draw(
        st.lists(
            st.tuples(st.integers(min_value=0), st.text(alphabet=HOSTILE_CHARS, max_size=3)),
            max_size=6,
        )
    )
    return _sprinkle(text, noise)


def hostile_text(*, max_size: int = 400) -> st.SearchStrategy[str]:
    """Any text, biased towards the characters that break text handling."""
    return st.one_of(
        st.text(max_size=max_size),
        st.text(alphabet=HOSTILE_CHARS + "abc XYZ\n", max_size=max_size),
        st.lists(
            st.one_of(
                st.sampled_from(SUBJECTS + VERBS + TAILS), st.text(HOSTILE_CHARS, max_size=4)
            ),
            max_size=40,
        ).map(" ".join),
    )


# --- markup -----------------------------------------------------------------------------------

TAGS = ["div", "p", "span", "b", "table", "tr", "td", "ul", "li", "article", "script", "style"]


@st.composite
def hostile_html(draw: st.DrawFn) -> str:
    """HTML nested hundreds or thousands deep, left unclosed, or torn, around some text."""
    tag = draw(st.sampled_from(TAGS))
    depth = draw(st.sampled_from([1, 10, 200, 5000]))
    body = draw(st.one_of(news_text(max_paragraphs=2), hostile_text(max_size=100)))
    closed = draw(st.booleans())
    html = "<html><head><title>" + draw(hostile_text(max_size=40)) + "</title></head><body>"
    html += f"<{tag}>" * depth + "<p>" + body.replace("\n\n", "</p><p>") + "</p>"
    if closed:
        html += f"</{tag}>" * depth + "</body></html>"
    cut = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=len(html))))
    return html if cut is None else html[:cut]


# --- JSON Lines ---------------------------------------------------------------------------------

# Values of the wrong type for a key that must be a string, and garbage for the date.
WRONG_VALUES: list[Any] = [None, 0, 17, -1.5, 1e308, True, [], ["a"], {}, {"a": 1}, ""]
GARBAGE_DATES = ["garbage", "2020-13-45", "0000-00-00", "99999-01-01", "yesterday", "", "🕒", "1e9"]


@st.composite
def jsonl_record(draw: st.DrawFn) -> dict[str, Any]:
    """A JSONL record whose keys may hold the wrong types: text as a number, null or list; id as
    an object; published as garbage."""
    good_text = draw(st.one_of(news_text(max_paragraphs=2), hostile_text(max_size=120)))
    record: dict[str, Any] = {}
    for key, good in (
        ("text", good_text),
        ("html", None),
        ("id", draw(st.text(max_size=12))),
        ("title", draw(hostile_text(max_size=30))),
        ("published", draw(st.sampled_from(["2020-01-03", *GARBAGE_DATES]))),
        ("outlet", draw(hostile_text(max_size=20))),
        ("url", "https://example.org/a"),
    ):
        choice = draw(st.sampled_from(["good", "good", "wrong", "missing"]))
        if choice == "good" and good is not None:
            record[key] = good
        elif choice == "wrong":
            record[key] = draw(st.sampled_from(WRONG_VALUES))
    if draw(st.booleans()):
        record["html"] = draw(hostile_html())
    return record


@st.composite
def jsonl_bytes(draw: st.DrawFn) -> bytes:
    """A JSON Lines file of records with wrong types, broken lines and raw garbage."""
    lines = draw(
        st.lists(
            st.one_of(
                jsonl_record().map(lambda r: json.dumps(r, ensure_ascii=draw_ascii(r))),
                st.sampled_from(['{"text": "unclosed', "[1, 2]", '"text"', "null", "{}", "{"]),
                st.just("[" * 5000 + "]" * 5000),
                hostile_text(max_size=60),
            ),
            min_size=1,
            max_size=5,
        )
    )
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def draw_ascii(record: dict[str, Any]) -> bool:
    """Half of the records escaped to ASCII, half written raw (by a stable property)."""
    return len(record) % 2 == 0


# --- WARC -------------------------------------------------------------------------------------


def make_warc(pages: list[tuple[str, bytes]], *, compress: bool) -> bytes:
    """A WARC archive with one `response` record per (content type, payload), the same bytes
    for the same pages."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    for number, (content_type, payload) in enumerate(pages):
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://example.org/{number}",
            "response",
            payload=io.BytesIO(payload),
            http_headers=http,
            # fixed, so that the same draw gives the same bytes (hypothesis replays draws)
            warc_headers_dict={
                "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{number:012d}>",
                "WARC-Date": "2020-01-03T00:00:00Z",
            },
        )
        writer.write_record(record)
    return out.getvalue()


@st.composite
def warc_bytes(draw: st.DrawFn) -> bytes:
    """A WARC archive (gzipped per record or not), maybe truncated anywhere or with a flipped
    byte."""
    pages = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["text/html; charset=utf-8", "text/plain", "image/png", ""]),
                st.one_of(
                    hostile_html().map(lambda s: s.encode("utf-8", "surrogatepass")),
                    news_text().map(lambda s: s.encode("utf-8", "surrogatepass")),
                    st.binary(max_size=200),
                ),
            ),
            min_size=1,
            max_size=3,
        )
    )
    data = make_warc(pages, compress=draw(st.booleans()))
    cut = draw(st.integers(min_value=0, max_value=len(data)))
    data = data[:cut] if draw(st.booleans()) else data
    if data and draw(st.booleans()):
        flip = draw(st.integers(min_value=0, max_value=len(data) - 1))
        spoiled = bytearray(data)
        spoiled[flip] ^= 0xFF
        data = bytes(spoiled)
    return data


# --- whole input files --------------------------------------------------------------------------

ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "latin-1", "cp1252", "utf-8-sig"]


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, "replace")


@st.composite
def text_bytes(draw: st.DrawFn) -> bytes:
    text = draw(st.one_of(news_text(), hostile_text()))
    return _encode(text, draw(st.sampled_from(ENCODINGS)))


# Each input kind with the names it can come under (a name gives the format, or none does and
# the content is sniffed).
def input_file() -> st.SearchStrategy[tuple[str, bytes]]:
    """(file name, bytes) of any input kind, maybe gzipped."""
    kinds: list[tuple[list[str], st.SearchStrategy[bytes]]] = [
        (["a.txt", "a", "a.html"], text_bytes()),
        (["a.html", "a.htm", "a"], hostile_html().map(lambda s: s.encode("utf-8", "replace"))),
        (["a.jsonl", "a", "a.txt"], jsonl_bytes()),
        (["a.warc", "a"], warc_bytes()),
        (["a.txt", "a.jsonl", "a.warc", "a.html", "a"], st.binary(max_size=2000)),
    ]
    choices = [
        st.tuples(st.sampled_from(names), data).flatmap(_maybe_gzip) for names, data in kinds
    ]
    return st.one_of(choices)


def _maybe_gzip(named: tuple[str, bytes]) -> st.SearchStrategy[tuple[str, bytes]]:
    name, data = named
    if data.startswith(b"\x1f\x8b"):  # already gzipped (a WARC of gzip records)
        return st.just((name + ".gz" if name.endswith(".warc") else name, data))
    return st.sampled_from([(name, data), (name + ".gz", gzip.compress(data, mtime=0))])


# --- gzip bombs -----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def gzip_bomb(expanded: int, *, members: int = 1) -> bytes:
    """A gzip file of zeros that expands to `expanded` bytes (in `members` equal members, the
    same compressed bytes repeated: a bomb of gigabytes costs one member's compression)."""
    per_member = expanded // members
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = bytes(1 << 20)
    parts = []
    left = per_member
    while left > 0:
        parts.append(compressor.compress(chunk[: min(left, len(chunk))]))
        left -= len(chunk)
    parts.append(compressor.flush())
    return b"".join(parts) * members


# --- invariants -----------------------------------------------------------------------------------


def check_ingest_items(items: list[Document | InputRejected], name: str) -> None:
    """What ingest yields: documents with content, or rejections with a one-line reason."""
    for item in items:
        if isinstance(item, InputRejected):
            assert item.reason and "\n" not in item.reason and "\r" not in item.reason, item
            assert "Traceback" not in item.reason
        else:
            assert isinstance(item, Document), item
            assert isinstance(item.content, str) and item.content.strip()
            assert name in item.path


def check_articles(doc: Document, clean: Callable[[Document], list[Any]]) -> list[Any]:
    """`clean(doc)` gives articles with text, or raises InputRejected for `doc` alone."""
    try:
        articles = clean(doc)
    except InputRejected as exc:
        assert exc.path == doc.path and exc.reason and "\n" not in exc.reason
        return []
    assert articles
    for article in articles:
        assert article.text.strip() and article.id
        assert article.text == article.text.strip()
    return articles


def _inside(span: Any, text: str) -> bool:
    return (
        isinstance(span, list | tuple)
        and len(span) == 2
        and all(isinstance(x, int) for x in span)
        and 0 <= span[0] <= span[1] <= len(text)
    )


QUOTE_MARKS = " \"“”'‘’«»„"


def span_problems(record: dict[str, Any]) -> Iterator[str]:
    """Every span of a record that lies outside its text or does not cover what it says."""
    text = record["text"]
    for span in record.get("sentences", []):
        if not _inside(span, text) or span[0] == span[1]:
            yield f"sentence {span}"
    for entity in record["entities"]:
        for span in entity["mentions"]:
            if not _inside(span, text) or span[0] == span[1]:
                yield f"mention {span} of {entity['id']}"
        for detail in entity.get("mention_details", []):
            span = detail["span"]
            if not _inside(span, text) or text[span[0] : span[1]] != detail["text"]:
                yield f"mention detail {span} {detail['text']!r}"
    for quote in record["quotes"]:
        yield from _quote_problems(quote, text)
    for event in record["events"]:
        yield from _event_problems(event, text)
    for key in ("times", "places"):
        for item in record[key]:
            span = item["span"]
            if not _inside(span, text) or text[span[0] : span[1]] != item["text"]:
                yield f"{key} {span} {item['text']!r}"


def _quote_problems(quote: dict[str, Any], text: str) -> Iterator[str]:
    span = quote["span"]
    if not _inside(span, text):
        yield f"quote span {span}"
    elif text[span[0] : span[1]].strip(QUOTE_MARKS) != (quote["text"] or "").strip(QUOTE_MARKS):
        yield f"quote {span} is not {quote['text']!r}"
    for key in ("cue_span", "speaker_span", "via_span"):
        if quote.get(key) is not None and not _inside(quote[key], text):
            yield f"quote {key} {quote[key]}"
    cue_span = quote.get("cue_span")
    if cue_span and _inside(cue_span, text) and text[cue_span[0] : cue_span[1]] != quote["cue"]:
        yield f"quote cue {cue_span} is not {quote['cue']!r}"
    for piece in quote.get("pieces") or []:
        piece_span = piece["span"]
        if not _inside(piece_span, text) or text[piece_span[0] : piece_span[1]] != piece["text"]:
            yield f"quote piece {piece_span} {piece['text']!r}"


def _event_problems(event: dict[str, Any], text: str) -> Iterator[str]:
    span = event["evidence"]["span"]
    if not _inside(span, text):
        yield f"event evidence {span}"
    trigger = event.get("trigger_span")
    if trigger is not None and (
        not _inside(trigger, text) or text[trigger[0] : trigger[1]] != event.get("trigger")
    ):
        yield f"event trigger {trigger} {event.get('trigger')!r}"
    for key in ("time_span",):
        if event.get(key) is not None and not _inside(event[key], text):
            yield f"event {key} {event[key]}"
    for role in ("source", "target"):
        actor = event.get(role)
        span = actor.get("span") if isinstance(actor, dict) else None
        if span is not None and not _inside(span, text):
            yield f"event {role} span {span}"


@functools.lru_cache(maxsize=1)
def schema_validator() -> Any | None:
    """The contract's validator, or None when ../shared (or jsonschema) is absent."""
    if not SCHEMA_PATH.exists():
        return None
    try:
        import jsonschema  # type: ignore[import-untyped]
    except ImportError:
        return None
    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def record_problems(record: dict[str, Any]) -> list[str]:
    """Schema errors (when the schema is there) and span problems of one contract record."""
    problems = list(span_problems(record))
    validator = schema_validator()
    if validator is not None:
        problems += [
            f"schema: {'/'.join(map(str, error.path))}: {error.message}"
            for error in validator.iter_errors(record)
        ]
    # The record must survive JSON both ways (what `extract` prints and `run` stores).
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record
    return problems
