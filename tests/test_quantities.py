"""find_quantities turns numbers in a sentence into comparable intervals; the gold set gates it."""

from __future__ import annotations

import json
from dataclasses import replace
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crossbrief.errors import UsageError
from crossbrief.evaluation.quantities import (
    QuantityScores,
    evaluate_gold,
    evaluate_split,
    format_scores,
    format_table,
    gold_path,
    gold_paths,
    read_split,
    resolve_references,
    score_quantities,
    sentence_sha1,
)
from crossbrief.records import Quantity
from crossbrief.stages.extract.quantities import find_quantities

from .conftest import EVAL, need


def one(sentence: str) -> Quantity:
    found = find_quantities(sentence)
    assert len(found) == 1, found
    return found[0]


def overlaps(a: Quantity, b: Quantity) -> bool:
    low_a = a.low if a.low is not None else float("-inf")
    low_b = b.low if b.low is not None else float("-inf")
    high_a = a.high if a.high is not None else float("inf")
    high_b = b.high if b.high is not None else float("inf")
    return low_a <= high_b and low_b <= high_a


# -- the pairs the conflict detector depends on ------------------------------------------


def test_quantities_up_to_and_as_many_as_are_the_same_interval():
    a = one("North Korea might have sent Russia up to five million shells.")
    b = one("North Korea may have sent as many as 5 million shells to Russia.")
    assert (a.low, a.high, a.qualifier, a.unit) == (b.low, b.high, b.qualifier, b.unit)
    assert (a.low, a.high, a.unit) == (None, 5e6, "shells")


def test_quantities_several_and_dozens_are_disjoint_counts_of_one_thing():
    several = one("It may also have sent several ballistic missiles.")
    dozens = one("It may also have sent dozens of ballistic missiles.")
    assert several.unit == dozens.unit == "ballistic missiles"
    assert several.qualifier == dozens.qualifier == "vague"
    assert (several.vague, dozens.vague) == ("several", "dozens")
    assert not overlaps(several, dozens)


def test_quantities_24_years_and_nearly_25_years_overlap():
    exact = one("It was his first visit in 24 years.")
    nearly = one("It was his first visit in nearly 25 years.")
    assert exact.unit == nearly.unit == "years"
    assert overlaps(exact, nearly)
    assert not overlaps(exact, one("It was his first visit in 30 years."))


# -- qualifiers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "low", "high", "qualifier"),
    [
        ("Rescuers found 23 crew members.", 23, 23, "exact"),
        ("About 700,000 people fled.", 630_000, 770_000, "about"),
        ("Around 700,000 people fled.", 630_000, 770_000, "about"),
        ("Roughly 700,000 people fled.", 630_000, 770_000, "about"),
        ("Some 700,000 people fled.", 630_000, 770_000, "about"),
        ("An estimated 700,000 people fled.", 630_000, 770_000, "about"),
        ("Approximately 700,000 people fled.", 630_000, 770_000, "about"),
        ("Nearly 700,000 people fled.", 630_000, 700_000, "about"),
        ("Almost 700,000 people fled.", 630_000, 700_000, "about"),
        ("Close to 700,000 people fled.", 630_000, 700_000, "about"),
        ("Just over 700,000 people fled.", 700_000, 770_000, "about"),
        ("Some 700,000 people or so fled.", 630_000, 770_000, "about"),
        ("At least 10 people fled.", 10, None, "at_least"),
        ("More than 10 people fled.", 10, None, "at_least"),
        ("Over 10 people fled.", 10, None, "at_least"),
        ("Upwards of 10 people fled.", 10, None, "at_least"),
        ("No fewer than 10 people fled.", 10, None, "at_least"),
        ("10 people or more fled.", 10, None, "at_least"),
        ("10,000+ people fled.", 10_000, None, "at_least"),
        ("Up to 10 people fled.", None, 10, "at_most"),
        ("As many as 10 people fled.", None, 10, "at_most"),
        ("At most 10 people fled.", None, 10, "at_most"),
        ("Fewer than 10 people fled.", None, 10, "at_most"),
        ("Less than 10 people fled.", None, 10, "at_most"),
        ("Under 10 people fled.", None, 10, "at_most"),
        ("No more than 10 people fled.", None, 10, "at_most"),
        ("Between 10 and 15 people fled.", 10, 15, "range"),
        ("10-15 people fled.", 10, 15, "range"),
        ("10–15 people fled.", 10, 15, "range"),
        ("10 to 15 people fled.", 10, 15, "range"),
        ("Two or three people fled.", 2, 3, "range"),
        ("Between five and seven million people fled.", 5e6, 7e6, "range"),
        ("The package is worth $4-5m.", 4e6, 5e6, "range"),
    ],
)
def test_quantities_qualifiers(sentence, low, high, qualifier):
    q = one(sentence)
    assert q.qualifier == qualifier
    assert q.low == pytest.approx(low) if low is not None else q.low is None
    assert q.high == pytest.approx(high) if high is not None else q.high is None


