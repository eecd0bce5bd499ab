"""The command line: verbs, --json, one-line errors and exit statuses; README and CI wiring."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from .conftest import REPO

BODY = (
    "The coast guard seized the tanker Serena Vale on Tuesday after a ship-to-ship transfer "
    "of crude oil, officials said. Twenty-three crew members were detained in the port."
)


def crossbrief(*args, cwd):
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "crossbrief.cli", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300
    )


def test_cli_ingest_json_and_exit_statuses(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(BODY)
    (tmp_path / "in" / "empty.txt").write_text("")
    run = crossbrief("--db", "x.db", "ingest", "in", "--json", cwd=tmp_path)
    assert run.returncode == 1, run.stderr  # some rejected
    [line] = run.stdout.splitlines()
    article = json.loads(line)
    assert set(article) >= {
        "id",
        "path",
        "title",
        "outlet",
        "published",
        "language",
        "words",
        "removed",
        "origin",
        "sentences",
    }
    assert article["id"] == "good" and article["sentences"][0]["start"] == 0
    rejected = [ln for ln in run.stderr.splitlines() if "rejected" in ln and "empty.txt" in ln]
    assert len(rejected) == 1 and "Traceback" not in run.stderr

    again = crossbrief("--db", "x.db", "ingest", "in/good.txt", cwd=tmp_path)
    assert again.returncode == 0 and "1 unchanged" in again.stderr


def test_cli_usage_errors_are_one_line_exit_2(tmp_path):
    run = crossbrief("brief", "--format", "pdf", "x.txt", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and "--format 'pdf'" in run.stderr
    run = crossbrief("brief", cwd=tmp_path)  # neither paths nor stored stories named
    assert run.returncode == 2 and "--story" in run.stderr and run.stderr.strip().count("\n") == 0
    (tmp_path / "crossbrief.toml").write_text("[crossbrief]\nmax_byts = 3\n")
    run = crossbrief("articles", cwd=tmp_path)
    assert run.returncode == 2 and "unknown setting(s) max_byts" in run.stderr
    assert "Traceback" not in run.stderr


def test_cli_articles_and_rejections_listing(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.bin").write_bytes(b"\x00\x01\x02" * 10)
    (tmp_path / "empty.txt").write_text("")
    ingested = crossbrief("--db", "x.db", "ingest", "a.txt", "b.bin", "empty.txt", cwd=tmp_path)
    assert ingested.returncode == 1, ingested.stderr  # some rejected
    listed = crossbrief("--db", "x.db", "articles", "--json", cwd=tmp_path)
    assert [json.loads(x)["id"] for x in listed.stdout.splitlines()] == ["a"]
    expected = [("b.bin", "E102", "binary"), ("empty.txt", "E101", "empty")]
    rejected = crossbrief("--db", "x.db", "rejections", "--json", cwd=tmp_path)
    rows = [json.loads(x) for x in rejected.stdout.splitlines()]
    assert [(r["source"], r["code"], r["reason"]) for r in rows] == expected
    assert all(r["message"].startswith(r["source"] + ": ") for r in rows)
    table = crossbrief("--db", "x.db", "rejections", cwd=tmp_path)
    assert table.returncode == 0 and "2 rejections in x.db" in table.stdout
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in table.stdout.splitlines() if line.startswith("│")]
    assert [tuple(c[:3]) for c in cells] == expected


def test_cli_demo_runs_on_bundled_corpus(tmp_path):
    run = crossbrief("demo", "--out", "out", "--json", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    articles = [json.loads(x) for x in run.stdout.splitlines()]
    assert len(articles) >= 12
    assert "outputs in out/" in run.stderr and (tmp_path / "out" / "crossbrief.db").exists()
    assert len(re.findall(r"briefs/s-\w+\.html", run.stderr)) == 4 and "crossbrief serve" in run.stderr
    briefs = sorted((tmp_path / "out" / "briefs").glob("*.json"))
    assert len(briefs) == 4  # the demo's four stories, one briefing each
    assert len(list((tmp_path / "out" / "briefs").glob("*.md"))) == 4


def test_readme_first_commands_and_ci():
    readme = (REPO / "README.md").read_text()
    first_block = re.search(r"```sh\n(.*?)```", readme, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands[:2] == ["make demo", "make test"]
    makefile = (REPO / "Makefile").read_text()
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    ci = (REPO / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)


def test_cli_has_the_verbs_of_the_style_guide():
    from crossbrief.cli import cli

    expected = {"demo", "brief", "ingest", "stories", "show", "serve", "eval", "articles", "rejections", "recluster"}
    assert expected <= set(cli.commands)
    assert {"timex", "quantities", "clustering", "stream", "summaries"} <= set(cli.commands["eval"].commands)


def test_every_cli_verb_is_documented_in_readme():
    from crossbrief.cli import cli

    readme = (REPO / "README.md").read_text()
    for name, command in cli.commands.items():
        assert f"crossbrief {name}" in readme or f"make {name}" in readme, name
        for sub in getattr(command, "commands", {}):
            assert f"crossbrief {name} {sub}" in readme, f"{name} {sub}"


def test_cli_stories_show_and_recluster(tmp_path):
    from crossbrief.cli import demo_corpus

    run = crossbrief("--db", "x.db", "ingest", str(demo_corpus()), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    listed = [json.loads(x) for x in crossbrief("--db", "x.db", "stories", "--json", cwd=tmp_path).stdout.splitlines()]
    assert sum(s["articles"] for s in listed) == 24  # every article was placed in a story online
    assert crossbrief("--db", "x.db", "recluster", cwd=tmp_path).returncode == 0
    gold = json.loads((demo_corpus().parent / "gold.json").read_text())
    batch = [json.loads(x) for x in crossbrief("--db", "x.db", "stories", "--json", cwd=tmp_path).stdout.splitlines()]
    assert sorted(s["articles"] for s in batch) == sorted(len(s["articles"]) for s in gold["stories"])
    shown = crossbrief("--db", "x.db", "show", batch[0]["id"], "--json", cwd=tmp_path)
    assert json.loads(shown.stdout)["story"] == batch[0]["id"]
    missing = crossbrief("--db", "x.db", "show", "s-nope", cwd=tmp_path)
    assert missing.returncode == 2 and "crossbrief stories" in missing.stderr
    # --explain changes nothing and shows what holds the largest story together
    largest = max(batch, key=lambda s: s["articles"])
    explained = crossbrief("--db", "x.db", "recluster", "--explain", largest["id"], cwd=tmp_path)
    assert explained.returncode == 0, explained.stderr
    assert f"story {largest['id']}: {largest['articles']} articles" in " ".join(explained.stdout.split())
    assert "strongest links to articles outside it" in explained.stdout or "no article outside" in explained.stdout
    after = [json.loads(x) for x in crossbrief("--db", "x.db", "stories", "--json", cwd=tmp_path).stdout.splitlines()]
    assert after == batch
    unknown = crossbrief("--db", "x.db", "recluster", "--explain", "s-nope", cwd=tmp_path)
    assert unknown.returncode == 2 and "crossbrief stories" in unknown.stderr


def test_cli_db_and_config_work_before_or_after_the_verb(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    after = crossbrief("ingest", "a.txt", "--db", "after.db", cwd=tmp_path)
    before = crossbrief("--db", "before.db", "ingest", "a.txt", cwd=tmp_path)
    assert after.returncode == before.returncode == 0, after.stderr + before.stderr
    listed = {
        db: [
            json.loads(x)["id"] for x in crossbrief("articles", "--json", "--db", db, cwd=tmp_path).stdout.splitlines()
        ]
        for db in ("after.db", "before.db")
    }
    assert listed == {"after.db": ["a"], "before.db": ["a"]}
    assert not (tmp_path / "crossbrief.db").exists()
    assert "1 story in after.db" in crossbrief("stories", "--db", "after.db", cwd=tmp_path).stdout
    (tmp_path / "small.toml").write_text("[crossbrief]\nmin_words = 500\n")
    strict = crossbrief("ingest", "a.txt", "--db", "strict.db", "--config", "small.toml", cwd=tmp_path)
    assert strict.returncode == 1 and "minimum 500" in strict.stderr
    for verb in ("ingest", "articles", "stories", "show", "brief", "recluster", "rejections", "serve"):
        shown = crossbrief(verb, "--help", cwd=tmp_path).stdout
        assert shown.count("--db FILE") == 1 and shown.count("--config FILE") == 1, verb


def test_cli_brief_stored_story_and_timings_add_up(tmp_path):
    from crossbrief.cli import demo_corpus

    assert crossbrief("ingest", str(demo_corpus()), "--db", "x.db", cwd=tmp_path).returncode == 0
    first = json.loads(crossbrief("stories", "--json", "--db", "x.db", cwd=tmp_path).stdout.splitlines()[0])
    run = crossbrief("brief", "--story", first["id"], "--db", "x.db", "-o", "out/", "--timings", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == [f"{first['id']}.{x}" for x in ("html", "json", "md")]
    assert "in out/" in run.stderr and "out//" not in run.stderr and "3 files" in run.stderr
    brief = json.loads((tmp_path / "out" / f"{first['id']}.json").read_text())
    assert brief["story"]["id"] == first["id"] and brief["story"]["articles"] == first["articles"]
    parts = dict(re.findall(r"crossbrief: (\S.*?\S)\s+(\d+\.\d+)s$", run.stderr, re.M))
    assert {"brief: embed", "write html", "start-up, imports and the rest", "total"} <= set(parts)
    total = float(parts.pop("total"))
    assert abs(sum(map(float, parts.values())) - total) <= 0.01 * len(parts) + 0.01
    markdown = crossbrief("show", first["id"], "--md", "--db", "x.db", cwd=tmp_path).stdout
    assert markdown == (tmp_path / "out" / f"{first['id']}.md").read_text()  # a stored brief renders alike
    shown = crossbrief("show", first["id"], "--db", "x.db", cwd=tmp_path)
    assert "crossbrief brief --story " + first["id"] in shown.stdout
    nothing = crossbrief("brief", "--story", "s-nope", "--db", "x.db", cwd=tmp_path)
    assert nothing.returncode == 2 and "crossbrief stories" in nothing.stderr


def test_cli_brief_one_story_briefs_the_paths_together(tmp_path):
    from crossbrief.cli import demo_corpus

    corpus = demo_corpus()
    files = [str(p) for p in sorted(corpus.iterdir()) if p.suffix == ".txt"][:6]
    grouped = crossbrief("brief", *files, "--db", "g.db", "-o", "g/", "--format", "json", cwd=tmp_path)
    together = crossbrief("brief", *files, "--one-story", "--db", "o.db", "-o", "o/", "--format", "json", cwd=tmp_path)
    assert grouped.returncode == 0 and together.returncode == 0, together.stderr
    assert len(list((tmp_path / "g").iterdir())) > 1  # the demo's text files are several events …
    [one] = list((tmp_path / "o").iterdir())  # … briefed as one story when the user says so
    assert len(json.loads(one.read_text())["articles"]) == len(files)
    alone = crossbrief("brief", "--stories", "--one-story", "--db", "o.db", cwd=tmp_path)
    assert alone.returncode == 2 and "--one-story" in alone.stderr
