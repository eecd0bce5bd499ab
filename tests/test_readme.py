"""The README is executable: every ``crossbrief …`` line it shows runs as written.

The lines run in README order, in a folder the test makes beside a ``../shared`` of its
own (the seeds, and small cuts of the evaluation files, so the eval lines finish in
seconds), with ``articles/``, ``feeds/`` and ``archive/`` made from the demo corpus. Three
lines are run in their test-friendly form: example story ids become a real one, ``serve``
is started on a free port and stopped once a page answers, and the Dask scheduler address
becomes a local cluster's. A line fails the test on a traceback or any exit status but 0 (every input here is good).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import EVAL, REPO, SEEDS

pytestmark = pytest.mark.slow

EXAMPLE_STORY = re.compile(r"\bs-[0-9a-f]{12}\b")
EXAMPLE_SCHEDULER = re.compile(r"tcp://[\d.]+:\d+")


def readme_commands() -> list[str]:
    """Every ``crossbrief`` line of the README's shell blocks, without its comment."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", readme, re.S):
        for line in block.splitlines():
            command = line.split(" #")[0].strip()
            if command.startswith("crossbrief "):
                lines.append(command)
    return lines


def _head_lines(source: Path, target: Path, keep) -> None:  # type: ignore[no-untyped-def]
    target.parent.mkdir(parents=True, exist_ok=True)
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        out.writelines(line for n, line in enumerate(lines) if keep(n, line))


def make_workspace(root: Path) -> Path:
    """``root/work`` (the cwd) with the inputs the README names, and ``root/shared``."""
    from crossbrief.cli import demo_corpus

    work, shared = root / "work", root / "shared"
    corpus = sorted(p for p in demo_corpus().iterdir() if p.is_file())
    (work / "articles").mkdir(parents=True)
    (work / "feeds").mkdir()
    (work / "archive").mkdir()
    for path in corpus:
        shutil.copy(path, work / ("feeds" if path.suffix == ".xml" else "articles") / path.name)
    for path in [p for p in corpus if p.suffix == ".txt"][:4]:
        shutil.copy(path, work / "archive" / path.name)
    shutil.copytree(SEEDS if SEEDS.exists() else work / "articles", shared / "seeds")
    if EVAL.exists():
        _head_lines(
            EVAL / "tempeval3" / "te3_platinum_test.jsonl",
            shared / "eval" / "tempeval3" / "te3_platinum_test.jsonl",
            lambda n, line: n < 3,
        )
        # `eval briefs --split test`: one test cluster of the gold (d123, task 3) and its
        # documents; `eval briefs --split heldout`: the documents the bundled stand-off gold
        # points into (four task 2 clusters beside the two `eval summaries` reads, twelve task 3)
        heldout = {"d30048", "d30051", "d113", "d114", "d115", "d122", "d124", "d125"}
        heldout |= {"d30020", "d31013", "d116", "d119", "d126", "d127", "d128", "d129"}
        _head_lines(
            EVAL / "duc2003" / "duc2003_task2.jsonl",
            shared / "eval" / "duc2003" / "duc2003_task2.jsonl",
            lambda n, line: n < 2 or json.loads(line)["cluster_id"] in heldout,
        )
        _head_lines(
            EVAL / "duc2003" / "duc2003_task3.jsonl",
            shared / "eval" / "duc2003" / "duc2003_task3.jsonl",
            lambda n, line: json.loads(line)["cluster_id"] in heldout | {"d123"},
        )
        _head_lines(
            EVAL / "duc2003_gold" / "duc2003_gold.jsonl",
            shared / "eval" / "duc2003_gold" / "duc2003_gold.jsonl",
            lambda n, line: json.loads(line)["cluster_id"] == "d123",
        )
        _head_lines(
            EVAL / "ecbplus" / "documents.jsonl",
            shared / "eval" / "ecbplus" / "documents.jsonl",
            lambda n, line: json.loads(line)["topic"] in (36, 37),
        )
    return work


def run(command: str, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(command, shell=True, cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_once(command: str, cwd: Path) -> tuple[int, str]:
    """Start the server line on a free port, fetch the stories page, stop it."""
    port = free_port()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    server = subprocess.Popen(
        f"{command} --port {port}",
        shell=True,
        cwd=cwd,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if server.poll() is not None:
                return server.returncode, server.stderr.read() if server.stderr else ""
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/stories", timeout=5) as page:
                    return page.status, ""
            except OSError:
                time.sleep(0.5)
        return -1, "the server did not answer within 120 s"
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


def story_id(cwd: Path, db: str) -> str:
    listed = run(f"crossbrief stories --json --db {db}", cwd)
    return json.loads(listed.stdout.splitlines()[0])["id"]


def test_readme_lists_the_commands_a_user_needs():
    verbs = {c.split()[1] for c in readme_commands()}
    assert {"ingest", "articles", "stories", "show", "brief", "recluster", "rejections", "serve", "eval"} <= verbs


def test_readme_every_crossbrief_line_runs_as_written(tmp_path):
    work = make_workspace(tmp_path)
    cluster = None
    failures = []
    try:
        for line in readme_commands():
            if "../shared/eval" in line and not EVAL.exists():
                continue  # the eval lines need ../shared/eval (skipped here, run where it exists)
            command = line
            if EXAMPLE_STORY.search(command):
                db = re.search(r"--db (\S+)", command)
                command = EXAMPLE_STORY.sub(story_id(work, db.group(1) if db else "crossbrief.db"), command)
            if EXAMPLE_SCHEDULER.search(command):
                from dask.distributed import LocalCluster

                cluster = cluster or LocalCluster(
                    n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
                )
                command = EXAMPLE_SCHEDULER.sub(cluster.scheduler_address, command)
            if command.split()[1] == "serve":
                status, err = serve_once(command, work)
                if status != 200:
                    failures.append(f"{line}: the server answered {status} {err}")
                continue
            done = run(command, work)
            if done.returncode != 0 or "Traceback" in done.stderr:  # the inputs here are all good
                failures.append(f"{line}: exit {done.returncode}: {done.stderr.strip()[-500:]}")
    finally:
        if cluster is not None:
            cluster.close()
    assert not failures, "\n".join(failures)
    assert {p.suffix for p in (work / "briefs").iterdir()} == {".json", ".md", ".html"}