@pytest.mark.parametrize(
    ("sentence", "vague", "low", "high"),
    [
        ("A couple of tanks moved.", "a couple", 2, 3),
        ("A few tanks moved.", "a few", 2, 5),
        ("A handful of tanks moved.", "a handful", 2, 6),
        ("Several tanks moved.", "several", 3, 9),
        ("A dozen tanks moved.", "a dozen", 10, 14),
        ("Dozens of tanks moved.", "dozens", 24, 99),
        ("Scores of tanks moved.", "scores", 40, 199),
        ("Hundreds of tanks moved.", "hundreds", 200, 999),
        ("Thousands of people marched.", "thousands", 2_000, 9_999),
        ("Tens of thousands of people marched.", "tens of thousands", 20_000, 99_999),
        ("Hundreds of thousands of people marched.", "hundreds of thousands", 200_000, 999_999),
        ("Millions of people marched.", "millions", 2e6, 9_999_999),
        ("A few hundred people marched.", "a few hundred", 200, 500),
        ("Several thousand people marched.", "several thousand", 3_000, 9_000),
        # alternatives are one span: read apart, "hundreds" and "thousands" disagreed
        ("Hundreds or thousands of people marched.", "hundreds or thousands", 200, 9_999),
        ("Tens or hundreds of tanks moved.", "tens or hundreds", 20, 999),
    ],
)
def test_quantities_vague_words_are_explicit_intervals(sentence, vague, low, high):
    q = one(sentence)
    assert (q.qualifier, q.vague, q.low, q.high) == ("vague", vague, low, high)
    assert q.unit in ("tanks", "people")


def test_quantities_qualified_vague_counts_keep_the_bound():
    q = one("At least several hundred fighters surrendered.")
    assert (q.low, q.high, q.qualifier, q.unit) == (300, None, "at_least", "fighters")
    q = one("More than a dozen villages were shelled.")
    assert (q.low, q.high, q.qualifier) == (12, None, "at_least")


def test_quantities_over_a_time_span_can_mean_during():
    assert one("Fighting over three days left the town in ruins.").qualifier == "exact"
    assert one("For over 20 years the bridge was closed.").qualifier == "at_least"


