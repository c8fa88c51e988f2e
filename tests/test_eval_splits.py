"""The fixed dev/heldout split of evaluation items, and the `--split` option of the eval
commands that use it."""

from __future__ import annotations

from pathlib import Path

from tests.test_eval_quotes import _fake_extractor, _tiny_polnear
from tidings.evaluate.plover import load_plover
from tidings.evaluate.quotes import evaluate_quotes
from tidings.evaluate.splits import Split, in_split, select, split_of


def test_an_items_split_is_fixed_and_ignores_surrounding_blanks() -> None:
    assert split_of("Harbouria shelled the port.") is split_of("  Harbouria shelled the port.\n")
    # Pinned: a change of hash would silently move items between dev and heldout.
    expected = ["dev", "dev", "dev", "heldout", "heldout", "dev"]
    assert [split_of(f"item {i}").value for i in range(6)] == expected
    assert {split_of(f"sentence number {i}") for i in range(60)} == {Split.dev, Split.heldout}


def test_about_a_third_is_held_out_and_all_holds_everything() -> None:
    keys = [f"an invented sentence {i}" for i in range(3000)]
    held = select(keys, str, Split.heldout)
    dev = select(keys, str, Split.dev)
    assert 900 < len(held) < 1100
    assert sorted(held + dev) == sorted(keys)
    assert select(keys, str, Split.all) == keys
    assert all(in_split(k, Split.all) for k in keys[:10])


def test_plover_sentences_are_split_by_their_text(tmp_path: Path) -> None:
    rows = [f"<s>Harbouria</s> shelled <t>port {i}</t>.\tASSAULT" for i in range(30)]
    data = tmp_path / "PLV_train.tsv"
    data.write_text("marked_sentence\tgold_root\n" + "\n".join(rows) + "\n", encoding="utf-8")
    every = load_plover(data)
    dev = load_plover(data, split=Split.dev)
    held = load_plover(data, split=Split.heldout)
    assert len(dev) + len(held) == len(every) == 30
    assert all(split_of(s.text) is Split.heldout for s in held)
    assert load_plover(data, limit=2, split=Split.dev) == dev[:2]


def test_polnear_articles_are_split_by_their_file_name(tmp_path: Path) -> None:
    data = _tiny_polnear(tmp_path)
    name = "paper_2024-01-01_bridge.txt"
    ours = split_of(name)
    other = Split.dev if ours is Split.heldout else Split.heldout
    kept = evaluate_quotes(data, extractor=_fake_extractor, split=ours)
    assert (kept.articles, kept.split) == (1, ours)
    assert evaluate_quotes(data, extractor=_fake_extractor, split=other).articles == 0
    assert evaluate_quotes(data, extractor=_fake_extractor).articles == 1
