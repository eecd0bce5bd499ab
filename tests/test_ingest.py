"""Ingest: every format, header blocks, metadata, idempotence and every kind of bad input."""

from __future__ import annotations

import json
from datetime import date

import pytest

from crossbrief.pipeline import ingest_paths
from crossbrief.stages.ingest import discover, sniff_format
from crossbrief.stages.ingest.dates import parse_date_line
from crossbrief.stages.ingest.text import read_text

BODY = (
    "The coast guard seized the tanker Serena Vale on Tuesday after a ship-to-ship transfer "
    "of crude oil, officials said. Twenty-three crew members were detained in the port. "
    "The owner denies any wrongdoing and says the cargo was bought legally last month."
)


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_ingest_text_headline_and_header_block(tmp_path, store, settings):
    write(
        tmp_path / "ledger-tanker.txt",
        f"Tanker Seized in Port Caldera\n\nHarbour Ledger\nWorld\n18/06/2025 19h15\n\n{BODY}\n",
    )
    report = ingest_paths([str(tmp_path)], store, settings)
    [article] = report.added
    assert article.id == "ledger-tanker"
    assert article.title == "Tanker Seized in Port Caldera"
    assert article.outlet == "Harbour Ledger"
    assert article.published == date(2025, 6, 18)
    assert article.metadata["section"] == "World"
    assert "Harbour Ledger" not in article.text and "19h15" not in article.text
    assert article.language == "en"


def test_ingest_text_without_headline_keeps_first_sentence(tmp_path):
    raw = read_text(BODY, "x.txt", "x")
    assert raw.title is None and raw.text.startswith("The coast guard")


def test_ingest_text_one_line_header_with_slashes():
    raw = read_text(f"Headline Here\n\nHarbour Ledger / World / 18/06/2025 19h15\n\n{BODY}", "x.txt", "x")
    assert (raw.outlet, raw.section, raw.published) == ("Harbour Ledger", "World", date(2025, 6, 18))


def test_ingest_short_lines_without_date_are_not_a_header():
    raw = read_text(f"Headline Here\nPutinKim\n{BODY}", "x.txt", "x")
    assert raw.outlet is None and raw.published is None and "PutinKim" in raw.text


def test_ingest_html_main_text_and_metadata(tmp_path, store, settings):
    page = f"""<!doctype html><html><head><title>Tanker seized | Coast Watch</title>
    <meta property="og:title" content="Tanker seized off Port Caldera">
    <meta property="og:site_name" content="Coast Watch">
    <meta property="article:published_time" content="2025-03-04T10:00:00Z">
    <meta name="author" content="Jane Roe">
    <link rel="canonical" href="https://coastwatch.example/tanker"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Tanker seized off Port Caldera</h1><p>{BODY}</p>
    <p>The vessel carried about 700,000 barrels of crude oil, according to the agency.</p></article>
    <footer>Copyright 2025 Coast Watch. All rights reserved.</footer></body></html>"""
    write(tmp_path / "coastwatch.html", page)
    [article] = ingest_paths([str(tmp_path / "coastwatch.html")], store, settings).added
    assert article.title == "Tanker seized off Port Caldera"
    assert article.outlet == "Coast Watch"
    assert article.author == "Jane Roe"
    assert article.url == "https://coastwatch.example/tanker"
    assert article.published == date(2025, 3, 4)
    assert "700,000 barrels" in article.text and "Home" not in article.text


def test_ingest_html_without_date_meta_has_no_date(tmp_path, store, settings):
    page = f"<html><body><article><p>{BODY} It happened on 3 March 2025.</p></article></body></html>"
    write(tmp_path / "undated.html", page)
    [article] = ingest_paths([str(tmp_path)], store, settings).added
    assert article.published is None  # a date in the body is not a publication date


def test_ingest_jsonl_lines_and_ids(tmp_path, store, settings):
    lines = [
        json.dumps({"id": "w-1", "title": "One", "outlet": "Wire", "published": "2025-03-04", "text": BODY}),
        json.dumps({"text": BODY + " A second version with more words in it."}),
    ]
    write(tmp_path / "wire.jsonl", "\n".join(lines) + "\n")
    report = ingest_paths([str(tmp_path)], store, settings)
    ids = sorted(a.id for a in report.added)
    assert ids[1] == "w-1" and ids[0].startswith("h") and len(ids[0]) == 16
    first = next(a for a in report.added if a.id == "w-1")
    assert (first.outlet, first.published) == ("Wire", date(2025, 3, 4))