# -- numbers and units -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("All twenty-three crew members survived.", 23, "crew members"),
        ("They counted 260,000 metric tonnes of munitions.", 260_000, "metric tonnes"),
        ("They sent 1,000 containers of weapons.", 1_000, "containers"),
        ("It received 10,000 shipping containers.", 10_000, "shipping containers"),
        ("The shortfall is 50,000 rounds a month.", 50_000, "rounds"),
        ("The fund approved $4.2 million in aid.", 4.2e6, "USD"),
        ("The loan of US$500 million was signed.", 5e8, "USD"),
        ("The U.N. appealed for 13.6 million U.S. dollars in aid.", 13.6e6, "USD"),
        ("The deal is worth €300m.", 3e8, "EUR"),
        ("The budget of £1.5 billion was cut.", 1.5e9, "GBP"),
        ("The government will spend 2 billion euros.", 2e9, "EUR"),
        ("Millions of dollars went missing.", None, "USD"),
        ("Inflation reached 12.5%.", 12.5, "percent"),
        ("Inflation reached 12.5 per cent.", 12.5, "percent"),
        ("Inflation reached 12.5 percent.", 12.5, "percent"),
        ("Rates rose by 50 basis points.", 50, "basis points"),
        ("The convoy travelled 120 km.", 120, "km"),
        ("The convoy travelled 120 kilometres.", 120, "km"),
        ("The missile has a range of 5,500km.", 5_500, "km"),
        ("Its winds reached 135 miles an hour.", 135, "mph"),  # a speed, not a distance
        ("Gusts of 150 kilometres per hour hit the coast.", 150, "km/h"),
        ("A 20-mile-an-hour wind blew.", 20, "mph"),
        ("The wall is 3.7m tall.", 3.7, "m"),
        ("The firm sold 3.7m phones.", 3.7e6, "phones"),
        ("One person was killed.", 1, "people"),
        ("One ballistic missile was fired.", 1, "ballistic missiles"),
        ("They held a two-hour meeting.", 2, "hours"),
        ("The talks lasted an hour and a half.", 1.5, "hours"),
        ("A 48-year-old man was arrested.", 48, "years of age"),
        ("The pipeline carries 1.2 million barrels of crude.", 1.2e6, "barrels"),
        ("Half a million people signed.", 5e5, "people"),
        ("The stadium holds 45 000 spectators.", 45_000, "spectators"),
        ("It will take two and a half years.", 2.5, "years"),
        ("The 2.3 million residents voted.", 2.3e6, "residents"),
        ("The death toll rose to 1,024.", 1_024, None),
    ],
)
def test_quantities_values_and_units(sentence, value, unit):
    q = one(sentence)
    assert q.unit == unit
    if value is not None:
        assert q.low == pytest.approx(value) and q.high == pytest.approx(value)


@pytest.mark.parametrize(
    "sentence",
    [
        "The treaty was signed in 2023.",
        "Putin has not visited since 2000.",
        "The ferry capsized on 14 May.",
        "The ferry capsized on May 14, 2024.",
        "He landed at 3 a.m. on Wednesday.",
        "He landed shortly after 3 p . m . on Wednesday .",  # a tokenised corpus's spacing
        "The blast came at 23:40 local time.",
        "Voting ends at 8pm.",
        "It was their second encounter and his first trip.",
        "The 21st century began with the 2nd Battalion in the 1990s.",
        "Resolution 2231 remains in force.",
        "Flight MH17 was shot down.",
        "COVID-19 rules were lifted.",
        "The G7 met in Rome.",
        "The Su-57 and the F-16 jets flew past.",
        "Call +44 20 7946 0958 for details.",
        "Call 0800 555 0199 for details.",
        "See page 12 and Section 3.2 of the report.",
        "(2) Exchange of prisoners.",
        "Mr Hale, 72, declined to comment.",
        "Nearly two-thirds of voters agreed.",
        "One in five households has no water.",
        "One of the ships sank; no one was hurt.",
        "Deep Throat was not one person, the reporter wrote.",
        "The 155mm shells were made in Varn.",
        "The summit on 18/06/2024 began at 19h15.",
        "A 2-1 victory sent them through.",
        "The Saints fell in a 31-24 loss to Tampa Bay.",  # scores and records fall; ranges rise
        "He improved his record to 58-3 on Saturday.",
        "The Nov. 20 launch went ahead.",  # an abbreviated month's day is a date, not a count
        "Crews have searched since Oct. 12.",
        "EDS: Updates graf 19 pvs.",  # a wire editing note names a paragraph
    ],
)
def test_quantities_non_quantities_are_skipped(sentence):
    assert find_quantities(sentence) == ()


def test_quantities_several_in_one_sentence_in_order():
    sentence = "Police said 3 people were killed and 14 injured in the 9:15 p.m. attack on 4 June."
    found = find_quantities(sentence)
    assert [(q.text, q.unit) for q in found] == [("3 people", "people"), ("14", None)]


def test_quantities_offsets_slice_the_sentence():
    for line in gold_path().read_text(encoding="utf-8").splitlines():
        sentence = json.loads(line)["sentence"]
        for q in find_quantities(sentence):
            assert sentence[q.start : q.end] == q.text


