"""Exact and near-duplicate articles: a wire story reposted with other furniture, a lightly
edited copy, an unrelated story on the same topic that must stay apart, short texts, groups."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tidings.link import DuplicateFinder, DuplicateGroup, DuplicatePair, find_duplicates
from tidings.link.duplicates import INDEX_RECALL, index_bands
from tidings.link.fingerprints import fingerprint, jaccard, normalise

WIRE = (
    "Dock workers in the northern port of Velmora walked off the job on Tuesday after talks "
    "over night-shift pay collapsed, leaving more than forty container ships waiting at "
    "anchor outside the harbour.\n"
    "The Velmora Harbour Union said its 3,200 members would stay out until the operator, "
    "Castellan Terminals, restored the shift bonus it cut in March. \"We did not choose this "
    "fight,\" union secretary Ilse Marrow told reporters at the gate.\n"
    "Castellan Terminals said the bonus had been replaced by a new rota that gave workers "
    "more rest days, and accused the union of holding the regional economy hostage.\n"
    "Farmers who ship citrus through the port warned that fruit would begin to spoil within "
    "a week. The regional chamber of commerce estimated the cost of the stoppage at about "
    "12 million euros a day.\n"
    "A mediator appointed by the labour ministry is due to meet both sides on Thursday."
)

SITE_A = (
    "Velmora dockers strike over night pay\n"
    "Advertisement\n"
    f"{WIRE}\n"
    "Share this article on social media\n"
    "Sign up for our morning newsletter"
)

SITE_B = (
    "PORT SHUTDOWN: Ships queue as Velmora union walks out\n"
    f"{WIRE}\n"
    "Read more: Fishing fleet ties up in pay row\n"
    "Copyright 2024 Coastline Media. All rights reserved."
)

# Same words, other case, spacing and punctuation marks: the same text once normalised.
SITE_A_RESPACED = SITE_A.upper().replace('"', "“", 1).replace("\n", "\n\n").replace(", ", " , ")

EDITED = (
    WIRE.replace("on Tuesday", "on Tuesday morning")
    .replace("more than forty", "at least 40")
    .replace("told reporters at the gate", "said outside the terminal")
    .replace("is due to meet", "will meet")
)

SAME_TOPIC = (
    "Harbour strike enters second day\n"
    "The stoppage at Velmora's container port entered its second day on Wednesday, with "
    "pickets blocking the main gate and lorries parked along the coast road for several "
    "kilometres. Shipping lines began diverting vessels to rival terminals further south, "
    "and two carriers said they would add surcharges for cargo bound for the region.\n"
    "Union leaders rejected an offer from the operator to phase the bonus back in over two "
    "years, calling it an insult. The operator's chief executive said the company could not "
    "afford the old arrangement and urged staff to return while the mediator does his work.\n"
    "Citrus growers held a protest of their own outside the town hall, demanding "
    "compensation from the regional government for fruit left rotting in warehouses."
)


def pair_keys(pairs: list[DuplicatePair]) -> set[tuple[str, str]]:
    return {(pair.a, pair.b) for pair in pairs}


def test_wire_story_with_other_headline_and_furniture_is_a_near_duplicate() -> None:
    pairs, groups = find_duplicates([("site-b", SITE_B), ("site-a", SITE_A)])
    assert len(pairs) == 1
    pair = pairs[0]
    assert (pair.a, pair.b) == ("site-a", "site-b")  # a < b, whatever the input order
    assert not pair.exact
    assert 0.5 <= pair.similarity < 1.0
    assert groups == [DuplicateGroup("dup:site-a", ("site-a", "site-b"), exact=False)]


def test_case_spacing_and_punctuation_do_not_hide_an_exact_copy() -> None:
    assert normalise(SITE_A) == normalise(SITE_A_RESPACED)
    pairs, groups = find_duplicates([("x1", SITE_A), ("x2", SITE_A_RESPACED)])
    assert pairs == [DuplicatePair("x1", "x2", 1.0, exact=True)]
    assert groups == [DuplicateGroup("dup:x1", ("x1", "x2"), exact=True)]


def test_lightly_edited_copy_is_a_near_duplicate() -> None:
    pairs, _ = find_duplicates([("wire", WIRE), ("edited", EDITED)])
    assert pair_keys(pairs) == {("edited", "wire")}
    assert not pairs[0].exact
    assert pairs[0].similarity > 0.6


def test_unrelated_story_on_the_same_topic_does_not_match() -> None:
    pairs, groups = find_duplicates([("a", SITE_A), ("topic", SAME_TOPIC)])
    assert pairs == []
    assert groups == []
    low = find_duplicates([("a", SITE_A), ("topic", SAME_TOPIC)], threshold=0.1)[0]
    assert low == []  # 5-word shingles: the same people and places are not the same text


def test_three_copies_make_one_group_with_every_pair() -> None:
    items = [("c", SITE_B), ("a", SITE_A), ("b", SITE_A_RESPACED), ("z", SAME_TOPIC)]
    pairs, groups = find_duplicates(items)
    assert pair_keys(pairs) == {("a", "b"), ("a", "c"), ("b", "c")}
    exact = {(pair.a, pair.b): pair.exact for pair in pairs}
    assert exact == {("a", "b"): True, ("a", "c"): False, ("b", "c"): False}
    # the two near pairs of one exact text carry the same similarity
    near = [pair.similarity for pair in pairs if not pair.exact]
    assert near[0] == near[1]
    assert groups == [DuplicateGroup("dup:a", ("a", "b", "c"), exact=False)]


def test_group_of_identical_texts_is_exact() -> None:
    items = [("w3", WIRE), ("w1", WIRE), ("w2", WIRE.lower())]
    pairs, groups = find_duplicates(items)
    assert all(pair.exact and pair.similarity == 1.0 for pair in pairs)
    assert pair_keys(pairs) == {("w1", "w2"), ("w1", "w3"), ("w2", "w3")}
    assert groups == [DuplicateGroup("dup:w1", ("w1", "w2", "w3"), exact=True)]


def test_results_do_not_depend_on_input_order() -> None:
    items = [("c", SITE_B), ("a", SITE_A), ("b", SITE_A_RESPACED), ("e", EDITED), ("t", SAME_TOPIC)]
    forward = find_duplicates(items)
    backward = find_duplicates(list(reversed(items)))
    assert forward == backward
    assert [group.id for group in forward[1]] == ["dup:a"]


def test_short_texts_match_only_when_identical() -> None:
    short = [
        ("s1", "Port strike ends after pay deal."),
        ("s2", "Port strike ends after pay deal!"),
        ("s3", "Port strike ends after new pay deal."),
        ("s4", "Port strike ends after a pay deal."),
        ("s5", "Rail strike ends after pay deal."),
    ]
    pairs, groups = find_duplicates(short)
    assert pairs == [DuplicatePair("s1", "s2", 1.0, exact=True)]
    assert groups == [DuplicateGroup("dup:s1", ("s1", "s2"), exact=True)]


def test_short_texts_that_differ_by_a_word_do_not_match() -> None:
    first = "Dock workers in Velmora walked off the job on Tuesday after pay talks collapsed"
    second = first + " again"  # 15 words: 10 of 11 shingles shared, still too short to judge
    assert jaccard(fingerprint(first, size=5).shingles, fingerprint(second, size=5).shingles) > 0.9
    pairs, _ = find_duplicates([("f", first), ("s", second)], threshold=0.1)
    assert pairs == []


def test_empty_texts_are_left_out() -> None:
    pairs, groups = find_duplicates([("e1", ""), ("e2", " ... \n"), ("w", WIRE)])
    assert pairs == []
    assert groups == []


def test_stream_is_read_once_and_pairs_come_as_articles_arrive() -> None:
    def stream() -> Iterator[tuple[str, str]]:
        yield from [("a", SITE_A), ("c", SITE_B), ("b", SITE_A_RESPACED)]

    pairs, groups = find_duplicates(stream())
    assert pair_keys(pairs) == {("a", "b"), ("a", "c"), ("b", "c")}
    finder = DuplicateFinder()
    assert finder.add("a", SITE_A) == []
    assert pair_keys(finder.add("c", SITE_B)) == {("a", "c")}
    # a later exact copy is paired with its text's copies and with the texts near it
    assert pair_keys(finder.add("b", SITE_A_RESPACED)) == {("a", "b"), ("b", "c")}
    assert finder.groups() == groups


def test_the_same_id_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="added twice"):
        find_duplicates([("a", WIRE), ("a", SITE_B)])


def test_fingerprint_similarity_is_exact_jaccard_of_shingles() -> None:
    first = fingerprint("one two three four five six", size=5)
    second = fingerprint("one two three four five seven", size=5)
    assert first.words == 6
    assert first.shingles.size == 2
    assert jaccard(first.shingles, second.shingles) == pytest.approx(1 / 3)
    assert fingerprint("Two words", size=5).shingles.size == 1


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7, 0.9])
def test_index_bands_find_a_pair_at_the_threshold(threshold: float) -> None:
    bands, rows = index_bands(threshold, 128)
    assert bands * rows <= 128
    assert 1 - (1 - threshold**rows) ** bands >= INDEX_RECALL
