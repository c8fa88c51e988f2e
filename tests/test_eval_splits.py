"""The fixed dev/heldout split of evaluation items, and the `--split` option of the eval
commands that use it."""

from __future__ import annotations

from pathlib import Path

from tidings.evaluate.plover import load_plover
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
