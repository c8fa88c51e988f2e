"""Name keys: the normalised form every alias is indexed by, a transliteration-folding
skeleton key, and the slug that makes a stable id for an actor not in the base.

    normalise_name("Omar al-Haddadi’s")     -> "omar al haddadi"
    skeleton_key("Qasim Rahmani")           -> "ksm rhmn"   (== skeleton_key("Ghasem Rahmany"))
    name_slug("Jon Varga")                  -> "jon-varga"
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFKD does not decompose into ASCII.
_LETTER_FOLDS = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
# Quote marks and apostrophes inside names ("Ja'far", "U.S.") carry no sound: dropped.
_SILENT = re.compile(r"['’‘`ʼʿʾ.]")
_POSSESSIVE = re.compile(r"['’]s?$")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")

# Arabic definite articles written before a name ("al-Haddadi", "ash-Shami", "ad-Din"): the
# same name is written with and without them.
NAME_ARTICLES = frozenset({"al", "el", "ul", "ol", "ad", "ar", "as", "ash", "at", "az", "an"})
# Spellings of one sound across transliteration systems, folded in this order (digraphs first,
# so "kh" is not read as "k" + "h"). Upper-case letters are placeholders no input contains.
_SOUND_FOLDS = (
    ("ph", "f"),
    ("sh", "S"),
    ("ch", "C"),
    ("kh", "k"),
    ("gh", "k"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("dh", "d"),
    ("th", "t"),
    ("z", "s"),
    ("x", "ks"),
    ("S", "s"),
    ("C", "c"),
)
# Vowels and the glides that spell vowels in transliteration ("Rowhani"/"Rouhani",
# "Yousef"/"Yusuf" keep their first letter): all folded away after the first letter.
_VOWELS = frozenset("aeiouyw")
_DOUBLED = re.compile(r"(.)\1+")


def fold_ascii(text: str) -> str:
    """`text` in ASCII: accents dropped (é -> e), special letters spelled out (ß -> ss)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTER_FOLDS))
    return "".join(ch for ch in decomposed if ord(ch) < 128)


# Names recur within and across articles; a bounded cache keeps memory flat on any corpus.
_NAME_CACHE = 65_536


@lru_cache(maxsize=_NAME_CACHE)
def normalise_name(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; a final possessive dropped."""
    folded = fold_ascii(text.strip().replace("’", "'")).lower()
    folded = _POSSESSIVE.sub("", folded)
    folded = _SILENT.sub("", folded)
    return _NOT_ALNUM.sub(" ", folded).strip()


def _skeleton_word(word: str) -> str:
    for spelling, sound in _SOUND_FOLDS:
        word = word.replace(spelling, sound)
    if not word:
        return word
    # An initial vowel stays as one mark ("Esmail"/"Ismail" -> "a..."), later vowels go.
    head = "a" if word[0] in _VOWELS - {"y", "w"} else word[0]
    tail = "".join(ch for ch in word[1:] if ch not in _VOWELS)
    # "h" after a dropped vowel is a vowel length mark in many systems ("Mahmoud"/"Mahmud"
    # keep it; "Rouhani"/"Ruhani" keep it): kept, but doubled letters fold to one.
    return _DOUBLED.sub(r"\1", head + tail)


@lru_cache(maxsize=_NAME_CACHE)
def skeleton_words(text: str) -> tuple[str, ...]:
    """One skeleton per word of the name, name articles ("al-") dropped."""
    words = normalise_name(text).split()
    kept = [w for w in words if w not in NAME_ARTICLES] or words
    return tuple(_skeleton_word(w) for w in kept)


def skeleton_key(text: str) -> str:
    """A key shared by transliteration variants of one name: "Qasim Rahmani",
    "Ghasem Rahmani" and "Kasem Rahmany" all give "ksm rhmn"."""
    return " ".join(skeleton_words(text))


def name_slug(text: str) -> str:
    """A lower-case ASCII slug of a name, for ids: "Jon Varga" -> "jon-varga"."""
    return "-".join(normalise_name(text).split())