def test_ingest_rss_feed_entries(tmp_path, store, settings):
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Reef Post</title>
    <item><title>Tanker held</title><link>https://reef.example/a</link>
    <guid isPermaLink="false">rp-tanker-01</guid><pubDate>Tue, 04 Mar 2025 08:00:00 GMT</pubDate>
    <description><![CDATA[<p>{BODY}</p><p>More follows.</p>]]></description></item>
    <item><title>Second</title><guid>https://reef.example/b?x=1</guid>
    <description>&lt;p&gt;{BODY} Another paragraph.&lt;/p&gt;</description></item>
    </channel></rss>"""
    write(tmp_path / "feed.xml", feed)
    report = ingest_paths([str(tmp_path)], store, settings)
    by_id = {a.id: a for a in report.added}
    assert "rp-tanker-01" in by_id
    first = by_id["rp-tanker-01"]
    assert (first.outlet, first.title, first.published) == ("Reef Post", "Tanker held", date(2025, 3, 4))
    assert "<p>" not in first.text and "More follows." in first.text
    assert any(i.startswith("feed-") for i in by_id)  # guid with URL characters → stable hash id


def test_ingest_atom_feed(tmp_path, store, settings):
    atom = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
    <title>Atom Desk</title><entry><title>Quake</title><id>ad-quake-1</id>
    <updated>2025-04-02T10:00:00Z</updated><content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry></feed>"""
    write(tmp_path / "desk.atom", atom)
    [article] = ingest_paths([str(tmp_path)], store, settings).added
    assert (article.id, article.outlet, article.published) == ("ad-quake-1", "Atom Desk", date(2025, 4, 2))


def test_ingest_twice_changes_nothing(tmp_path, store, settings):
    write(tmp_path / "a.txt", BODY)
    first = ingest_paths([str(tmp_path)], store, settings)
    second = ingest_paths([str(tmp_path)], store, settings)
    assert len(first.added) == 1 and not second.added and len(second.unchanged) == 1
    assert store.count_articles() == 1
    assert store.db.execute("SELECT count(*) FROM sentences").fetchone()[0] == len(first.added[0].sentences)


def test_ingest_changed_file_is_updated_not_duplicated(tmp_path, store, settings):
    path = write(tmp_path / "a.txt", BODY)
    ingest_paths([str(tmp_path)], store, settings)
    write(path, BODY + " Prosecutors filed charges on Friday against the captain.")
    report = ingest_paths([str(tmp_path)], store, settings)
    assert len(report.updated) == 1 and store.count_articles() == 1
    assert "Prosecutors" in store.get_article("a").text


def test_ingest_same_stem_in_two_folders_keeps_both(tmp_path, store, settings):
    (tmp_path / "x").mkdir(), (tmp_path / "y").mkdir()
    write(tmp_path / "x" / "a.txt", BODY)
    write(tmp_path / "y" / "a.txt", BODY + " A different ending to this other article.")
    report = ingest_paths([str(tmp_path)], store, settings)
    assert len(report.added) == 2 and store.count_articles() == 2