_PIECES = st.sampled_from(
    [
        "about",
        "up to",
        "5",
        "5,000",
        "10 000",
        "3.7m",
        "$4.2bn",
        "€",
        "%",
        "per cent",
        "twenty-four",
        "a",
        "dozen",
        "several",
        "hundreds",
        "of",
        "shells",
        "people",
        "in",
        "2023",
        "May",
        "14",
        "-",
        "to",
        "between",
        "and",
        "or",
        "more",
        "a.m.",
        "MH17",
        ",",
        ".",
        "(",
        ")",
        "one",
        "half",
        "year-old",
    ]
)


@given(st.lists(_PIECES, max_size=14), st.sampled_from([" ", "", "  "]))
def test_quantities_never_fail_and_offsets_hold_on_any_text(pieces, joiner):
    sentence = joiner.join(pieces)
    for q in find_quantities(sentence):
        assert sentence[q.start : q.end] == q.text
        assert q.low is None or q.high is None or q.low <= q.high
        assert q.qualifier in ("exact", "about", "at_least", "at_most", "range", "vague")


def test_quantities_doc_entities_veto_numbers_in_names():
    sentence = "The Orun 400 carries 12 missiles."
    entity = SimpleNamespace(label_="PRODUCT", start_char=4, end_char=12)
    doc = SimpleNamespace(ents=[entity])
    assert [q.text for q in find_quantities(sentence, doc)] == ["12 missiles"]
    in_article = SimpleNamespace(label_="PRODUCT", start_char=104, end_char=112)
    span = SimpleNamespace(ents=[in_article], start_char=100)  # the sentence's Span of a Doc
    assert [q.text for q in find_quantities(sentence, span)] == ["12 missiles"]


# -- the scorer --------------------------------------------------------------------------


def _q(text: str, start: int, low, high, qualifier="exact", unit=None) -> Quantity:
    return Quantity(start, start + len(text), text, low, high, qualifier, unit)


def test_quantities_scorer_counts_matches_and_errors():
    gold = [
        {
            "sentence": "It sent 5 shells and 7 drones.",
            "quantities": [
                {"text": "5 shells", "low": 5, "high": 5, "qualifier": "exact", "unit": "shells"},
                {"text": "7 drones", "low": 7, "high": 7, "qualifier": "exact", "unit": "drones"},
            ],
        },
        {"sentence": "Nothing here in 2023.", "quantities": []},
    ]
    predictions = {
        "It sent 5 shells and 7 drones.": [
            _q("5", 8, 5, 5, unit=None),
            _q("drones", 23, 7, None, "at_least", "drones"),
        ],
        "Nothing here in 2023.": [_q("2023", 16, 2023, 2023)],
    }
    scores = score_quantities([json.dumps(g) for g in gold], lambda s: predictions[s])
    assert (scores.gold, scores.predicted, scores.matched) == (2, 3, 2)
    assert scores.precision == pytest.approx(2 / 3) and scores.recall == 1.0
    assert scores.f1 == pytest.approx(0.8)
    assert scores.value_accuracy == 0.5  # high None is not 7
    assert scores.qualifier_accuracy == 0.5
    assert scores.unit_accuracy == 0.5  # None is not "shells"
    assert sorted(e.kind for e in scores.errors) == ["qualifier", "spurious", "unit", "value"]
    assert "F1 0.800" in format_scores(scores)


def test_quantities_scorer_rejects_gold_text_missing_from_sentence():
    line = {
        "sentence": "It sent 5 shells.",
        "quantities": [{"text": "6 shells", "low": 6, "high": 6, "qualifier": "exact", "unit": "shells"}],
    }
    with pytest.raises(ValueError, match="6 shells"):
        score_quantities([line], lambda s: [])


def test_quantities_gold_file_is_well_formed():
    items = [json.loads(line) for line in gold_path().read_text(encoding="utf-8").splitlines()]
    quantities = [q for item in items for q in item["quantities"]]
    assert len(items) >= 100 and len(quantities) >= 150
    assert sum(1 for item in items if not item["quantities"]) >= 20
    qualifiers = {q["qualifier"] for q in quantities}
    assert qualifiers == {"exact", "about", "at_least", "at_most", "range", "vague"}
    for item in items:
        for q in item["quantities"]:
            assert q["text"] in item["sentence"]
            assert q["low"] is None or q["high"] is None or q["low"] <= q["high"]


