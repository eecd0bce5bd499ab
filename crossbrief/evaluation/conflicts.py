"""Conflicts and independent-source counts against the real-news gold
(``../shared/eval/duc2003_gold``: 24 DUC 2003 clusters annotated blind).

    1. load      the gold clusters (``duc2003_gold.jsonl``) and their documents (the DUC
                 2003 task files, ``duc2003/duc2003_task{2,3}.jsonl``)
    2. brief     each cluster's documents read as ``crossbrief eval summaries`` reads them
                 (``cluster_articles``) and briefed one of three ways (``READINGS``):
                 ``metadata``  as ONE story, with each document's outlet and date: the
                               comparison alone
                 ``files``     as ONE story, without outlet or date, as plain-text files
                               arrive: the comparison as a user gets it
                 ``stories``   without outlet or date, grouped into stories as ``crossbrief
                               brief`` groups files, every story briefed: clustering errors
                               and comparison errors together
    3. match     gold quotes located in the cleaned sentences; predicted conflicts matched to
                 gold conflicts and traps, predicted facts to gold facts (``conflicts_match``);
                 the summary's citations, the support pairs of its facts and whether its
                 sentences state the gold's main facts looked up in the blind judgements
                 bundled in ``data/`` (by hash: no text)
    4. report    counts added up per split (train, test, all; reserved clusters apart) and
                 shown as shares

Measurement only: nothing here feeds back into the stages.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from ..errors import UsageError
from ..records import SentenceRef
from . import standoff
from .conflicts_match import (
    CitationKey,
    ClusterScore,
    FactKey,
    GoldCluster,
    QuoteLocator,
    SupportKey,
    Tally,
    score_cluster,
    support_key,
    unjudged_items,
)
from .output import json_lines

if TYPE_CHECKING:  # summaries.py reads RESERVED from here: its names are imported where used
    from ..records import Article, Brief
    from .summaries import Cluster

Progress = Callable[[int, int], None]
GOLD_FILE = "duc2003_gold.jsonl"
SPLITS = ("train", "test")
READINGS = ("metadata", "files", "stories")
# What a plain-text file does not carry: the outlet, date and headline are the DUC file's
# metadata, not part of the article's text.
_METADATA_KEYS = frozenset({"source", "date", "title"})
# The clusters ../shared/eval/README.md reserves (an outside test set covers their events):
# never in this gold set, but one that appears is scored and reported apart.
RESERVED = frozenset(
    "d30003 d30005 d30010 d30028 d30034 d30040 d30042 d30044 d30056 d31001 d31009 d31022 d31033 d31038 d31050 "
    "d105".split()
)


# Summary citations judged by annotators who read each cited sentence beside the summary
# sentence, blind to the system: references only (hashes and sentence numbers), no text.
# A changed summary or fact leaves some unjudged: ``eval briefs --unjudged FILE`` lists them
# with their texts; two blind judges each, the stricter verdict appended to the file here.
JUDGED_CITATIONS = Path(__file__).parent / "data" / "citations_judged.jsonl"
VERDICTS = frozenset({"supports", "partial", "does_not"})
# Pairs of the sentences a fact counts as independent sources, judged the same way: does one
# state the other's claim? (cluster, article_a, sentence_a, article_b, sentence_b, split, verdict.)
JUDGED_SUPPORT = Path(__file__).parent / "data" / "support_judged.jsonl"
# Sixteen more unreserved clusters (all the unreserved ones with two or more outlets, and
# two of one outlet each), annotated blind as the shared gold was, kept as stand-off pointers
# into the DUC 2003 files (see .standoff): split "heldout", never tuned on.
HELDOUT = Path(__file__).parent / "data" / "duc2003_gold_heldout.jsonl"
SUPPORT_VERDICTS = frozenset({"same", "partial", "different"})
# Whether each summary sentence states each gold main fact, judged by two annotators who read
# the summary's sentences beside the gold's facts, blind to the system (the stricter verdict
# kept): a summary states a fact in its own words, where the quote-based figure needs it to
# cite a sentence holding a gold quote. (cluster, fact, summary_sha1, split, verdict.)
JUDGED_FACTS = Path(__file__).parent / "data" / "facts_judged.jsonl"
FACT_VERDICTS = frozenset({"states", "partial", "no"})


K = TypeVar("K")


def _load_verdicts(
    path: Path, key_of: Callable[[dict[str, Any]], K], verdicts: frozenset[str], what: str
) -> dict[K, str]:
    """A judged file's verdicts by ``key_of(row)``, one JSON object a line; empty when there is
    no file. A bad line is a UsageError naming it."""
    if not path.exists():
        return {}
    judged: dict[K, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            key, verdict = key_of(row), row["verdict"]
        except (ValueError, KeyError, TypeError) as err:
            raise UsageError(f"{path}:{n}: not a {what} ({err}); fix or remove the line") from err
        if verdict not in verdicts:
            raise UsageError(f"{path}:{n}: verdict {verdict!r} is not one of {', '.join(sorted(verdicts))}")
        judged[key] = verdict
    return judged


def load_judged(path: Path = JUDGED_CITATIONS) -> dict[CitationKey, str]:
    """Judged citations by key (``conflicts_match.citation_key``); empty when there is no file."""
    return _load_verdicts(
        path,
        lambda row: (row["cluster"], row["summary_sha1"], row["article"], int(row["sentence"])),
        VERDICTS,
        "judged citation",
    )


def load_judged_support(path: Path = JUDGED_SUPPORT) -> dict[SupportKey, str]:
    """Judged pairs of support sentences by key (``conflicts_match.support_key``); empty when
    there is no file."""
    return _load_verdicts(
        path,
        lambda row: support_key(
            row["cluster"],
            SentenceRef(row["article_a"], int(row["sentence_a"])),
            SentenceRef(row["article_b"], int(row["sentence_b"])),
        ),
        SUPPORT_VERDICTS,
        "judged support pair",
    )


def load_judged_facts(path: Path = JUDGED_FACTS) -> dict[FactKey, str]:
    """Judged (gold main fact, summary sentence) pairs by key (``conflicts_match.fact_key``);
    empty when there is no file."""
    return _load_verdicts(
        path, lambda row: (row["cluster"], row["fact"], row["summary_sha1"]), FACT_VERDICTS, "judged main fact"
    )


def default_gold_dir() -> Path:
    """``../shared/eval/duc2003_gold`` beside the repository."""
    from .quantities import default_eval_dir

    return default_eval_dir() / "duc2003_gold"


def default_docs_dir(gold: Path) -> Path:
    """Where the gold's documents are: ``duc2003/`` beside the gold folder, else
    ``../shared/eval/duc2003`` (the bundled stand-off gold has no documents beside it)."""
    beside = (gold if gold.is_dir() else gold.parent).parent / "duc2003"
    if beside.is_dir():
        return beside
    from .quantities import default_eval_dir

    return default_eval_dir() / "duc2003"


def load_gold(path: Path, docs: Path | None = None) -> list[GoldCluster]:
    """The gold clusters of ``path``: the gold folder or its JSON Lines file. Stand-off rows
    (pointers instead of quotes, see :mod:`.standoff`) are resolved against the DUC 2003
    task files in ``docs`` (default: ``default_docs_dir``)."""
    path = Path(path)
    file = path / GOLD_FILE if path.is_dir() else path
    if not file.is_file():
        raise UsageError(f"{file}: not found; the conflict gold lives in ../shared/eval/duc2003_gold/")
    rows: list[tuple[int, dict[str, Any]]] = []
    with file.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                try:
                    rows.append((number, json.loads(line)))
                except json.JSONDecodeError as err:
                    raise UsageError(f"{file}:{number}: not JSON ({err}); see the gold's README.md") from err
    wanted: dict[str, set[str]] = {}
    for _, row in rows:
        if standoff.is_standoff(row):
            wanted.setdefault(str(row.get("task")), set()).add(str(row.get("cluster_id")))
    documents = _read_clusters(Path(docs) if docs is not None else default_docs_dir(path), wanted) if wanted else {}
    texts = {str(d["doc_id"]): str(d["text"]) for c in documents.values() for d in c.docs}
    gold = []
    for number, row in rows:
        try:
            gold.append(GoldCluster.from_dict(standoff.resolve(row, texts) if texts else row))
        except (KeyError, TypeError, ValueError) as err:
            raise UsageError(f"{file}:{number}: not a conflict gold cluster ({err!r}); see its README.md") from err
    return gold


def _read_clusters(docs: Path, wanted: dict[str, set[str]]) -> dict[str, Cluster]:
    """The document clusters ``wanted`` (task → cluster ids), from ``docs/duc2003_<task>.jsonl``."""
    from .summaries import load_clusters

    found: dict[str, Cluster] = {}
    for task, ids in sorted(wanted.items()):
        path = Path(docs) / f"duc2003_{task}.jsonl"
        if not path.is_file():
            raise UsageError(
                f"{path}: not found; the gold's documents are the DUC 2003 files in ../shared/eval/duc2003/"
            )
        found.update((c.id, c) for c in load_clusters(path) if c.id in ids)
    missing = sorted(set().union(*wanted.values()) - set(found))
    if missing:
        raise UsageError(f"{docs}: no documents for gold cluster(s) {', '.join(missing)}; use the DUC 2003 files")
    return found


def load_documents(docs: Path, gold: Sequence[GoldCluster]) -> dict[str, Cluster]:
    """The document clusters the gold names, read from ``docs/duc2003_<task>.jsonl``."""
    wanted: dict[str, set[str]] = {}
    for g in gold:
        wanted.setdefault(g.task, set()).add(g.id)
    return _read_clusters(docs, wanted)


def group_of(cluster: str, split: str) -> str:
    """The column a cluster is added up in: its split, or ``reserved``."""
    return "reserved" if cluster in RESERVED else split


@dataclass
class ConflictEvaluation:
    """Every cluster's score, and the documents too short to be articles."""

    gold: str
    scores: list[ClusterScore] = field(default_factory=list)
    skipped_docs: list[str] = field(default_factory=list)
    reading: str = "metadata"

    def tallies(self) -> dict[str, Tally]:
        """Counts per split present, then ``all`` (train and test), then ``reserved`` if any."""
        groups: dict[str, Tally] = {}
        for score in self.scores:
            name = group_of(score.cluster, score.split)
            groups[name] = groups.get(name, Tally()) + score.tally
        ordered = {s: groups[s] for s in SPLITS if s in groups}
        if len(ordered) > 1:
            ordered["all"] = sum(ordered.values(), Tally())
        return {**ordered, **{k: v for k, v in groups.items() if k not in SPLITS}}

    def to_dict(self, per_cluster: bool = False) -> dict[str, Any]:
        row: dict[str, Any] = {
            "gold": self.gold,
            "reading": self.reading,
            "splits": {name: _counts_and_figures(t) for name, t in self.tallies().items()},
            "skipped_docs": self.skipped_docs,
        }
        if per_cluster:
            row["clusters"] = {
                s.cluster: {"split": group_of(s.cluster, s.split), **_counts_and_figures(s.tally)} for s in self.scores
            }
        return row


