"""The alias index of the actor base: exact normalised aliases first, then transliteration
skeletons, then fuzzy matching over a small block (aliases sharing the skeleton of the last
word), never over the whole base."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from tidings.knowledge.names import normalise_name, skeleton_key, skeleton_words

AliasKind = Literal["name", "alias", "demonym", "metonym"]
LinkKind = Literal["alias", "skeleton", "fuzzy"]

# rapidfuzz ratio (0-100) at which a spelling counts as the same name as an alias sharing its
# last word's skeleton: a slip or two of the pen ("Hassan Rouhanni"). Not WRatio: its partial
# matching gives 90 to "Al-Quds" against "Saraya al-Quds", another group. "Ivanka Trump"
# against "Donald Trump" scores 67 and is refused.
FUZZY_MIN_SCORE = 88.0
# ... and each word of it at least this close to the alias's word in the same place, and
# starting with the same letter ("Harbour Party" is not "Labour Party").
FUZZY_WORD_MIN_SCORE = 75.0
# Skeleton keys fold vowels away, so short names collide ("Qani", "Kani", "Ghani" -> "kn"):
# a skeleton hit counts only when the spellings are also this close (rapidfuzz ratio).
SKELETON_CONFIRM_SCORE = 60.0
# ... and a name of one word, which carries little else to tell two people apart, must be
# closer still: "Varga" and "Verago" share a skeleton, at a ratio near 67.
SKELETON_CONFIRM_ONE_WORD = 80.0
# ... and in a name of several words the last (the surname) must be close on its own: "Tomas
# Brek" and "Tom Barrack" share a skeleton at a ratio near 67, their surnames at 55, while
# "Khadir" and "Qadir", two spellings of one name, score 73.
SKELETON_CONFIRM_LAST_WORD = 70.0


@dataclass(frozen=True, slots=True)
class AliasHit:
    """An actor that a name can stand for, and how the name is listed for it."""

    actor_id: str
    listed_as: AliasKind


@dataclass(frozen=True, slots=True)
class IndexMatch:
    actor_id: str
    listed_as: AliasKind
    link: LinkKind
    score: float


# (normalised alias, actor id, how it is listed): plain tuples, so that a base of tens of
# thousands of aliases unpickles from the cache in a fraction of a second.
_Listed = tuple[str, str, AliasKind]


class AliasIndex:
    """Normalised alias -> actors, with skeleton and fuzzy fallbacks."""

    def __init__(self, entries: Iterable[tuple[str, str, AliasKind]]) -> None:
        exact: dict[str, dict[str, AliasKind]] = defaultdict(dict)
        initialisms: set[str] = set()
        # (key, actor) -> its capitals as written, for an actor listed under a key only by
        # mixed-case short forms ("FdI"): "FDI" (foreign direct investment) is not that party
        cased: dict[tuple[str, str], set[str]] = defaultdict(set)
        plain: set[tuple[str, str]] = set()
        for alias, actor_id, listed_as in entries:
            key = normalise_name(alias)
            if key:
                exact[key].setdefault(actor_id, listed_as)
                mixed = _mixed_case_short(alias)
                if _initialism(alias) or mixed:
                    initialisms.add(key)
                if mixed:
                    cased[(key, actor_id)].add(_letters(alias))
                else:
                    plain.add((key, actor_id))
        self._cased: dict[tuple[str, str], frozenset[str]] = {
            pair: frozenset(forms) for pair, forms in cased.items() if pair not in plain
        }
        self._exact: dict[str, tuple[tuple[str, AliasKind], ...]] = {
            key: tuple(ids.items()) for key, ids in exact.items()
        }
        skeletons: dict[str, list[_Listed]] = defaultdict(list)
        blocks: dict[str, list[_Listed]] = defaultdict(list)
        for key, hits in self._exact.items():
            if key in initialisms:
                continue  # "FT" is matched as written or not at all: "Fiat" is not the FT
            words = skeleton_words(key)
            for actor_id, listed_as in hits:
                if listed_as == "demonym":
                    continue
                listed = (key, actor_id, listed_as)
                skeletons[" ".join(words)].append(listed)
                if words:
                    blocks[words[-1]].append(listed)
        self._skeletons = dict(skeletons)
        self._blocks = dict(blocks)

    def exact(self, name: str) -> tuple[AliasHit, ...]:
        key = normalise_name(name)
        return tuple(
            AliasHit(i, how)
            for i, how in self._exact.get(key, ())
            if (key, i) not in self._cased or _letters(name) in self._cased[(key, i)]
        )

    def near(self, name: str) -> tuple[IndexMatch, ...]:
        """Actors whose aliases are spelled like `name` (skeleton key, then fuzzy within the
        block of aliases whose last word has the same skeleton); best first."""
        key = normalise_name(name)
        if not key:
            return ()
        found: dict[str, IndexMatch] = {}
        confirm = SKELETON_CONFIRM_SCORE if " " in key else SKELETON_CONFIRM_ONE_WORD
        for normalised, actor_id, listed_as in self._skeletons.get(skeleton_key(key), ()):
            score = fuzz.ratio(key, normalised)
            if score >= confirm and _same_last_word(key, normalised):
                _keep_best(found, IndexMatch(actor_id, listed_as, "skeleton", score))
        if not found:
            words = skeleton_words(key)
            count = len(key.split())
            for normalised, actor_id, listed_as in self._blocks.get(words[-1], ()) if words else ():
                # a slip of the pen, not a word left out: "defence ministry" is not
                # "UK defence ministry", however close the letters
                if len(normalised.split()) != count:
                    continue
                score = fuzz.ratio(key, normalised)
                if score >= FUZZY_MIN_SCORE and _every_word_close(key, normalised):
                    _keep_best(found, IndexMatch(actor_id, listed_as, "fuzzy", score))
        return tuple(sorted(found.values(), key=lambda m: (-m.score, m.actor_id)))


def _every_word_close(key: str, alias: str) -> bool:
    """Whether each word of a name is a slip of the pen from the alias's word in its place (its
    first letter kept): a long shared word does not make two firms one ("Qwest Communications"
    is not "Surewest Communications")."""
    return all(
        len(word) <= 3  # "al", "el", "bin"
        or (word[0] == other[:1] and fuzz.ratio(word, other) >= FUZZY_WORD_MIN_SCORE)
        for word, other in zip(key.split(), alias.split(), strict=False)
    )


def _same_last_word(key: str, alias: str) -> bool:
    """Whether the last words of two names of several words are spelled alike (a name of
    one word is judged whole)."""
    if " " not in key:
        return True
    return (
        fuzz.ratio(key.rsplit(" ", 1)[-1], alias.rsplit(" ", 1)[-1]) >= SKELETON_CONFIRM_LAST_WORD
    )


def _initialism(alias: str) -> bool:
    """An alias written as capitals of one short word ("FT", "TCI", "IRGC")."""
    letters = alias.replace(".", "").replace("&", "")
    return " " not in alias.strip() and 1 < len(letters) <= 6 and letters.isupper()


def _mixed_case_short(alias: str) -> bool:
    """An alias of one short word whose capitals are not all its letters nor only its first
    ("FdI", "PiS"): a form whose case tells it from a common word or acronym."""
    letters = _letters(alias)
    capitals = sum(ch.isupper() for ch in letters)
    return " " not in alias.strip() and 1 < len(letters) <= 6 and 1 < capitals < len(letters)


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha())


def _keep_best(found: dict[str, IndexMatch], match: IndexMatch) -> None:
    current = found.get(match.actor_id)
    if current is None or match.score > current.score:
        found[match.actor_id] = match