# -- the real-news test split -----------------------------------------------------------

RESERVED = set(
    "d30003 d30005 d30010 d30028 d30034 d30040 d30042 d30044 d30056 d31001 d31009 d31022 d31033 d31038 d31050"
    " d105".split()
)
DUC_GOLD_TEST = set("d30016 d31011 d31041 d101 d104 d109 d112 d123".split())


def _test_lines() -> list[dict]:
    return [json.loads(line) for line in gold_path("test").read_text(encoding="utf-8").splitlines()]


def test_quantities_test_split_holds_references_not_text():
    items = _test_lines()
    quantities = [q for item in items for q in item["quantities"]]
    assert len(items) >= 150 and len(quantities) >= 150
    assert {item["split"] for item in items} == {"test"}
    clusters = {item["cluster_id"] for item in items}
    assert len(clusters) >= 10 and not clusters & (RESERVED | DUC_GOLD_TEST)
    assert {item["file"] for item in items} <= {"duc2003/duc2003_task2.jsonl", "duc2003/duc2003_task3.jsonl"}
    assert sum(1 for item in items if not item["quantities"]) >= 0.15 * len(items)
    assert {q["qualifier"] for q in quantities} == {"exact", "about", "at_least", "at_most", "range", "vague"}
    for item in items:
        assert "sentence" not in item and "text" not in item  # NIST's text stays in ../shared
        assert set(item) == {"file", "cluster_id", "doc_id", "start", "end", "text_sha1", "split", "quantities"}
        for q in item["quantities"]:
            assert set(q) == {"start", "end", "low", "high", "qualifier", "unit"}
            assert 0 <= q["start"] < q["end"] <= item["end"] - item["start"]
            assert q["low"] is None or q["high"] is None or q["low"] <= q["high"]
            assert q["unit"] is None or len(q["unit"].split()) <= 4  # a label, not a quote


def test_quantities_test_split_batch_2_is_a_fresh_well_formed_batch():
    first, second = gold_paths("test")
    assert first == gold_path("test") and second.name == "quantities_real_b2.jsonl"
    items = [json.loads(line) for line in second.read_text(encoding="utf-8").splitlines()]
    quantities = [q for item in items for q in item["quantities"]]
    assert len(items) >= 150 and len(quantities) >= 150
    assert {(item["split"], item["batch"]) for item in items} == {("test", 2)}
    clusters = {item["cluster_id"] for item in items}
    assert len(clusters) >= 10 and not clusters & (RESERVED | DUC_GOLD_TEST)
    assert {item["file"] for item in items} <= {"duc2003/duc2003_task2.jsonl", "duc2003/duc2003_task3.jsonl"}
    key = ("file", "doc_id", "start", "end")
    assert len({tuple(item[k] for k in key) for item in items}) == len(items)
    assert not {tuple(item[k] for k in key) for item in items} & {tuple(item[k] for k in key) for item in _test_lines()}
    assert {q["qualifier"] for q in quantities} == {"exact", "about", "at_least", "at_most", "range", "vague"}
    for item in items:
        assert set(item) == {
            "file",
            "cluster_id",
            "doc_id",
            "start",
            "end",
            "text_sha1",
            "split",
            "batch",
            "quantities",
        }
        assert len(item["text_sha1"]) == 12 and 30 <= item["end"] - item["start"] <= 500
        ends = 0
        for q in item["quantities"]:
            assert set(q) == {"start", "end", "low", "high", "qualifier", "unit"}
            assert ends <= q["start"] < q["end"] <= item["end"] - item["start"]  # in order, apart
            ends = q["end"]
            assert q["low"] is None or q["high"] is None or q["low"] <= q["high"]
            assert q["unit"] is None or len(q["unit"].split()) <= 4


@pytest.fixture(scope="module")
def real_items() -> list[dict]:
    """Both batches of the test split, sentences read from ../shared (SHA-1 and spans checked)."""
    need(EVAL / "duc2003")
    return read_split("test", EVAL)


