"""Citations: a cited sentence states what the summary sentence says, or it is dropped."""

from __future__ import annotations

from crossbrief.records import EntityMention, SentenceExtraction, SentenceRef, SummarySentence
from crossbrief.stages.align import Unit
from crossbrief.stages.citations import CitationCheck, check_summary, states
from crossbrief.stages.extract.quantities import find_quantities


def sentence(article: str, text: str, *actors: str) -> tuple[Unit, SentenceExtraction]:
    entities = tuple(EntityMention(text.index(a), text.index(a) + len(a), a, "GPE", a) for a in actors)
    return Unit(article, 0, text, "en"), SentenceExtraction(article, 0, entities, find_quantities(text))


CLAIM = sentence("e", "US officials said North Korea sent over 1000 containers of weapons to Russia.", "North Korea")


def test_a_sentence_on_other_figures_does_not_state_the_claim():
    shells = sentence("a", "North Korea may have sent up to five million shells to Russia.", "North Korea")
    same = sentence("c", "North Korea shipped more than 1,000 containers of arms to Russia.", "North Korea")
    other_value = sentence("d", "North Korea sent 7000 containers of weapons to Russia.", "North Korea")
    assert not states(*CLAIM, *shells)
    assert states(*CLAIM, *same)
    assert not states(*CLAIM, *other_value)


def test_a_share_is_stated_to_the_point():
    claim = sentence("a", "In a February poll, 71 percent of Americans favored the penalty.")
    other_poll = sentence("b", "In a June poll, 66 percent of Americans favored the penalty.")
    rounded = sentence("c", "In a February poll, 71.4 percent of Americans favored the penalty.")
    assert not states(*claim, *other_poll)  # within a tenth of each other, but two polls' results
    assert states(*claim, *rounded)


def test_a_contrast_does_not_state_the_plain_claim():
    plain = sentence("a", "The visit is primarily a gesture to keep Kim's support.")
    contrast = sentence("b", "The visit is not just a diplomatic gesture but a strategic move.")
    assert not states(*plain, *contrast) and states(*plain, *sentence("c", "The visit is mainly a gesture."))


def test_a_sentence_naming_none_of_the_actors_does_not_state_the_claim():
    claim = sentence("a", "Japan and South Korea oppose the pact.", "Japan", "South Korea")
    other = sentence("b", "China and Russia oppose the pact.", "China", "Russia")
    assert not states(*claim, *other)
    assert states(*claim, *sentence("c", "South Korea opposes the pact.", "South Korea"))
    assert states(*claim, *sentence("d", "They oppose the pact."))  # names no one: not told apart


def test_summary_keeps_its_own_sentence_and_the_sentences_that_state_it():
    shells = sentence("a", "North Korea may have sent up to five million shells to Russia.", "North Korea")
    units = [CLAIM[0], shells[0]]
    extractions = [CLAIM[1], shells[1]]
    check = CitationCheck(units, lambda n: extractions[n])
    s = SummarySentence(CLAIM[0].text, (SentenceRef("a", 0), SentenceRef("e", 0)))
    [kept] = check_summary([s], check)
    assert kept.citations == (SentenceRef("e", 0),)


def test_a_sentence_only_on_the_same_topic_is_not_cited():
    claim = sentence("a", "Putin and Kim signed a mutual defence pact on Wednesday.", "Putin", "Kim")
    topic = sentence("b", "Putin and Kim toured a factory on Wednesday.", "Putin", "Kim")
    assert states(*claim, *topic, sim=0.95)  # the checks on words alone cannot tell them apart …
    assert not states(*claim, *topic, sim=0.6)  # … their closeness does


def test_a_summary_sentence_trimmed_of_its_opening_still_has_its_citations_checked():
    # The summary shows "However, US officials said ..." as "US officials said ...": the
    # check must still find the sentence it came from, or every citation stays unchecked.
    opened = Unit("e", 0, "However, " + CLAIM[0].text[0].lower() + CLAIM[0].text[1:], "en")
    shells = sentence("a", "North Korea may have sent up to five million shells to Russia.", "North Korea")
    extractions = [CLAIM[1], shells[1]]
    check = CitationCheck([opened, shells[0]], lambda n: extractions[n])
    s = SummarySentence(CLAIM[0].text, (SentenceRef("a", 0), SentenceRef("e", 0)))
    [kept] = check_summary([s], check)
    assert kept.citations == (SentenceRef("e", 0),)


def test_a_sentence_stating_what_the_claim_denies_does_not_state_it():
    claim = sentence("a", "According to the standard model, neutrinos have no mass.")
    known = sentence("b", "Although neutrinos are now known to have some mass, the mass must be very small.")
    thought = sentence("c", "It was long thought that neutrinos had no mass, but they have a little mass.")
    assert not states(*claim, *known)
    assert states(*claim, *thought)  # it says the claim too: the rest of the check decides


def test_a_close_sentence_stating_only_part_of_the_summary_sentence_is_not_cited():
    claim = sentence("a", "Symptoms include bloody diarrhea and severe abdominal cramps.")
    part = sentence("b", "Symptoms include chills and bloody diarrhea.")
    whole = sentence("c", "Symptoms include severe abdominal cramps and bloody diarrhea.")
    units = [claim[0], part[0], whole[0]]
    extractions = [claim[1], part[1], whole[1]]
    # every pair is close in meaning: only their words tell the part from the whole
    check = CitationCheck(units, lambda n: extractions[n])
    s = SummarySentence(claim[0].text, tuple(SentenceRef(u.article, 0) for u in units))
    [kept] = check_summary([s], check)
    assert kept.citations == (SentenceRef("a", 0), SentenceRef("c", 0))


def test_a_sentence_naming_another_item_of_a_series_does_not_state_the_claim():
    claim = sentence("a", "Vinokourov of Kazakhstan has won stage 13 of the Tour de France.")
    other_stage = sentence("b", "Vinokourov of Kazakhstan has won stage 15 of the Tour de France.")
    same_stage = sentence("c", "Vinokourov of Kazakhstan won the 13th stage of the Tour de France.")
    assert not states(*claim, *other_stage)
    assert states(*claim, *same_stage)
