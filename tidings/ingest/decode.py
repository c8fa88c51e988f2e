"""Bytes to text: a byte order mark first, then strict UTF-8, then what the input declares,
then a guess among the encodings web pages really use."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from tidings.errors import InputRejected
from tidings.ingest.sniff import binary_reason, byte_order_mark, utf16_without_bom

# The legacy encodings that web pages and text files really are in, as Python codec names:
# the Encoding Standard's list less the ones hardly seen in decades (Macintosh, ISO-8859-3,
# -4, -10, -13, -14, -16). Limiting the guess to these keeps charset-normalizer from
# answering EBCDIC, Urdu, Mac Roman or Nordic code pages for French, German or Polish text.
LEGACY_ENCODINGS = [
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "iso8859_2", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8", "iso8859_15",
    "koi8_r", "koi8_u", "cp874", "gb18030", "big5", "euc_jp", "iso2022_jp", "shift_jis",
    "cp932", "euc_kr", "cp949",
]  # fmt: skip

# Every label of the Encoding Standard, as Python codec names: what a declaration may name.
WEB_ENCODINGS = [
    *LEGACY_ENCODINGS, "utf-8", "mac_roman", "mac_cyrillic", "iso8859_3", "iso8859_4",
    "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_16",
]  # fmt: skip

# Labels that the Encoding Standard treats as a larger encoding: a page labelled ISO-8859-1
# is decoded as windows-1252 by every browser, and its authors wrote it to look right there.
SUPERSETS = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
}

# Encoding Standard labels that Python's codec registry does not know.
EXTRA_LABELS = {
    "windows-31j": "cp932",
    "x-sjis": "cp932",
    "windows-874": "cp874",
    "x-mac-cyrillic": "mac-cyrillic",
    "iso-8859-8-i": "iso8859-8",
    "unicode-1-1-utf-8": "utf-8",
}

# Codecs a declared charset may select: UTF-8 and the legacy encodings, by registry name.
# Anything else a page declares (UTF-16 without a mark, "base64", a typo) is ignored.
DECLARABLE = {codecs.lookup(name).name for name in WEB_ENCODINGS}

# Where <meta charset> or http-equiv Content-Type is looked for. The Encoding Standard scans
# 1024 bytes; real pages often put long <script> and <link> blocks first, so look further.
META_SCAN_BYTES = 4096
# A charset label is a short token ("windows-1252", "x-mac-cyrillic"); the longest IANA
# name has 45 characters. Anything else (a NUL, a sentence) is not a label.
CHARSET_LABEL = re.compile(r"[a-z0-9_.:\-]{1,64}")
META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.I)

# ISO-2022-JP is 7-bit and so also valid UTF-8; its escape sequences give it away.
ISO2022JP_ESCAPE = b"\x1b$"

# Two guesses this close in charset-normalizer's chaos and coherence scores are a tie.
GUESS_TIE = 0.01

# Most non-UTF-8 news text is Western European; windows-1252 wins a tie for that reason.
TIE_WINNER = "cp1252"

# A text whose non-ASCII bytes are this rare is English (or another language written nearly
# all in ASCII) with a few symbols and names: a pound sign, curly quotes, "café". The scores
# charset-normalizer gives so few bytes are noise (it has read the "£" of a BBC story as
# Shift-JIS katakana and as a Polish "Ł"), and windows-1252, by far the most used legacy
# encoding, is the answer. Polish, Czech or Turkish prose has several per cent.
NEARLY_ASCII_SHARE = 0.01
ASCII_BYTES = bytes(range(0x80))


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str


def resolve_charset(label: str) -> str | None:
    """The codec to use for a declared charset label, or None when it cannot be trusted."""
    cleaned = label.strip().strip("\"'").lower()
    if not CHARSET_LABEL.fullmatch(cleaned):
        return None
    try:
        name = codecs.lookup(EXTRA_LABELS.get(cleaned, cleaned)).name
    except LookupError:
        return None
    name = SUPERSETS.get(name, name)
    return name if name in DECLARABLE else None


def meta_charset(data: bytes) -> str | None:
    """The codec a page's <meta charset> or http-equiv Content-Type names, if usable."""
    match = META_CHARSET.search(data[:META_SCAN_BYTES])
    return resolve_charset(match.group(1).decode("ascii")) if match else None


def decode_text(
    data: bytes, *, origin: str, declared: str | None = None, html: bool = False
) -> DecodedText | InputRejected:
    """Decode a text or HTML input, or say why it is not text.

    `declared` is a charset label from outside the content (an HTTP header); for HTML a
    <meta> declaration is used when there is none. Valid UTF-8 wins over a declaration: a
    legacy-encoded text with any non-ASCII byte is practically never valid UTF-8 by chance,
    while pages that declare ISO-8859-1 and are UTF-8 are common.
    """
    bom = byte_order_mark(data)
    if bom is not None:
        codec, length = bom
        return DecodedText(data[length:].decode(codec, errors="replace"), codec)
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        return _decode_utf16(data, utf16, origin=origin)
    reason = binary_reason(data)
    if reason is not None:
        return InputRejected(origin, reason)
    if ISO2022JP_ESCAPE in data and _decodes_strictly(data, "iso2022_jp"):
        return DecodedText(data.decode("iso2022_jp"), "iso2022_jp")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared_codec = resolve_charset(declared) if declared else None
    if declared_codec is None and html:
        declared_codec = meta_charset(data)
    if declared_codec is not None:
        return DecodedText(data.decode(declared_codec, errors="replace"), declared_codec)
    mostly = decode_mostly_utf8(data)
    if mostly is not None:
        return DecodedText(mostly, "utf-8")
    guess = guess_legacy_encoding(data)
    if guess is None:
        return InputRejected(origin, "not text in any known encoding")
    return DecodedText(data.decode(guess, errors="replace"), guess)


def _decode_utf16(data: bytes, codec: str, *, origin: str) -> DecodedText | InputRejected:
    """UTF-16 found by its NUL pattern: a cut-off last byte is replaced, but binary data
    that merely has the pattern (16-bit numbers) decodes to control characters."""
    text = data.decode(codec, errors="replace")
    reason = binary_reason(text.encode("utf-8", errors="replace"))
    if reason is not None:
        return InputRejected(origin, reason)
    return DecodedText(text, codec)


def _decodes_strictly(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def decode_mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with its few invalid bytes replaced, when there are more valid non-ASCII
    characters than invalid bytes (a file cut mid-character, a stray byte in a UTF-8 page);
    None when it is probably a legacy encoding instead."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore")) - replaced
    return text if non_ascii > replaced else None


def guess_legacy_encoding(data: bytes) -> str | None:
    """charset-normalizer's best guess among the legacy web encodings, windows-1252 winning
    ties and texts that are nearly all ASCII; None when no encoding gives plausible text."""
    non_ascii = len(data.translate(None, ASCII_BYTES))
    if non_ascii <= NEARLY_ASCII_SHARE * len(data) and _decodes_strictly(data, TIE_WINNER):
        return TIE_WINNER
    matches = charset_normalizer.from_bytes(data, cp_isolation=LEGACY_ENCODINGS)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        tied = (
            abs(match.chaos - best.chaos) <= GUESS_TIE
            and abs(match.coherence - best.coherence) <= GUESS_TIE
        )
        if tied and TIE_WINNER in match.could_be_from_charset:
            return TIE_WINNER
    name: str = codecs.lookup(best.encoding).name
    return SUPERSETS.get(name, name)