def test_quantities_test_split_spans_lie_within_the_shared_text(real_items):
    for item in real_items:
        sentence = item["sentence"]
        assert sentence == sentence.strip() and len(sentence) >= 30
        for q in item["quantities"]:
            assert q["text"] == sentence[q["start"] : q["end"]] == q["text"].strip()
        for q in find_quantities(sentence):
            assert sentence[q.start : q.end] == q.text


def _duc(tmp_path, text: str):
    folder = tmp_path / "duc2003"
    folder.mkdir()
    cluster = {"cluster_id": "d1", "docs": [{"doc_id": "A1", "source": "APW", "date": "1998-01-01", "text": text}]}
    (folder / "duc2003_task2.jsonl").write_text(json.dumps(cluster) + "\n", encoding="utf-8")
    return tmp_path


def test_quantities_references_read_the_sentence_and_check_every_span(tmp_path):
    root = _duc(tmp_path, "Intro. Police said 3 people died. End.")
    sentence = "Police said 3 people died."
    ref = {
        "file": "duc2003/duc2003_task2.jsonl",
        "doc_id": "A1",
        "start": 7,
        "end": 33,
        "text_sha1": sentence_sha1(sentence),
        "quantities": [{"start": 12, "end": 20, "low": 3, "high": 3, "qualifier": "exact", "unit": "people"}],
    }
    (item,) = resolve_references([ref], root)
    assert item["sentence"] == sentence and item["quantities"][0]["text"] == "3 people"
    assert score_quantities([item], find_quantities).f1 == 1.0
    with pytest.raises(ValueError, match="not within the sentence"):
        resolve_references([{**ref, "quantities": [{**ref["quantities"][0], "end": 40}]}], root)
    with pytest.raises(ValueError, match="not within the document"):
        resolve_references([{**ref, "end": 400}], root)
    with pytest.raises(ValueError, match="not the annotated sentence"):
        resolve_references([{**ref, "start": 6}], root)
    with pytest.raises(ValueError, match="no such document"):
        resolve_references([{**ref, "doc_id": "B2"}], root)
    with pytest.raises(UsageError, match="shared eval data"):
        resolve_references([ref], tmp_path / "elsewhere")


def test_quantities_table_puts_splits_side_by_side():
    scores = QuantityScores(10, 8, 9, 8, 8, 7, 6)
    table = format_table({"tune": scores, "test": scores})
    assert table.splitlines()[0].split() == ["quantities", "tune", "test"]
    assert "  span F1" in table and table.count("0.941") == 2


# -- quality gate ------------------------------------------------------------------------

# The gate is the TEST split: 176 real-news sentences annotated blind (evaluation/quantities.py).
# First run: span P 0.917, R 0.988, F1 0.951; value 0.970, qualifier 0.970, unit 0.892 (166
# matched). The extractor is deterministic, so the margin is not for noise between runs: each
# floor lets through about three more errors of its kind than the first run had (one matched
# item is 0.6 points; on 166 items a rate's standard error is 1.3 points at 0.97, 2.4 at
# 0.89): room for a rule change that trades an error here for fixes elsewhere, and no more.
# Batch 2 (178 more sentences, blind) joined the split: its first run read span P 0.898, R
# 0.994, F1 0.943; value 0.968, qualifier 0.968, unit 0.892 (158 matched), and both batches
# together P 0.920, R 0.991, F1 0.954, value and qualifier 0.969, unit 0.892 (324 matched).
# The floors were then tightened so that, on 324 matched items, each still lets through about
# three more errors of its kind than the combined run has, as above.
FLOORS = {
    "precision": 0.91,
    "recall": 0.98,
    "f1": 0.945,
    "value_accuracy": 0.96,
    "qualifier_accuracy": 0.96,
    "unit_accuracy": 0.88,
}
# The TUNE split (invented, fitted: 1.000 on all) is only a loose regression check, at 0.95:
# it fails on a change that breaks ~20 of its 383 quantities, and runs where ../shared does not.
TUNE_FLOOR = 0.95


def below_floors(scores: QuantityScores, floors: dict[str, float]) -> list[str]:
    return [metric for metric, floor in floors.items() if getattr(scores, metric) < floor]


