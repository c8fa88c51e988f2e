"""Duplicate articles for the link step over a store: each article's fingerprint (exact text
key, word count, shingles, LSH band values) and the groups new articles form or join, found by
the band join of `tidings.link.duplicate_bands` against the stored text keys and bands, which
finds what the whole finder finds."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from tidings.link.duplicate_bands import duplicate_groups, text_fingerprint
from tidings.link.duplicates import DEFAULT_SHINGLE, DEFAULT_THRESHOLD, DuplicateGroup
from tidings.link.fingerprints import Hashes, fingerprint, jaccard
from tidings.store.link_reads import LinkReader, PreparedText
from tidings.store.link_rows import BandRow, TextKeyRow


@dataclass(frozen=True, slots=True)
class Fingerprint:
    article_id: str
    key: str
    words: int
    shingles: Hashes
    bands: tuple[str, ...]

    @property
    def key_row(self) -> TextKeyRow:
        return TextKeyRow(self.article_id, self.key, self.words)

    @property
    def band_rows(self) -> list[BandRow]:
        return [BandRow(band, self.article_id) for band in self.bands]


def article_fingerprint(record: dict[str, Any]) -> Fingerprint | None:
    found = text_fingerprint(str(record.get("id")), 0, str(record.get("text") or ""))
    if found is None:
        return None
    article_id, _, key, words, shingles, bands = found
    return Fingerprint(article_id, key, words, shingles, tuple(bands))


def prepared_fingerprint(text: PreparedText) -> Fingerprint | None:
    """A new article's fingerprint from its stored key and bands (its shingles from its
    text, for the exact similarity of candidate pairs)."""
    if not text.words:
        return None
    shingles = fingerprint(text.text, size=DEFAULT_SHINGLE).shingles
    return Fingerprint(text.article_id, text.text_key, text.words, shingles, text.bands)


def empty_keys(records: list[dict[str, Any]], found: list[Fingerprint]) -> list[TextKeyRow]:
    """Key rows of the texts without words: they mark the article as prepared too."""
    done = {f.article_id for f in found}
    return [TextKeyRow(str(r.get("id")), "", 0) for r in records if str(r.get("id")) not in done]


def new_duplicates(
    ours: list[Fingerprint], reader: LinkReader
) -> tuple[list[DuplicateGroup], list[str]]:
    """The duplicate groups the new articles (`ours`) form or join, and the ids of the stored
    groups they replace."""
    keys = sorted({f.key for f in ours})
    bands = sorted({b for f in ours for b in f.bands})
    stored = reader.duplicate_candidates(keys, bands)
    prints = {f.article_id: f for f in ours}
    # one text key, one normalised text: its shingles and bands are made once (a story
    # stored many times is one text, however many copies the store holds)
    by_key = {f.key: f for f in ours}
    for candidate in stored:
        if candidate.article_id in prints:
            continue
        known = by_key.get(candidate.text_key)
        found = (
            replace(known, article_id=candidate.article_id)
            if known is not None
            else article_fingerprint({"id": candidate.article_id, "text": candidate.text})
        )
        if found is not None:
            prints[candidate.article_id] = found
            by_key.setdefault(found.key, found)
    old_groups = reader.groups_of(sorted(prints))
    groups = article_groups(prints, ours, old_groups)
    return groups, sorted({g for g, _, _ in old_groups})


def article_groups(
    prints: dict[str, Fingerprint],
    ours: list[Fingerprint],
    old_groups: list[tuple[str, str, str]],
) -> list[DuplicateGroup]:
    """The groups of `prints` (the new articles `ours` and the stored ones they may pair
    with) and of the stored groups `old_groups` ((group, member, text key)) they touch."""
    key_of = {a: f.key for a, f in prints.items()}
    key_of.update({article: key for _, article, key in old_groups})
    classes: dict[str, list[str]] = {}
    for article, key in sorted(key_of.items()):
        classes.setdefault(key, []).append(article)
    near = _near_pairs(prints, ours)
    # the stored groups hold: each member is joined to its group's first member
    firsts = {g: a for g, a, _ in sorted(old_groups)}
    joined = [(key_of[firsts[g]], key_of[a]) for g, a, _ in old_groups]
    return duplicate_groups(classes.items(), [*near, *joined])


def _near_pairs(prints: dict[str, Fingerprint], ours: list[Fingerprint]) -> list[tuple[str, str]]:
    """Class-key pairs of a new article and another sharing an LSH band, similar enough."""
    by_band: dict[str, list[Fingerprint]] = {}
    for found in prints.values():
        for band in found.bands:
            by_band.setdefault(band, []).append(found)
    pairs: set[tuple[str, str]] = set()
    for mine in ours:
        for band in mine.bands:
            for other in by_band.get(band, []):
                if other.key == mine.key or (mine.key, other.key) in pairs:
                    continue
                if jaccard(mine.shingles, other.shingles) >= DEFAULT_THRESHOLD:
                    pairs.add((mine.key, other.key))
    return sorted(pairs)