BAD_INPUTS = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\n ", "empty"),
    "picture.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    "latin1.txt": (("Caf\xe9 " * 30).encode("latin-1"), "encoding"),
    "broken.html": (b"<html><body><div><script>var x = 1;</script></div>", "no-text"),
    "nothing.xml": (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>', "empty"),
    "short.txt": (b"Just a headline-like line", "no-text"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_ingest_bad_input_is_rejected_and_recorded(tmp_path, store, settings, name):
    data, reason = BAD_INPUTS[name]
    (tmp_path / name).write_bytes(data)
    write(tmp_path / "good.txt", BODY)
    report = ingest_paths([str(tmp_path)], store, settings)
    assert [a.id for a in report.added] == ["good"]  # the batch went on
    [rejection] = report.rejected
    assert rejection.reason == reason
    assert name in rejection.message and "\n" not in rejection.message
    assert ";" in rejection.message  # problem; what to do
    assert [r.source for r in store.rejections()] == [rejection.source]


def test_ingest_too_large_file_is_rejected(tmp_path, store, settings):
    write(tmp_path / "big.txt", BODY * 50)
    small = settings.model_copy(update={"max_bytes": 1000})
    [rejection] = ingest_paths([str(tmp_path)], store, small).rejected
    assert rejection.reason == "too-large" and "--max-bytes" in rejection.message


def test_ingest_bad_json_line_rejects_only_that_line(tmp_path, store, settings):
    write(
        tmp_path / "w.jsonl",
        "\n".join(
            [
                json.dumps({"id": "ok-1", "text": BODY}),
                "{not json",
                json.dumps({"id": "no-text", "title": "x"}),
                json.dumps(["a", "list"]),
                json.dumps({"id": "ok-2", "text": BODY + " And one more sentence here."}),
            ]
        ),
    )
    report = ingest_paths([str(tmp_path)], store, settings)
    assert sorted(a.id for a in report.added) == ["ok-1", "ok-2"]
    assert [r.source.rsplit(":", 1)[1] for r in report.rejected] == ["2", "3", "4"]
    assert "not valid JSON" in report.rejected[0].message


def test_ingest_jsonl_date_that_is_no_date_is_rejected_not_guessed(tmp_path, store, settings):
    # "1998--1-1-" (a date sliced wrongly) once read as 1 January 1998; a date-time with a
    # zone name keeps its day; a date written out in words is still read.
    lines = [
        json.dumps({"id": "bad-date", "published": "1998--1-1-", "text": BODY}),
        json.dumps({"id": "zoned", "published": "2025-03-04 10:00 UTC", "text": BODY + " More words."}),
        json.dumps({"id": "words", "published": "March 5, 2025", "text": BODY + " Other words here."}),
    ]
    write(tmp_path / "w.jsonl", "\n".join(lines) + "\n")
    report = ingest_paths([str(tmp_path)], store, settings)
    assert {a.id: a.published for a in report.added} == {"zoned": date(2025, 3, 4), "words": date(2025, 3, 5)}
    [rejected] = report.rejected
    assert "'1998--1-1-' is not a date" in rejected.message and "YYYY-MM-DD" in rejected.message


def test_ingest_non_english_is_stored_with_its_language(tmp_path, store, settings):
    french = (
        "Le navire a été saisi mardi par les garde-côtes après un transbordement de pétrole. "
        "Vingt-trois marins ont été arrêtés dans le port, selon les autorités locales."
    )
    write(tmp_path / "fr.txt", french)
    [article] = ingest_paths([str(tmp_path)], store, settings).added
    assert article.language == "fr"
    assert not store.rejections()


def test_ingest_rejection_seen_twice_is_counted_once(tmp_path, store, settings):
    (tmp_path / "empty.txt").write_bytes(b"")
    ingest_paths([str(tmp_path)], store, settings)
    ingest_paths([str(tmp_path)], store, settings)
    assert store.db.execute("SELECT times FROM rejections").fetchone()[0] == 2
    assert len(store.rejections()) == 1


def test_discover_folders_globs_and_missing_paths(tmp_path):
    write(tmp_path / "a.txt", BODY)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "b.html", "<html></html>")
    write(tmp_path / ".hidden.txt", BODY)
    assert [p.name for p in discover([str(tmp_path)])[0]] == ["a.txt", "b.html"]
    assert [p.name for p in discover([str(tmp_path / "**" / "*.html")])[0]] == ["b.html"]
    files, [missing] = discover([str(tmp_path / "missing"), str(tmp_path / "a.txt")])
    assert [p.name for p in files] == ["a.txt"]
    assert missing.reason == "missing" and "no such file" in str(missing) and "missing" in missing.source


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.txt", b"Hello", "text"),
        ("a", b"<!DOCTYPE html><html>", "html"),
        ("a", b'{"text": "x"}', "jsonl"),
        ("a.xml", b'<?xml version="1.0"?><rss>', "feed"),
        ("a.xml", b'<?xml version="1.0"?><html>', "html"),
        ("a", b'<?xml version="1.0"?><feed xmlns="x">', "feed"),
    ],
)
def test_sniff_format(tmp_path, name, head, expected):
    assert sniff_format(tmp_path / name, head) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("18/06/2024 19h15", date(2024, 6, 18)),
        ("June 18, 2024", date(2024, 6, 18)),
        ("Published 18.06.2024", date(2024, 6, 18)),
        ("Updated: June 18, 2024 at 7:15 p.m. EDT", date(2024, 6, 18)),
        ("2024-06-18T10:00:00Z", date(2024, 6, 18)),
        ("Politics", None),
        ("March", None),
        ("ICARO Media Group", None),
    ],
)
def test_parse_date_line(line, expected):
    assert parse_date_line(line) == expected


def test_ingest_worker_processes_give_the_same_result(tmp_path, settings, monkeypatch):
    from crossbrief.pipeline import engines
    from crossbrief.store import Store

    for n in range(4):
        write(tmp_path / f"a{n}.txt", f"Headline {n}\n\n{BODY} Item number {n} is here.")
    (tmp_path / "empty.txt").write_bytes(b"")
    monkeypatch.setattr(engines, "PARALLEL_MIN_FILES", 2)
    pools: list[int] = []  # the process pool's runs: without it the two ingests would be one path
    parallel_reads = engines._parallel

    def spied(files, settings):
        pools.append(settings.workers)
        yield from parallel_reads(files, settings)

    monkeypatch.setattr(engines, "_parallel", spied)
    with Store(tmp_path / "serial.db") as serial, Store(tmp_path / "parallel.db") as parallel:
        one = ingest_paths([str(tmp_path / "*.txt")], serial, settings.model_copy(update={"workers": 1}))
        assert pools == []
        two = ingest_paths([str(tmp_path / "*.txt")], parallel, settings.model_copy(update={"workers": 2}))
        assert pools == [2]
    assert one.added == two.added and len(two.added) == 4
    assert one.rejected == two.rejected and len(two.rejected) == 1