def _counts_and_figures(tally: Tally) -> dict[str, Any]:
    """The counts and the shares made of them, apart (some share the counts' names)."""
    return {"counts": vars(tally), "figures": tally.figures()}


def without_metadata(cluster: Cluster) -> Cluster:
    """The cluster's documents as plain-text files arrive: the text alone, no outlet or date."""
    docs = tuple({k: v for k, v in doc.items() if k not in _METADATA_KEYS} for doc in cluster.docs)
    return dataclasses.replace(cluster, docs=docs)


def brief_cluster(articles: Sequence[Article], reading: str, encoder: Any, nlp: Any, cache: Any) -> list[Brief]:
    """The briefs a reading makes of one cluster's articles: one story, or the stories
    ``crossbrief brief`` would group them into (``stories``)."""
    from ..pipeline import brief_story
    from ..pipeline.stories import group_stories

    if not articles:
        return []
    groups = [group for _, group in group_stories(articles)] if reading == "stories" else [list(articles)]
    return [brief_story(group, encoder, nlp, vector_cache=cache) for group in groups]


def evaluate(
    gold: Sequence[GoldCluster],
    documents: dict[str, Cluster],
    out: Path | None = None,
    progress: Progress | None = None,
    vector_cache: MutableMapping[str, np.ndarray] | None = None,
    name: str = "",
    reading: str = "metadata",
    unjudged: Path | None = None,
) -> ConflictEvaluation:
    """Brief every gold cluster's documents as ``reading`` says (``READINGS``) and score the
    briefs' conflicts and facts, all of a cluster's stories together (steps 2–3).

    ``out``: where to write each cluster's judged predictions, one JSON line each;
    ``unjudged``: where to write what no bundled verdict covers yet (``unjudged_items``);
    ``progress(done, total)`` is called with done 0 before the models load, then after each
    cluster.
    """
    from .summaries import cluster_articles, reading_models

    if reading not in READINGS:
        raise UsageError(f"unknown reading {reading!r}; use {', '.join(READINGS)}")
    if progress is not None:
        progress(0, len(gold))
    nlp, parser, encoder = reading_models()
    cache = vector_cache if vector_cache is not None else {}
    result = ConflictEvaluation(name, reading=reading)
    judged, judged_support, judged_facts = load_judged(), load_judged_support(), load_judged_facts()
    with json_lines(out) as write, json_lines(unjudged) as write_unjudged:
        for done, cluster in enumerate(gold, 1):
            docs = documents[cluster.id] if reading == "metadata" else without_metadata(documents[cluster.id])
            articles = cluster_articles(docs, parser, result.skipped_docs)
            briefs = brief_cluster(articles, reading, encoder, nlp, cache)
            conflicts = list(chain.from_iterable(b.conflicts for b in briefs))
            facts = list(chain.from_iterable(b.facts for b in briefs))
            summary = list(chain.from_iterable(b.summary for b in briefs))
            score = score_cluster(
                conflicts, facts, cluster, QuoteLocator(articles), summary, judged, judged_support, judged_facts
            )
            result.scores.append(score)
            write({**_prediction_row(score, facts, len(articles)), "stories": len(briefs)})
            if unjudged is not None:
                text_of = {(a.id, x.index): x.text for a in articles for x in a.sentences}
                for row in unjudged_items(cluster, summary, facts, text_of, (judged, judged_support, judged_facts)):
                    write_unjudged(row)
            if progress is not None:
                progress(done, len(gold))
    return result


