"""Exact and near-duplicate articles: the same wire story on several sites, a lightly edited
copy, a re-titled repost.

* **Exact** duplicates share their normalised text (case, punctuation and spacing aside: see
  `fingerprints.normalise`). They are found by a hash of that text, without any sketch.
* **Near** duplicates: each distinct text's word-shingle set is sketched once with MinHash and
  looked up in a datasketch `MinHashLSH` index before it is added, so candidates come from the
  index's buckets, never from an all-pairs loop. Every candidate is verified by the exact
  Jaccard similarity of the two shingle sets, which keeps precision whatever the index lets
  through.
* Pairs are grouped by union-find; a group is `exact` when all its members share one text.

Streaming: `DuplicateFinder.add` takes one article at a time and returns the pairs it closes.
Per distinct text the finder keeps its sorted shingle hashes (8 bytes a shingle, about 3 KB for
a 400-word article) and the index's band keys; the sketch itself is dropped once indexed.
Texts shorter than `MIN_WORDS` words match only exactly: a few shared words say nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from datasketch import MinHashLSH

from tidings.link.fingerprints import Hashes, Sketcher, fingerprint, jaccard

# Word 5-grams: long enough that two unrelated stories on one topic share almost none ("the
# prime minister said on" is the rare exception), short enough that an edit costs few shingles.
DEFAULT_SHINGLE = 5
# Verified Jaccard of 5-gram sets. On the 2,225 BBC articles the pairs that are not exact copies
# are copies under a new headline (0.93 and up), copies with words or sentences edited (0.56 to
# 0.99) and, after a gap, follow-up stories that reuse a paragraph or two (0.47, then 0.36 and
# below); 0.5 sits in the gap. Fewer than 100 of the 2.5 million pairs reach 0.1.
DEFAULT_THRESHOLD = 0.5
# 128 permutations. Similarities are exact, so the sketch only picks candidates: on the 2,225
# BBC articles 64, 128 and 256 find the same pairs, but 64 leaves the index only 1-2 rows a band
# (at threshold 0.3: 2,061 candidates to verify against 146 with 128, a count that grows with
# the square of the corpus), and 256 costs more per article for nothing.
DEFAULT_NUM_PERM = 128
# Below this many words a text only matches an identical one: 20 words make 16 shingles, and
# short boilerplate ("Click here to subscribe ...") must not chain articles into one group.
MIN_WORDS = 20
# The index must miss little: a false candidate costs one exact Jaccard, a missed pair is lost.
# Bands and rows are chosen so that a pair exactly at the threshold becomes a candidate with at
# least this probability (pairs above it more). datasketch's own choice for 0.5 and 128
# permutations (25 bands of 5 rows) finds a pair at 0.56 only three times in four; it missed
# one of the 66 BBC pairs at or above 0.5.
INDEX_RECALL = 0.99


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two articles telling the same text. `a` < `b`; `similarity` is the exact Jaccard
    similarity of their word-shingle sets (1.0 when `exact`, identical normalised texts)."""

    a: str
    b: str
    similarity: float
    exact: bool


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Articles linked by duplicate pairs. `id` is "dup:" + the smallest member id, so the same
    articles give the same id in every run; `exact` when all members share one text."""

    id: str
    members: tuple[str, ...]
    exact: bool


class DuplicateFinder:
    """Finds duplicates among articles added one at a time."""

    def __init__(
        self,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        num_perm: int = DEFAULT_NUM_PERM,
        shingle: int = DEFAULT_SHINGLE,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self._threshold = threshold
        self._shingle = shingle
        self._sketcher = Sketcher(num_perm=num_perm)
        self._index = MinHashLSH(num_perm=num_perm, params=index_bands(threshold, num_perm))
        self._class_of_key: dict[str, str] = {}  # text key -> representative id
        self._members: dict[str, list[str]] = {}  # representative id -> ids with that text
        self._class_of: dict[str, str] = {}  # article id -> representative id
        self._shingles: dict[str, Hashes] = {}  # representative id -> shingle set
        self._near: dict[str, list[tuple[str, float]]] = {}  # representative -> near ones
        self._pairs: list[DuplicatePair] = []
        self._parent: dict[str, str] = {}

    def add(self, article_id: str, text: str) -> list[DuplicatePair]:
        """Add one article; return the pairs it forms with the articles added before."""
        if article_id in self._class_of:
            raise ValueError(f"article id {article_id!r} added twice")
        found = fingerprint(text, size=self._shingle)
        if found.words == 0:
            return []
        representative = self._class_of_key.get(found.key)
        if representative is not None:
            pairs = self._join_class(article_id, representative)
        else:
            pairs = self._new_class(article_id, found.key, found.shingles, found.words)
        self._pairs.extend(pairs)
        for pair in pairs:
            self._union(pair.a, pair.b)
        return pairs

    def pairs(self) -> list[DuplicatePair]:
        """All pairs found so far, sorted by ids."""
        return sorted(self._pairs, key=lambda pair: (pair.a, pair.b))

    def groups(self) -> list[DuplicateGroup]:
        """The groups of the pairs found so far, sorted by id."""
        components: dict[str, list[str]] = {}
        for member in self._parent:
            components.setdefault(self._find(member), []).append(member)
        groups = []
        for members in components.values():
            ordered = tuple(sorted(members))
            texts = {self._class_of[member] for member in ordered}
            groups.append(DuplicateGroup("dup:" + ordered[0], ordered, exact=len(texts) == 1))
        return sorted(groups, key=lambda group: group.id)

    def _join_class(self, article_id: str, representative: str) -> list[DuplicatePair]:
        """`article_id` repeats the text of `representative`: pair it with that text's copies
        and with the copies of every text found near it."""
        members = self._members[representative]
        pairs = [_pair(article_id, member, 1.0, exact=True) for member in members]
        for other, similarity in self._near.get(representative, ()):
            pairs.extend(_pair(article_id, member, similarity) for member in self._members[other])
        members.append(article_id)
        self._class_of[article_id] = representative
        return pairs

    def _new_class(
        self, article_id: str, key: str, shingles: Hashes, words: int
    ) -> list[DuplicatePair]:
        """A text not seen before: index it, and pair it with the verified near texts."""
        self._class_of_key[key] = article_id
        self._members[article_id] = [article_id]
        self._class_of[article_id] = article_id
        if words < MIN_WORDS:
            return []
        sketch = self._sketcher.sketch(shingles)
        pairs: list[DuplicatePair] = []
        for other in self._index.query(sketch):
            similarity = jaccard(shingles, self._shingles[other])
            if similarity < self._threshold:
                continue
            self._near.setdefault(article_id, []).append((other, similarity))
            self._near.setdefault(other, []).append((article_id, similarity))
            pairs.extend(_pair(article_id, member, similarity) for member in self._members[other])
        self._index.insert(article_id, sketch, check_duplication=False)
        self._shingles[article_id] = shingles
        return pairs

    def _find(self, item: str) -> str:
        root = item
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[item] != root:  # path compression
            self._parent[item], item = root, self._parent[item]
        return root

    def _union(self, first: str, second: str) -> None:
        for item in (first, second):
            self._parent.setdefault(item, item)
        root_a, root_b = self._find(first), self._find(second)
        if root_a != root_b:
            self._parent[max(root_a, root_b)] = min(root_a, root_b)


def find_duplicates(
    texts: Iterable[tuple[str, str]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    num_perm: int = DEFAULT_NUM_PERM,
    shingle: int = DEFAULT_SHINGLE,
) -> tuple[list[DuplicatePair], list[DuplicateGroup]]:
    """Exact and near-duplicate pairs among `(article id, text)` items, and their groups.

    The items are read once, in order (a generator is fine). A pair's similarity is the exact
    Jaccard similarity of the two texts' word `shingle`-gram sets; near pairs are those at or
    above `threshold`. Raises ValueError when an id comes twice.
    """
    finder = DuplicateFinder(threshold=threshold, num_perm=num_perm, shingle=shingle)
    for article_id, text in texts:
        finder.add(article_id, text)
    return finder.pairs(), finder.groups()


def index_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """LSH bands and rows per band: the most rows (fewest false candidates) for which a pair
    of Jaccard similarity `threshold` still shares a band with probability `INDEX_RECALL`.
    A pair shares one band of `rows` values with probability s^rows, some band of `bands` with
    1 - (1 - s^rows)^bands."""
    for rows in range(num_perm // 2, 0, -1):
        bands = num_perm // rows
        if 1.0 - (1.0 - threshold**rows) ** bands >= INDEX_RECALL:
            return bands, rows
    return num_perm, 1  # a threshold too low for any banding to reach: one value a band


def _pair(first: str, second: str, similarity: float, *, exact: bool = False) -> DuplicatePair:
    low, high = sorted((first, second))
    return DuplicatePair(low, high, similarity, exact)
