"""The quote stage's rules on texts written for the project, in the made-up world of
`actors_world.yaml` (people, Harbouria, Novalia) plus two outlets of `quotes_world.yaml`."""

from __future__ import annotations

from pathlib import Path

from tests.actors_fixture import WORLD, parse
from tidings.actors import resolve_actors
from tidings.clean.article import DateValue
from tidings.knowledge import load_actor_base
from tidings.quotes import Quote, extract_quotes

FILES = (WORLD, Path(__file__).with_name("quotes_world.yaml"))


def quotes(text: str, *, published: str | None = None) -> list[Quote]:
    parsed = parse(text, published=published, files=FILES)
    layer = resolve_actors(parsed, base=load_actor_base(tuple(str(f) for f in FILES)))
    found = list(extract_quotes(parsed, layer).quotes)
    for quote in found:  # the contract: the span is exactly the quote
        assert text[quote.span[0] : quote.span[1]] == quote.text
    return found


def said(text: str, quote: Quote) -> str | None:
    """The words the speaker was read from."""
    span = quote.speaker_span
    return text[span[0] : span[1]] if span else None


def only(found: list[Quote]) -> Quote:
    assert len(found) == 1, found
    return found[0]


# --- direct and partial quotes ----------------------------------------------------------


def test_a_quote_interrupted_by_its_attribution_is_one_quote_in_two_pieces() -> None:
    text = "“The tide is turning,” Qadir Solemani said. “We will not wait.”"
    quote = only(quotes(text))
    assert (quote.kind, quote.text, quote.cue) == ("direct", "The tide is turning", "said")
    assert [text[s:e] for s, e in quote.pieces] == ["The tide is turning", "We will not wait."]
    assert quote.piece_texts == ("The tide is turning", "We will not wait.")
    assert quote.speaker_id == "qadir-solemani" and quote.speaker == "Qadir Solemani"


def test_a_second_quote_with_a_cue_of_its_own_is_a_statement_of_its_own() -> None:
    text = "“The tide is turning,” Qadir Solemani said. “We will not wait,” he added."
    first, second = quotes(text)
    assert first.pieces == () and second.pieces == ()
    assert first.speaker_id == second.speaker_id == "qadir-solemani"


def test_a_quote_after_a_colon_with_straight_marks() -> None:
    text = 'Mara Lind said: "The harbour will stay open to every ship."'
    quote = only(quotes(text))
    assert (quote.kind, quote.speaker_id) == ("direct", "mara-lind")
    assert quote.text == "The harbour will stay open to every ship."


def test_a_quote_over_two_paragraphs_is_one_quote() -> None:
    text = "“The first part.\n“The second part of the same quote,” Mara Lind said."
    quote = only(quotes(text))
    assert quote.text == "The first part.\n“The second part of the same quote"
    assert quote.speaker_id == "mara-lind"


def test_a_quote_paragraph_without_a_cue_continues_the_previous_statement() -> None:
    text = (
        "Tomas Brek met reporters in Portvale.\n"
        "“The treaty is dead,” said the president.\n"
        "“We will not sign it again.”"
    )
    quote = only(quotes(text, published="2021-06-01"))
    assert said(text, quote) == "the president"  # a role phrase, read through the actors
    assert quote.speaker_id == "tomas-brek"
    assert quote.piece_texts == ("The treaty is dead", "We will not sign it again.")


def test_a_quote_paragraph_with_a_cue_of_its_own_is_a_new_statement() -> None:
    text = (
        "Tomas Brek met reporters in Portvale.\n"
        "“The treaty is dead,” said the president.\n"
        "“We will not sign it again,” he added."
    )
    first, second = quotes(text, published="2021-06-01")
    assert first.speaker_id == second.speaker_id == "tomas-brek"
    assert second.cue == "added" and second.pieces == ()


def test_a_partial_quote_inside_the_reporters_sentence() -> None:
    text = "Esmat Kaani said part of the revenge was “the expulsion of the Novalian fleet.”"
    quote = only(quotes(text))
    assert quote.kind == "partial"
    assert quote.text == "the expulsion of the Novalian fleet."
    assert quote.speaker_id == "esmat-kaani"


