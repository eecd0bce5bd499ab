"""Generated articles for benchmarks: realistic shapes (headlines, header blocks, cruft,
HTML pages with navigation), made-up words, deterministic for a seed."""

from __future__ import annotations

import random
from pathlib import Path

PLACES = ["Port Caldera", "Vesk", "Brennik", "Osik", "San Eloy", "Castel Aurin", "Tarn", "Amsel"]
PEOPLE = ["Daria Volkan", "Ilyas Reyes", "Marek Tolvaj", "Hélène Marchetti", "Ramiro Estévez"]
ORGS = ["the coast guard", "the interior ministry", "the seismological institute", "the port authority"]
VERBS = ["said", "announced", "confirmed", "told reporters", "claimed", "denied"]
NOUNS = ["tanker", "crew", "cargo", "inspectors", "rescue teams", "aftershocks", "treaty", "barrels"]
CRUFT = [
    "Print Friendly, PDF & Email",
    "Share this: Facebook Twitter WhatsApp",
    "Advertisement",
    "Subscribe to get the latest posts sent to your email.",
]


def sentence(rng: random.Random) -> str:
    who = rng.choice(PEOPLE + ORGS)
    return (
        f"{who[0].upper()}{who[1:]} {rng.choice(VERBS)} that {rng.randint(2, 900):,} "
        f"{rng.choice(NOUNS)} reached {rng.choice(PLACES)} on {rng.choice(['Monday', 'Tuesday', 'Friday'])} "
        f"after {rng.choice(['talks', 'a storm', 'the inspection', 'the quake'])} in "
        f"{rng.choice(['March', 'April', 'May'])} 2025."
    )


def body(rng: random.Random, paragraphs: int) -> list[str]:
    return [" ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(paragraphs)]


def text_article(rng: random.Random, n: int) -> str:
    lines = [f"Report {n}: {rng.choice(NOUNS).title()} in {rng.choice(PLACES)}", ""]
    if rng.random() < 0.5:
        lines += ["Harbour Ledger", "World", f"{rng.randint(1, 28):02d}/0{rng.randint(3, 5)}/2025 10h15", ""]
    paras = body(rng, rng.randint(4, 8))
    paras.insert(rng.randint(1, len(paras)), rng.choice(CRUFT))
    return "\n".join(lines + paras) + "\n"


def html_article(rng: random.Random, n: int) -> str:
    paras = "".join(f"<p>{p}</p>" for p in body(rng, rng.randint(4, 8)))
    return (
        f"<!doctype html><html><head><title>Story {n} | Coast Watch</title>"
        f'<meta property="og:site_name" content="Coast Watch">'
        f'<meta property="article:published_time" content="2025-04-{rng.randint(1, 28):02d}T08:00:00Z">'
        f"</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<div class='cookie'>We use cookies.</div><article><h1>Story {n}</h1>{paras}</article>"
        f"<aside><h3>Related</h3><ul><li><a href='/a'>Other news</a></li></ul></aside>"
        f"<footer>Copyright 2025 Coast Watch</footer></body></html>"
    )


def write_corpus(folder: Path, count: int, seed: int = 7) -> Path:
    """``count`` articles, half plain text and half HTML, under ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        if n % 2:
            (folder / f"a{n:06d}.html").write_text(html_article(rng, n), encoding="utf-8")
        else:
            (folder / f"a{n:06d}.txt").write_text(text_article(rng, n), encoding="utf-8")
    return folder
