"""Stories hold together: a cluster shared by articles joins them only when they also name the
same other actors and places, rare ones weighing more, so a generic cluster does not chain
unrelated articles (invented articles; the examples' two reports of one strike stay one story
in test_serve_api)."""

from __future__ import annotations

from tidings.serve.stories import Rarity, SharedCluster, group_stories, same_context

# What each invented article names besides the cluster's sides.
NAMES = {
    # two outlets' reports of one port strike
    "harbour-a": frozenset({"GBR", "FRA", "u:portmere:place", "u:ostrava-docks:place", "minda"}),
    "harbour-b": frozenset({"GBR", "FRA", "u:portmere:place", "u:ostrava-docks:place", "tuvel"}),
    # unrelated articles that each say "the UK consulted the US", and name the premier
    "budget": frozenset(
        {"GBR", "USA", "premier-odell", "u:treasury:organization", "anne-brek", "u:mint:place"}
    ),
    "football": frozenset(
        {"GBR", "USA", "premier-odell", "u:fc-lindow:organization", "u:lindow:place", "ros-hale"}
    ),
    "election": frozenset(
        {"GBR", "USA", "premier-odell", "u:labour:organization", "u:kesby:place", "jon-mere"}
    ),
    "vaccine": frozenset(
        {"GBR", "USA", "premier-odell", "u:who:organization", "u:geneva:place", "eda-voss"}
    ),
}
# A store of 40 articles: the premier and the two countries in most of them, the rest rare.
RARITY = Rarity(40, {"GBR": 30, "USA": 25, "FRA": 12, "premier-odell": 28})
STRIKE = SharedCluster("c:strike", frozenset({"USA", "SYR"}), ("harbour-a", "harbour-b"))
GENERIC = SharedCluster(
    "c:consult", frozenset({"FRA", "DEU"}), ("budget", "election", "football", "vaccine")
)


def test_a_generic_cluster_does_not_join_unrelated_articles() -> None:
    # the four share three names besides the cluster's sides, but names most articles carry
    assert group_stories([GENERIC], NAMES, RARITY) == []


def test_a_generic_cluster_does_not_chain_stories_together() -> None:
    bridge = SharedCluster("c:consult", frozenset({"FRA", "DEU"}), ("budget", "harbour-a"))
    [story] = group_stories([STRIKE, GENERIC, bridge], NAMES, RARITY)
    assert story.articles == ["harbour-a", "harbour-b"]
    assert story.clusters == ["c:strike"]


def test_reports_that_share_a_cluster_and_their_context_are_one_story() -> None:
    second = SharedCluster("c:protest", frozenset({"FRA", "GBR"}), ("harbour-a", "harbour-b"))
    [story] = group_stories([STRIKE, second], NAMES, RARITY)
    assert story.articles == ["harbour-a", "harbour-b"]
    assert story.clusters == ["c:protest", "c:strike"]


def test_a_third_report_joins_through_another_cluster() -> None:
    names = {**NAMES, "harbour-c": NAMES["harbour-a"] | {"u:kesby:place"}}
    later = SharedCluster("c:talks", frozenset({"GBR", "FRA"}), ("harbour-b", "harbour-c"))
    [story] = group_stories([STRIKE, later], names, RARITY)
    assert story.articles == ["harbour-a", "harbour-b", "harbour-c"]
    assert story.clusters == ["c:strike", "c:talks"]


def test_the_cluster_sides_are_not_shared_context() -> None:
    # both articles name the cluster's sides and one other name each
    names = {
        "x": frozenset({"USA", "SYR", "u:a:place"}),
        "y": frozenset({"USA", "SYR", "u:b:place"}),
    }
    cluster = SharedCluster("c", frozenset({"USA", "SYR"}), ("x", "y"))
    assert group_stories([cluster], names, Rarity(2, {"USA": 2, "SYR": 2})) == []


def test_one_shared_name_is_not_enough_and_rare_names_weigh_more() -> None:
    few = Rarity(2, {})
    assert not same_context(frozenset({"GBR"}), frozenset({"GBR"}), few)
    two = frozenset({"GBR", "u:portmere:place"})
    assert same_context(two, two, few)
    # in a small store every shared name is rare enough: two reports of one event still join
    assert same_context(two, two, Rarity(2, {"GBR": 2, "u:portmere:place": 2}))
    # two common names shared among many rare ones are not enough
    many = frozenset(f"u:n{n}:place" for n in range(6))
    common = frozenset({"GBR", "premier-odell"})
    assert not same_context(many | common, common | {"u:other:place"}, RARITY)
    # the same two names, rare, are
    rare = Rarity(40, {"GBR": 1, "premier-odell": 1})
    assert same_context(common | {"u:a:place"}, common | {"u:b:place"}, rare)