def test_a_scare_quote_is_partial_words_not_a_statement() -> None:
    text = "The Tide Guard Corps called the raid “a first slap.”"
    quote = only(quotes(text))
    assert (quote.kind, quote.text, quote.speaker_id) == ("partial", "a first slap.", "tide-guard")


def test_quoted_words_inside_a_reported_clause_belong_to_that_statement() -> None:
    text = (
        "Harbouria stressed that the strike was just the “first slap” and that more would follow."
    )
    quote = only(quotes(text))
    assert quote.kind == "indirect"
    assert quote.text == "that the strike was just the “first slap” and that more would follow"
    assert quote.speaker_id == "HBR"


def test_quoted_words_nobody_is_said_to_have_said_are_no_quote() -> None:
    assert quotes("The so-called “peace dividend” never came.") == []


# --- indirect speech ----------------------------------------------------------------------


def test_said_that_and_warned_that() -> None:
    quote = only(quotes("Mara Lind warned that Novalia would pay a price."))
    assert (quote.kind, quote.text, quote.cue) == (
        "indirect",
        "that Novalia would pay a price",
        "warned",
    )
    assert quote.speaker_id == "mara-lind"


def test_according_to() -> None:
    quote = only(quotes("The harbour will reopen next month, according to Mara Lind."))
    assert (quote.text, quote.cue, quote.speaker_id) == (
        "The harbour will reopen next month",
        "according to",
        "mara-lind",
    )


def test_a_vow_reports_its_infinitive() -> None:
    quote = only(quotes("Esmat Kaani vowed to avenge the attack."))
    assert (quote.kind, quote.text, quote.speaker_id) == (
        "indirect",
        "to avenge the attack",
        "esmat-kaani",
    )


def test_told_someone_that_keeps_the_speaker_not_the_hearer() -> None:
    quote = only(quotes("Tomas Brek told Mara Lind that the deal was off."))
    assert (quote.text, quote.speaker_id, quote.via) == (
        "that the deal was off",
        "tomas-brek",
        None,
    )


def test_a_clause_inside_a_claim_is_part_of_the_claim() -> None:
    quote = only(quotes("Mara Lind claimed Novalia does not want the harbour to reopen."))
    assert quote.text == "Novalia does not want the harbour to reopen"
    assert quote.speaker_id == "mara-lind"


def test_a_pronoun_speaker_is_the_actor_it_stands_for() -> None:
    text = "Qadir Solemani spoke to cadets on Monday. He said the fleet was ready."
    quote = only(quotes(text))
    assert (quote.text, said(text, quote), quote.speaker_id) == (
        "the fleet was ready",
        "He",
        "qadir-solemani",
    )


def test_sources_are_speakers_even_when_no_actor() -> None:
    text = "The talks collapsed, sources said. A source said the envoy had left early."
    first, second = quotes(text)
    assert (first.text, first.speaker, first.speaker_id) == ("The talks collapsed", "sources", None)
    assert (second.speaker, said(text, second)) == ("A source", "A source")


def test_it_said_in_a_statement_is_the_body_named_before() -> None:
    text = (
        "The Tide Guard Corps called the raid “a first slap.” "
        "“The next blow will be harder,” it said in a statement."
    )
    _, statement = quotes(text)
    assert (statement.kind, said(text, statement), statement.speaker_id) == (
        "direct",
        "it",
        "tide-guard",
    )


# --- outlets and dates --------------------------------------------------------------------


def test_quoted_by_an_agency_and_he_added_keep_the_agency() -> None:
    text = (
        "“We will answer,” Esmat Kaani was quoted by Portvale News Agency as saying. "
        "He added: “The answer will come from within.”"
    )
    first, second = quotes(text)
    assert first.cue == "was quoted by Portvale News Agency as saying"
    assert first.via == second.via == "Portvale News Agency"
    assert said(text, second) == "He" and second.speaker_id == "esmat-kaani"


def test_told_an_outlet_names_it_as_via() -> None:
    for outlet, via in [("the Seahold Herald", "Seahold Herald"), ("state television", None)]:
        text = f"Tomas Brek told {outlet} that the treaty was dead."
        quote = only(quotes(text))
        assert quote.speaker_id == "tomas-brek"
        assert quote.via == (via or outlet)
        assert quote.via_span is not None


