"""What the link step needs of one article, computed where the article is extracted (in a
worker process, beside its record), so the link step after a run neither parses the stored
record again nor reads its events and text: the article's event mentions with their blocks
(pickled once, here) and its text's duplicate fingerprint (exact key, LSH bands)."""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from typing import Any

from tidings.link.blocks import DEFAULT_BLOCK_DAYS, block_name, blocked_mentions
from tidings.link.duplicate_bands import text_fingerprint
from tidings.link.events import LinkKnowledge, load_link_knowledge


@dataclass(frozen=True, slots=True)
class PreparedLink:
    """One article's link inputs. `mentions`: (block name, pickled `EventMention`), blocked
    with `DEFAULT_BLOCK_DAYS`; `text_key` "" and `words` 0 for a text without words."""

    article_id: str
    mentions: tuple[tuple[str, bytes], ...]
    text_key: str
    words: int
    bands: tuple[str, ...]


def prepare_link(record: dict[str, Any], knowledge: LinkKnowledge | None = None) -> PreparedLink:
    """The link inputs of one contract record."""
    knowledge = knowledge or load_link_knowledge()
    article_id = str(record.get("id"))
    mentions = tuple(
        (block_name(key), pickle.dumps(mention, protocol=pickle.HIGHEST_PROTOCOL))
        for key, mention in blocked_mentions(
            record, block_days=DEFAULT_BLOCK_DAYS, knowledge=knowledge
        )
    )
    found = text_fingerprint(article_id, 0, str(record.get("text") or ""))
    if found is None:
        return PreparedLink(article_id, mentions, "", 0, ())
    _, _, key, words, _, bands = found
    return PreparedLink(article_id, mentions, key, words, tuple(bands))