def _prediction_row(score: ClusterScore, facts: Sequence[Any], articles: int) -> dict[str, Any]:
    """One cluster's predictions as judged: for ``--out``."""
    return {
        "cluster_id": score.cluster,
        "split": group_of(score.cluster, score.split),
        "articles": articles,
        "conflicts": [v.to_dict() for v in score.conflicts],
        "gold_facts": [v.to_dict() for v in score.facts],
        "facts": [f.to_dict() for f in facts],
        "unlocated_quotes": [{"of": owner, "article": q.article, "quote": q.quote} for owner, q in score.unlocated],
        "tally": vars(score.tally),
    }


def select(gold: Sequence[GoldCluster], split: str = "all", clusters: Sequence[str] = ()) -> list[GoldCluster]:
    """The gold clusters of ``split`` (train, test or all), only ``clusters`` when given."""
    if split not in (*SPLITS, "heldout", "all"):
        raise UsageError(f"unknown split {split!r}; use train, test, heldout or all")
    unknown = sorted(set(clusters) - {g.id for g in gold})
    if unknown:
        raise UsageError(f"no gold cluster {', '.join(unknown)}; the gold has {', '.join(g.id for g in gold)}")
    return [g for g in gold if (split == "all" or g.split == split) and (not clusters or g.id in clusters)]