def test_an_outlet_reporting_the_sentence_is_via_not_speaker() -> None:
    text = "Mara Lind said “our harbour will not close,” the Portvale News Agency reported."
    quote = only(quotes(text))
    assert (quote.speaker_id, quote.via) == ("mara-lind", "Portvale News Agency")


def test_a_weekday_is_the_last_such_day_on_or_before_publication() -> None:
    # 2021-03-05 is a Friday: "on Wednesday" is 2021-03-03, "Thursday" 2021-03-04.
    quote = only(
        quotes("Tomas Brek said on Wednesday that talks would resume.", published="2021-03-05")
    )
    assert quote.date == DateValue("2021-03-03", "day", "relative")
    text = "Tomas Brek told reporters Thursday that the deal was off, the Seahold Herald reported."
    quote = only(quotes(text, published="2021-03-05"))
    assert (quote.date, quote.via) == (DateValue("2021-03-04", "day", "relative"), "Seahold Herald")


def test_no_publication_date_no_statement_date() -> None:
    quote = only(quotes("Tomas Brek said on Wednesday that talks would resume."))
    assert quote.date is None


def test_a_month_and_day_take_the_publication_year() -> None:
    quote = only(
        quotes("Tomas Brek said on January 3 that talks would resume.", published="2021-03-05")
    )
    assert quote.date == DateValue("2021-01-03", "day", "relative")
    quote = only(quotes("Tomas Brek said on 3 January 2020 that talks would resume."))
    assert quote.date == DateValue("2020-01-03", "day", "explicit")


# --- speakers named by layout, passives, parentheticals -----------------------------------


def test_a_transcript_names_each_speaker_by_its_label() -> None:
    text = (
        "MODERATOR: Let us start with the harbour.\n"
        "LIND: The harbour stays open, and that is final.\n"
        "MODERATOR: Thank you."
    )
    found = quotes(text)
    assert [(q.kind, q.speaker, q.text) for q in found] == [
        ("direct", "MODERATOR", "Let us start with the harbour."),
        ("direct", "LIND", "The harbour stays open, and that is final."),
        ("direct", "MODERATOR", "Thank you."),
    ]


def test_a_lone_capitalised_label_is_no_transcript() -> None:
    assert quotes("UPDATE: The harbour reopened on Friday.") == []


def test_a_name_after_a_dash_closing_the_quote_is_its_speaker() -> None:
    text = "“The treaty is a trap and we will not sign it.” ― Mara Lind"
    quote = only(quotes(text))
    assert (quote.kind, quote.speaker_id, quote.cue) == ("direct", "mara-lind", "―")


def test_the_agent_of_a_passive_is_the_speaker() -> None:
    quote = only(quotes("The treaty has been endorsed by the Tide Guard Corps."))
    assert (quote.text, quote.cue, quote.speaker_id) == (
        "The treaty",
        "has been endorsed",
        "tide-guard",
    )


def test_an_attribution_inside_the_sentence_reports_the_longer_side() -> None:
    text = "The harbour, Mara Lind often says, is the heart of Harbouria and its trade."
    quote = only(quotes(text))
    assert quote.text == "is the heart of Harbouria and its trade."
    assert quote.speaker_id == "mara-lind"


def test_a_date_after_a_prepositional_cue_is_no_statement() -> None:
    text = "Qadir Solemani spoke to cadets on Monday."
    assert quotes(text) == []


def test_an_outlet_that_quoted_someone_relays_their_words() -> None:
    text = '"The port will stay shut," news agency Tidewire quoted Mara Lind as saying on Monday.'
    found = quotes(text)
    assert len(found) == 1
    assert found[0].speaker == "Mara Lind" and found[0].via == "news agency Tidewire"


def test_quoted_by_an_outlet_as_saying_is_one_statement() -> None:
    found = quotes("Mara Lind was quoted by the Seahold Herald as saying the talks had failed.")
    assert len(found) == 1 and found[0].speaker == "Mara Lind"