@pytest.fixture(scope="module")
def real_scores(real_items) -> QuantityScores:
    return score_quantities(real_items, find_quantities)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_quantities_test_split_quality_gate(real_scores, metric):
    value = getattr(real_scores, metric)
    assert value >= FLOORS[metric], format_scores(real_scores, errors=True)


def test_quantities_tune_split_regression_check():
    scores = evaluate_gold()
    assert scores.sentences >= 300
    assert not below_floors(
        scores, dict.fromkeys(("f1", "value_accuracy", "qualifier_accuracy", "unit_accuracy"), TUNE_FLOOR)
    ), format_scores(scores, errors=True)


def test_quantities_splits_score_the_same_through_the_cli_entry_point(real_scores):
    assert evaluate_split("test", eval_dir=EVAL).to_dict() == real_scores.to_dict()
    assert evaluate_split("tune").to_dict() == evaluate_gold().to_dict()


# -- the gate can fail: broken predictors fall below the floors -----------------------------


def _nothing(sentence):
    return ()


def _no_qualifiers(sentence):
    """Every figure read as exact: the cue is dropped, the bound it gave becomes the value."""
    out = []
    for q in find_quantities(sentence):
        value = q.low if q.low is not None else q.high
        out.append(replace(q, low=value, high=value, qualifier="exact", vague=None))
    return out


def _about_as_exact(sentence):
    """Only "about"/"nearly" lost: a subtle break, 24 of the test split's quantities (13 + 11)."""
    out = []
    for q in find_quantities(sentence):
        if q.qualifier == "about":
            middle = (q.low + q.high) / 2 if q.low is not None and q.high is not None else q.low or q.high
            q = replace(q, low=middle, high=middle, qualifier="exact")
        out.append(q)
    return out


def _shifted(sentence):
    """Values 10% too high."""
    return [
        replace(q, low=None if q.low is None else q.low * 1.1, high=None if q.high is None else q.high * 1.1)
        for q in find_quantities(sentence)
    ]


def _no_units(sentence):
    return [replace(q, unit=None) for q in find_quantities(sentence)]


def _every_number(sentence):
    """Years, dates and codes kept: a bare number for every digit run the extractor skipped."""
    found = list(find_quantities(sentence))
    taken = [(q.start, q.end) for q in found]
    for i, ch in enumerate(sentence):
        starts_run = ch.isdigit() and (i == 0 or not sentence[i - 1].isdigit())
        if starts_run and not any(s <= i < e for s, e in taken):
            end = i
            while end < len(sentence) and sentence[end].isdigit():
                end += 1
            value = float(sentence[i:end])
            found.append(Quantity(i, end, sentence[i:end], value, value, "exact"))
    return found


@pytest.mark.parametrize(
    ("predict", "fails"),
    [
        (_nothing, {"recall", "f1"}),
        (_no_qualifiers, {"qualifier_accuracy", "value_accuracy"}),
        (_about_as_exact, {"qualifier_accuracy", "value_accuracy"}),
        (_shifted, {"value_accuracy"}),
        (_no_units, {"unit_accuracy"}),
        (_every_number, {"precision"}),
    ],
    ids=["nothing", "no-qualifiers", "about-as-exact", "values+10%", "no-units", "every-number"],
)
def test_quantities_gate_fails_a_broken_predictor(real_items, predict, fails):
    scores = score_quantities(real_items, predict)
    assert fails <= set(below_floors(scores, FLOORS)), scores.to_dict()


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The lowest reading was minus 26 Celsius on Sunday.", "minus 26 Celsius", -26.0),
        ("Warsaw recorded -5 degrees overnight.", "-5 degrees", -5.0),
        ("It was 15 degrees below zero in Moscow.", "15 degrees below zero", -15.0),
        ("The margin of error is plus or minus 3 percentage points.", "3 percentage points", 3.0),
        ("F-16 jets flew 40 sorties.", "40 sorties", 40.0),
    ],
)
def test_quantities_below_zero_is_negative(sentence, text, value):
    [q] = find_quantities(sentence)  # "below zero" is no figure of its own
    assert (q.text, q.low, q.high) == (text, value, value)