def evaluate_gold(
    gold_path: Path | None = None,
    docs: Path | None = None,
    split: str = "all",
    clusters: Sequence[str] = (),
    out: Path | None = None,
    progress: Progress | None = None,
    reading: str = "metadata",
    unjudged: Path | None = None,
) -> ConflictEvaluation:
    """``evaluate`` over the gold at ``gold_path`` (default ``../shared/eval/duc2003_gold``, or
    the bundled held-out gold for split ``heldout``), documents from ``docs`` (default:
    ``default_docs_dir``)."""
    default = HELDOUT if split == "heldout" else default_gold_dir()
    path = Path(gold_path) if gold_path is not None else default
    folder = Path(docs) if docs is not None else default_docs_dir(path)
    chosen = select(load_gold(path, folder), split, clusters)
    documents = load_documents(folder, chosen)
    return evaluate(chosen, documents, out, progress, name=str(path), reading=reading, unjudged=unjudged)


# -- report -------------------------------------------------------------------------------

_ROWS = (
    ("conflicts: gold / predicted", None),
    ("precision", "precision"),
    ("precision, acceptable-as-soft set aside", "precision_acceptable_aside"),
    ("recall", "recall"),
    ("F1", "f1"),
    ("hard-conflict recall", "hard_recall"),
    ("severity agreement (matched pairs)", "severity_agreement"),
    ("trap hits / acceptable as soft", None),
    ("unlocated quotes", None),
    ("gold facts found", "fact_coverage"),
    ("  source count exact", "exact_count_rate"),
    ("  over-count (worst)", "over_count_rate"),
    ("  under-count", "under_count_rate"),
    ("predicted ≥2 sources: count ≤ gold", "multi_source_within_gold"),
    ("  above gold, excess flagged (no outlet)", "over_counts_flagged"),
    ("  their support pairs judged / all", None),
    ("  pairs stating one claim", "support_pair_precision"),
    ("  pairs stating different claims", "support_pair_different"),
    ("summary: main facts cited (gold quote)", "main_fact_coverage"),
    ("  fact × sentence pairs judged / all", None),
    ("  main facts stated (judged)", "main_fact_stated_judged"),
    ("summary citations judged / all", None),
    ("  citation support precision", "citation_support_precision"),
)


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _cell(label: str, t: Tally, key: str | None) -> str:
    if key is not None:
        return _share(t.figures()[key])
    if label.startswith("conflicts"):
        return f"{t.gold} / {t.predicted}"
    if label.startswith("trap"):
        return f"{t.trap_hits} / {t.acceptable_soft}"
    if label.startswith("summary citations"):
        return f"{t.citations_judged} / {t.citations}"
    if label.startswith("  fact × sentence"):
        return f"{t.summary_fact_pairs_judged} / {t.summary_fact_pairs}"
    if label.startswith("  their support pairs"):
        return f"{t.support_judged} / {t.support_pairs}"
    return f"{t.unlocated} / {t.quotes}"


