"""Story clustering benchmark: stream generated articles through StoryClusterer.add.

    python benchmarks/stories.py [--sizes 1000,10000,100000] [--seed 7] [--mode online|batch] [--workers 2]

``--workers`` (online; default 2): processes that count the articles (their words, names and
dates) while the main process places them, as ``crossbrief ingest`` does with its workers;
the stream's articles are made before the clock starts. ``--workers 1`` counts in the main
process and times only ``StoryClusterer.add``.

``--mode batch`` times ``cluster_batch`` (the graph batch clusterer) on the same articles
instead: one call on the whole collection.

Each size runs in its own process (so peak memory is that size's alone) and prints
articles/s, peak resident memory, comparisons per add, and how well the generated stories
were recovered (B³ and purity); then the log-log slope of time against size, which is ~1.0
for linear time. The last line is a JSON record, to keep figures comparable across runs.

The generated stream has realistic story structure, with invented words:
- many stories (about one per eight articles), of a dozen event kinds (quake, election, ...);
- story sizes heavy-tailed (most 1-10 articles, a few in the hundreds), published in bursts
  over a few days to weeks, all spread over six months;
- names shared across stories: 40 countries, each in hundreds of stories; a few hundred
  recurring officials; stories of the same kind in the same country in the same month;
- 150-600 words an article, a headline, Zipf-distributed background vocabulary.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crossbrief.evaluation.clustering import bcubed  # noqa: E402
from crossbrief.stages.cluster import StoryClusterer, StoryInput, cluster_batch  # noqa: E402
from crossbrief.stages.cluster.parallel import counted  # noqa: E402

START = date(2025, 1, 1)
SPAN_DAYS = 180
ARTICLES_PER_STORY = 8  # mean; sizes are heavy-tailed around it
_SYLLABLES = (
    "ka ri to mo ne sa lu vi de ra en ol ar is un te ko ma li po zu fe go na shi bre tal cor ven dor mir sel gra pol"
).split()


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables))


@dataclass(frozen=True)
class World:
    """The shared vocabulary: background words, event kinds, countries, people, places."""

    background: list[str]
    background_weights: list[float]  # cumulative, as random.choices takes them
    kinds: list[list[str]]  # per event kind, its typical words
    countries: list[str]
    officials: list[str]  # recurring people, in many stories
    seed: int


def make_world(seed: int) -> World:
    rng = random.Random(seed)
    background = sorted({_word(rng, rng.randint(2, 4)) for _ in range(30000)})
    weights = list(accumulate(1.0 / (rank + 10) for rank in range(len(background))))  # Zipf-like
    kinds = [[_word(rng, 3) for _ in range(40)] for _ in range(12)]
    countries = [_word(rng, 3).title() for _ in range(40)]
    officials = [f"{_word(rng, 2).title()} {_word(rng, 3).title()}" for _ in range(300)]
    return World(background, weights, kinds, countries, officials, seed)


@dataclass(frozen=True)
class Story:
    """One generated event: its kind, names, own words and publication days."""

    number: int
    kind: int
    country: str
    places: tuple[str, ...]
    people: tuple[str, ...]
    words: tuple[str, ...]
    days: tuple[date, ...]


def _story_size(rng: random.Random) -> int:
    # a discrete Pareto: mean about ARTICLES_PER_STORY, a few stories in the hundreds
    return min(400, int(rng.paretovariate(1.25) * 2))


def make_story(world: World, number: int) -> Story:
    rng = random.Random(world.seed * 1_000_003 + number)
    start = START + timedelta(days=rng.randrange(SPAN_DAYS))
    spread = rng.choice((1.5, 3.0, 7.0))  # burst length: days
    size = max(1, _story_size(rng))
    days = tuple(sorted(start + timedelta(days=int(rng.expovariate(1 / spread))) for _ in range(size)))
    people = [f"{_word(rng, 2).title()} {_word(rng, 3).title()}" for _ in range(rng.randint(1, 3))]
    people += rng.sample(world.officials, rng.randint(0, 2))
    return Story(
        number,
        rng.randrange(len(world.kinds)),
        rng.choice(world.countries),
        tuple(_word(rng, 3).title() for _ in range(rng.randint(1, 2))),
        tuple(people),
        tuple(_word(rng, 3) for _ in range(25)),
        days,
    )


def _sentence(rng: random.Random, world: World, story: Story) -> str:
    words = rng.choices(world.background, cum_weights=world.background_weights, k=rng.randint(8, 18))
    for _ in range(rng.randint(1, 3)):
        words.insert(rng.randrange(len(words)), rng.choice(story.words))
    words.insert(rng.randrange(len(words)), rng.choice(world.kinds[story.kind]))
    if rng.random() < 0.6:
        words.insert(rng.randrange(len(words)), rng.choice(story.people + story.places))
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), story.country)
    if rng.random() < 0.2:  # a name from elsewhere: noise shared with other stories
        words.insert(rng.randrange(len(words)), rng.choice(world.officials + world.countries))
    return " ".join(words).capitalize() + "."


def make_article(world: World, story: Story, k: int) -> StoryInput:
    rng = random.Random((world.seed * 1_000_003 + story.number) * 1009 + k)
    sentences, words = [], 0
    target = rng.randint(150, 600)
    while words < target:
        sentences.append(_sentence(rng, world, story))
        words += sentences[-1].count(" ") + 1
    title = (
        f"{rng.choice(story.places)} {rng.choice(world.kinds[story.kind])} "
        f"{' '.join(rng.sample(story.words, 3))} in {story.country}"
    )
    return StoryInput(f"g{story.number}-{k}", title, " ".join(sentences), story.days[k])


def stream(size: int, seed: int) -> Iterator[tuple[StoryInput, int]]:
    """``size`` articles in publication order, each with its gold story number."""
    world = make_world(seed)
    schedule: list[tuple[date, int, int]] = []
    stories: dict[int, Story] = {}
    number = 0
    while len(schedule) < size:
        story = make_story(world, number)
        stories[number] = story
        schedule.extend((day, number, k) for k, day in enumerate(story.days))
        number += 1
    # the last story loses its surplus articles; then publication order
    for _, number, k in sorted(schedule[:size]):
        yield make_article(world, stories[number], k), number


def run_one(size: int, seed: int, workers: int = 1) -> dict[str, float]:
    """Stream ``size`` articles; only time inside ``add`` counts. With ``workers`` > 1 the
    articles are made first and counted in that many processes while this one places them
    (``parallel.counted``): the whole stream's time counts."""
    clusterer = StoryClusterer()
    gold: dict[str, str] = {}
    pred: dict[str, str] = {}
    spent = 0.0
    most = 0
    if workers > 1:
        made = list(stream(size, seed))
        gold = {item.id: str(number) for item, number in made}
        started = time.perf_counter()
        for counts in counted((item for item, _ in made), clusterer.settings, workers):
            pred[counts.id] = clusterer.add_counted(counts)
            most = max(most, clusterer.last_comparisons)
        spent = time.perf_counter() - started
    else:
        for item, number in stream(size, seed):
            started = time.perf_counter()
            pred[item.id] = clusterer.add(item)
            spent += time.perf_counter() - started
            most = max(most, clusterer.last_comparisons)
            gold[item.id] = str(number)
    score = bcubed(pred, gold)
    return {
        "articles": size,
        "workers": workers,
        "gold_stories": len(set(gold.values())),
        "stories": len(clusterer.stories()),
        "seconds": round(spent, 2),
        "articles_per_s": round(size / spent, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "comparisons_per_add": round(clusterer.comparisons / size, 2),
        "max_comparisons_per_add": most,
        "bcubed_p": round(score.precision, 4),
        "bcubed_r": round(score.recall, 4),
        "bcubed_f1": round(score.f1, 4),
        "purity": round(purity(pred, gold), 4),
    }


def run_batch(size: int, seed: int) -> dict[str, float]:
    """Cluster ``size`` articles in one ``cluster_batch`` call; only that call is timed."""
    items: list[StoryInput] = []
    gold: dict[str, str] = {}
    for item, number in stream(size, seed):
        items.append(item)
        gold[item.id] = str(number)
    started = time.perf_counter()
    pred = cluster_batch(items)
    spent = time.perf_counter() - started
    score = bcubed(pred, gold)
    return {
        "articles": size,
        "gold_stories": len(set(gold.values())),
        "stories": len(set(pred.values())),
        "seconds": round(spent, 2),
        "articles_per_s": round(size / spent, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "bcubed_p": round(score.precision, 4),
        "bcubed_r": round(score.recall, 4),
        "bcubed_f1": round(score.f1, 4),
        "purity": round(purity(pred, gold), 4),
    }


def purity(pred: dict[str, str], gold: dict[str, str]) -> float:
    """Share of articles in their story's majority gold story."""
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    for aid, sid in pred.items():
        groups[sid][gold[aid]] += 1
    return sum(max(c.values()) for c in groups.values()) / max(1, len(pred))


def slope(sizes: list[float], seconds: list[float]) -> float:
    """Least-squares slope of log(seconds) against log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    if not den:
        return float("nan")
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--mode", choices=("online", "batch"), default="online")
    parser.add_argument("--workers", type=int, default=2, help="online: processes counting articles (1: none)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # run one size, print JSON
    args = parser.parse_args()
    if args.one:
        result = run_batch(args.one, args.seed) if args.mode == "batch" else run_one(args.one, args.seed, args.workers)
        print(json.dumps(result))
        return
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        command = [sys.executable, __file__, "--one", str(size), "--seed", str(args.seed), "--mode", args.mode]
        command += ["--workers", str(args.workers)]
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        results.append(result)
        print("  ".join(f"{k}={v}" for k, v in result.items()), flush=True)
    if len(results) > 1:
        fit = slope([r["articles"] for r in results], [r["seconds"] for r in results])
        print(f"log-log slope of time vs size: {fit:.3f}")
    else:
        fit = float("nan")
    print(json.dumps({"benchmark": "stories", "mode": args.mode, "runs": results, "slope": round(fit, 3)}))


if __name__ == "__main__":
    main()
