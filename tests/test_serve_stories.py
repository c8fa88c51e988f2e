"""Stories hold together: a cluster shared by articles joins them only when they also name the
same other actors and places, so a generic cluster does not chain unrelated articles (invented
articles; the examples' two reports of one strike stay one story in test_serve_api)."""

from __future__ import annotations

from tidings.serve.stories import SharedCluster, group_stories, same_context

# What each invented article names besides the cluster's sides.
NAMES = {
    # two outlets' reports of one port strike
    "harbour-a": frozenset({"GBR", "FRA", "u:portmere:place", "u:ostrava-docks:place", "minda"}),
    "harbour-b": frozenset({"GBR", "FRA", "u:portmere:place", "u:ostrava-docks:place", "tuvel"}),
    # unrelated articles that happen to say "the UK consulted the US"
    "budget": frozenset({"GBR", "USA", "u:treasury:organization", "anne-brek"}),
    "football": frozenset({"GBR", "USA", "u:fc-lindow:organization", "u:lindow:place"}),
    "election": frozenset({"GBR", "USA", "u:labour:organization", "u:kesby:place"}),
    "vaccine": frozenset({"GBR", "USA", "u:who:organization", "u:geneva:place"}),
}
STRIKE = SharedCluster("c:strike", frozenset({"USA", "SYR"}), ("harbour-a", "harbour-b"))
GENERIC = SharedCluster(
    "c:consult", frozenset({"GBR", "USA"}), ("budget", "election", "football", "vaccine")
)


def test_a_generic_cluster_does_not_join_unrelated_articles() -> None:
    assert group_stories([GENERIC], NAMES) == []


def test_a_generic_cluster_does_not_chain_stories_together() -> None:
    bridge = SharedCluster("c:consult", frozenset({"GBR", "USA"}), ("budget", "harbour-a"))
    [story] = group_stories([STRIKE, GENERIC, bridge], NAMES)
    assert story.articles == ["harbour-a", "harbour-b"]
    assert story.clusters == ["c:strike"]


def test_reports_that_share_a_cluster_and_their_context_are_one_story() -> None:
    second = SharedCluster("c:protest", frozenset({"FRA", "GBR"}), ("harbour-a", "harbour-b"))
    [story] = group_stories([STRIKE, second], NAMES)
    assert story.articles == ["harbour-a", "harbour-b"]
    assert story.clusters == ["c:protest", "c:strike"]


def test_a_third_report_joins_through_another_cluster() -> None:
    names = {**NAMES, "harbour-c": NAMES["harbour-a"] | {"u:kesby:place"}}
    later = SharedCluster("c:talks", frozenset({"GBR", "FRA"}), ("harbour-b", "harbour-c"))
    [story] = group_stories([STRIKE, later], names)
    assert story.articles == ["harbour-a", "harbour-b", "harbour-c"]
    assert story.clusters == ["c:strike", "c:talks"]


def test_the_cluster_sides_are_not_shared_context() -> None:
    # both articles name only the cluster's sides and one other name each
    names = {
        "x": frozenset({"USA", "SYR", "u:a:place"}),
        "y": frozenset({"USA", "SYR", "u:b:place"}),
    }
    assert group_stories([SharedCluster("c", frozenset({"USA", "SYR"}), ("x", "y"))], names) == []


def test_one_shared_name_is_not_enough() -> None:
    assert not same_context(frozenset({"GBR"}), frozenset({"GBR"}))
    assert same_context(
        frozenset({"GBR", "u:portmere:place"}), frozenset({"GBR", "u:portmere:place"})
    )
    many = frozenset(f"u:n{n}:place" for n in range(20))
    assert not same_context(many | {"GBR", "FRA"}, frozenset({"GBR", "FRA", "u:other:place"}))