def test_ingest_keeps_entity_spans_for_extraction(tmp_path, store, settings):
    write(tmp_path / "a.txt", "Interior Minister Daria Volkan said the tanker was taken to Port Caldera. " + BODY)
    [article] = ingest_paths([str(tmp_path)], store, settings).added
    spans = [(article.sentences[e.sentence].text[e.start : e.end], e.label) for e in article.entities]
    assert ("Daria Volkan", "PERSON") in spans
    assert store.get_article("a").entities == article.entities  # kept in the store


def test_extract_uses_stored_spans_like_a_fresh_parse(tmp_path, store, settings):
    from dataclasses import replace

    from crossbrief.models import spacy_pipeline
    from crossbrief.stages.extract.story import extract_story

    write(tmp_path / "a.txt", "Interior Minister Daria Volkan said the tanker was taken to Port Caldera. " + BODY)
    [article] = ingest_paths([str(tmp_path)], store, settings).added
    nlp = spacy_pipeline(ner=True)
    stored = extract_story([article], nlp)
    fresh = extract_story([replace(article, entities=None)], nlp)
    assert stored.entities == fresh.entities and stored.sentences == fresh.sentences


def _story(n: int) -> str:
    """A distinct, article-length text."""
    return (
        f"Officials in port number {n} said on Monday that the tanker Alder {n} was held after an inspection "
        f"found {n + 3} crew without papers. The owner said the ship carried grain and denied any wrongdoing. "
        "Inspectors will report to the ministry next week."
    )


def test_ingest_hostile_folder_keeps_every_good_article_and_counts_every_input(tmp_path, store, settings):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    good = {f"good{n}": write(folder / f"good{n}.txt", _story(n)) for n in range(4)}
    write(folder / "sub" / "copy-of-good0.txt", _story(0))  # the same article again: a duplicate
    for name, (data, _) in BAD_INPUTS.items():
        (folder / name).write_bytes(data)
    write(folder / "one-long-line.txt", "word " * 1_100_000)  # 5.5 MB, under max_bytes: too long
    write(folder / "mixed.jsonl", json.dumps({"id": "line1", "text": _story(7)}) + "\n{broken json\n")
    report = ingest_paths([str(folder), str(tmp_path / "no-such-folder")], store, settings)
    assert sorted(a.id for a in report.added) == sorted([*good, "line1"])
    assert {a.id for a in store.articles()} == {*good, "line1"}
    assert [(d.source, d.of) for d in report.duplicates] == [(str(folder / "sub" / "copy-of-good0.txt"), "good0")]
    reasons = sorted(r.reason for r in report.rejected)
    assert reasons == sorted([r for _, r in BAD_INPUTS.values()] + ["too-long", "unparsable", "missing"])
    assert all("\n" not in r.message and ";" in r.message for r in report.rejected)
    inputs = len(good) + 1 + len(BAD_INPUTS) + 1 + 2 + 1  # articles, duplicate, bad files, long, 2 lines, missing
    counted = (
        len(report.added) + len(report.updated) + len(report.unchanged) + len(report.duplicates) + len(report.rejected)
    )
    assert counted == inputs
    assert report.summary() == f"5 added, 0 updated, 0 unchanged, 1 duplicate, {len(reasons)} rejected"


def test_ingest_again_does_not_parse_stored_files(tmp_path, store, settings, monkeypatch):
    import crossbrief.pipeline.engines as engines

    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "b.jsonl", json.dumps({"id": "b1", "text": _story(1)}) + "\n")
    first = ingest_paths([str(tmp_path)], store, settings)
    assert sorted(a.id for a in first.added) == ["a", "b1"]

    def must_not_read(path, settings):
        raise AssertionError(f"{path} was parsed again")

    monkeypatch.setattr(engines, "read_file", must_not_read)
    again = ingest_paths([str(tmp_path)], store, settings)
    assert sorted(a.id for a in again.unchanged) == ["a", "b1"] and not again.added
    assert again.unchanged[0].sentences  # the stored articles, whole
    monkeypatch.undo()
    write(tmp_path / "a.txt", BODY + " The captain was released on bail late on Friday.")
    changed = ingest_paths([str(tmp_path)], store, settings)
    assert [a.id for a in changed.updated] == ["a"] and [a.id for a in changed.unchanged] == ["b1"]


def test_ingest_same_text_from_another_outlet_is_kept_as_a_copy(tmp_path, store, settings):
    lines = [{"id": "wire", "outlet": "Wire", "text": _story(2)}, {"id": "paper", "outlet": "Paper", "text": _story(2)}]
    write(tmp_path / "two.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    report = ingest_paths([str(tmp_path)], store, settings)
    assert sorted(a.id for a in report.added) == ["paper", "wire"] and not report.duplicates