def format_table(result: ConflictEvaluation, per_cluster: bool = False, errors: bool = False) -> str:
    """A column per split (figure rows), then optionally a row per cluster and the false
    conflicts (predicted conflicts matching no gold conflict)."""
    tallies = result.tallies()
    width = 40
    lines = [f"{'reading: ' + result.reading:{width}}" + "".join(f"{name:>12}" for name in tallies)]
    lines.append(f"{'clusters':{width}}" + "".join(f"{t.clusters:>12}" for t in tallies.values()))
    for label, key in _ROWS:
        lines.append(f"{label:{width}}" + "".join(f"{_cell(label, t, key):>12}" for t in tallies.values()))
    if per_cluster:
        lines += ["", *_cluster_rows(result.scores)]
    if errors:
        lines += ["", *_error_rows(result.scores)]
    if result.skipped_docs:
        lines.append(f"skipped (too short to be an article): {', '.join(result.skipped_docs)}")
    return "\n".join(lines)


def _cluster_rows(scores: Sequence[ClusterScore]) -> list[str]:
    head = (
        f"{'cluster':9}{'split':>9}{'gold':>6}{'pred':>6}{'match':>6}{'trap':>6}{'soft':>6}{'P':>7}{'R':>7}"
        f"{'hardR':>7}{'sev':>7}{'unloc':>7}{'facts':>7}{'exact':>7}{'over':>6}{'under':>6}"
    )
    rows = [head]
    for s in scores:
        t, f = s.tally, s.tally.figures()
        rows.append(
            f"{s.cluster:9}{group_of(s.cluster, s.split):>9}{t.gold:>6}{t.predicted:>6}{t.matched:>6}"
            f"{t.trap_hits:>6}{t.acceptable_soft:>6}{_share(f['precision']):>7}{_share(f['recall']):>7}"
            f"{_share(f['hard_recall']):>7}{_share(f['severity_agreement']):>7}{t.unlocated:>7}"
            f"{t.facts_found:>4}/{t.facts:<2}{t.count_exact:>7}{t.count_over:>6}{t.count_under:>6}"
        )
    return rows


def _error_rows(scores: Sequence[ClusterScore]) -> list[str]:
    """Every predicted conflict that matches no gold conflict: cluster, what it is, its
    subject and the values it set against each other."""
    rows = ["false conflicts (trap = sets a gold trap's claims against each other):"]
    for s in scores:
        for v in s.conflicts:
            if v.status == "matched":
                continue
            c = v.conflict
            what = f"{v.status} {','.join(v.traps)}".strip()
            values = " | ".join(dict.fromkeys(claim.value for claim in c.claims))
            rows.append(f"{s.cluster:8} {what:24} {c.kind:7}{c.severity:5} {c.subject}: {values}")
    return rows
