"""The report's pictures as Vega-Lite specs, built with Altair.

Why Vega-Lite: it is a grammar of graphics made for exactly these charts (interval
timelines, heat-map matrices, layered node-link drawings), its specs are plain JSON that
travel inside the report, and vl-convert ships the whole runtime (Vega, Vega-Lite,
vega-embed with tooltips) as one ~0.9 MB offline bundle. Plotly's bundle is about four
times larger. The browser renders the specs to SVG, so marks are clickable: a click on a
mark that carries ``article`` and ``sentence`` opens that citation in the reader.

    timeline_spec     dated events; a dot for a day, a bar spanning a month or a year
    matrix_spec       facts × sources; rewrites sit next to their origin, in a lighter shade
    derivation_spec   origin → copy / rewrite / translation, laid out as a tree
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from .report_model import ReportModel, Source, period, shorten

# Above this many articles the matrix shows one column per outlet, not per article:
# 500 one-pixel columns say nothing.
MATRIX_MAX_ARTICLES = 40
# The derivation graph draws every article up to this many, then only the derived ones.
GRAPH_MAX_ARTICLES = 40
GRAPH_MAX_FAMILY_NODES = 24  # a big story's graph: this many articles of its largest families
EDGE_LABELS_MAX = 12  # "rewrite · 91%" on each arrow up to this many; the tooltip always has it
ROW_PX = 22  # height of one row in the timeline and the matrix
LABEL_CHARS = 70  # axis labels are cut here; the full text is in the tooltip and the lists

PRECISION_COLOURS = {"day": "#1f5f8b", "month": "#5b9bd5", "year": "#a9c8e8"}
KIND_COLOURS = {"copy": "#c0392b", "rewrite": "#d68910", "translation": "#7d3c98"}
MATRIX_SHADES = {
    "states it": "#1a7f64",
    "states it (copy of another)": "#9fd8c6",
    "states it (rewrite of another)": "#9fd8c6",
    "states it (translation of another)": "#9fd8c6",
    "not stated": "#f1f3f5",
}
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"


def _alt() -> Any:
    import altair as alt  # imported on first use: about a second, only for HTML

    return alt


def _finish(chart: Any, width: int | str | None = "container") -> dict[str, Any]:
    """The chart as a Vega-Lite dict with the report's look."""
    if width is not None:
        chart = chart.properties(width=width)
    spec: dict[str, Any] = (
        chart.configure(font=FONT)
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=11, titleFontSize=11, labelColor="#333", titleColor="#555")
        .to_dict()
    )
    return spec


# Events that end this long before the story's first publication are background
# ("built 24 years ago"): they get their own axis, or they would squash the story's days.
BACKGROUND_DAYS = 90
TIMELINE_WIDTH = 560  # px of the time axis; the labels take the rest of the card


def timeline_rows(model: ReportModel) -> list[dict[str, Any]]:
    """One row per dated event: its calendar span, label and first citation."""
    rows = []
    for order, event in enumerate(model.timeline):
        span = period(event.extra["date"], event.extra["precision"])
        if span is None:
            continue
        first = event.cites[0] if event.cites else None
        rows.append(
            {
                "order": order,
                "label": f"{event.number} · {shorten(event.text, LABEL_CHARS - 6)}",
                "start": span[0].isoformat() + "T00:00:00",
                "end": span[1].isoformat() + "T00:00:00",
                "precision": event.extra["precision"],
                "when": event.extra["when"] + (" (expected)" if event.extra.get("expected") else ""),
                "text": event.text,
                "sources": ", ".join(c.label for c in event.cites),
                "article": first.article if first else None,
                "sentence": first.sentence if first else None,
            }
        )
    return rows


def split_background(model: ReportModel, rows: list[dict[str, Any]]) -> tuple[list[dict], list[dict]]:
    """(background, story period): rows that start well before the story began are background."""
    starts = sorted(r["start"] for r in rows)
    first = model.story.get("first_published") or starts[len(starts) // 2][:10]
    cutoff = (date.fromisoformat(first) - timedelta(days=BACKGROUND_DAYS)).isoformat()
    background = [r for r in rows if r["start"][:10] < cutoff]
    story = [r for r in rows if r["start"][:10] >= cutoff]
    return (background, story) if background and story else ([], rows)


def _timeline_chart(rows: list[dict[str, Any]], title: str, name: str) -> Any:
    alt = _alt()
    base = alt.Chart(alt.Data(values=rows), title=alt.Title(title, anchor="start", fontSize=12, color="#555")).encode(
        y=alt.Y(
            "label:N", sort=alt.EncodingSortField("order"), title=None, axis=alt.Axis(labelLimit=420, labelFontSize=11)
        ),
        color=alt.Color(
            "precision:N",
            title="date known to the",
            scale=alt.Scale(domain=list(PRECISION_COLOURS), range=list(PRECISION_COLOURS.values())),
            legend=alt.Legend(orient="top", direction="horizontal"),
        ),
        tooltip=[
            alt.Tooltip("when:N", title="when"),
            alt.Tooltip("precision:N"),
            alt.Tooltip("text:N", title="event"),
            alt.Tooltip("sources:N", title="cited"),
        ],
    )
    bars = base.mark_bar(height=10, cornerRadius=2, cursor="pointer").encode(
        x=alt.X("start:T", title=None, axis=alt.Axis(labelOverlap=True, grid=True)), x2="end:T"
    )
    layers = [bars]
    if any(r["precision"] == "day" for r in rows):
        layers.append(
            base.transform_filter(alt.datum.precision == "day")
            .mark_point(filled=True, size=70, opacity=1, cursor="pointer")
            .encode(x="start:T")
        )
    zoom = alt.selection_interval(bind="scales", encodings=["x"], name=f"zoom_{name}")
    return alt.layer(*layers).add_params(zoom).properties(height=ROW_PX * len(rows), width=TIMELINE_WIDTH)


def timeline_spec(model: ReportModel) -> dict[str, Any] | None:
    """Events on a time axis, one per row in date order; the mark's extent is its precision.
    Background events (long before the story) get a second axis above the story's."""
    rows = timeline_rows(model)
    if not rows:
        return None
    alt = _alt()
    background, story = split_background(model, rows)
    if not background:
        return _finish(_timeline_chart(story, "what happened", "story"), width=TIMELINE_WIDTH)
    chart = alt.vconcat(
        _timeline_chart(background, "background: earlier events the articles mention", "background"),
        _timeline_chart(story, "the story", "story"),
    ).resolve_scale(x="independent")
    return _finish(chart, width=None)


def matrix_columns(model: ReportModel) -> list[tuple[Source, int]]:
    """Articles in matrix order: each independent article followed by what derives from it
    (depth 1, 2, …), so a rewrite sits beside its origin."""
    children: dict[str, list[Source]] = {}
    for s in model.sources:
        if s.origin:
            children.setdefault(s.origin, []).append(s)
    ordered: list[tuple[Source, int]] = []
    seen: set[str] = set()

    def visit(source: Source, depth: int) -> None:
        if source.id in seen:
            return
        seen.add(source.id)
        ordered.append((source, depth))
        for child in children.get(source.id, []):
            visit(child, depth + 1)

    for s in model.sources:
        if not s.origin or s.origin not in model.by_id:
            visit(s, 0)
    for s in model.sources:  # anything left (a derivation cycle) still gets its column
        visit(s, 0)
    return ordered


def _matrix_article_rows(model: ReportModel) -> tuple[list[dict[str, Any]], list[str]]:
    """Cells (fact index, column index, status, citation) and the column labels."""
    columns = matrix_columns(model)
    rows = []
    for fi, fact in enumerate(model.facts):
        cited = {c.article: c for c in fact.all_cites}
        for ci, (source, _depth) in enumerate(columns):
            cite = cited.get(source.id)
            origin = model.by_id.get(source.origin or "")
            status = (
                "not stated"
                if cite is None
                else "states it"
                if origin is None
                else f"states it ({source.origin_kind} of another)"
            )
            cell: dict[str, Any] = {"fi": fi, "ci": ci, "status": status}
            if cite is not None:
                cell |= {"cite": cite.label, "text": cite.text or "", "article": source.id, "sentence": cite.sentence}
            rows.append(cell)
    labels = [
        ("↳ " * depth) + s.label + (f" ({s.origin_kind} of {model.by_id[s.origin].key})" if s.origin else "")
        for s, depth in columns
    ]
    return rows, labels


def _matrix_outlet_rows(model: ReportModel) -> tuple[list[dict[str, Any]], list[str]]:
    """Cells per outlet (count of its articles stating the fact) and the outlet labels.
    Only drawn cells travel: 100 outlets × 70 facts of empty cells would weigh megabytes."""
    outlets = sorted({s.name for s in model.sources})
    column = {name: ci for ci, name in enumerate(outlets)}
    rows = []
    for fi, fact in enumerate(model.facts):
        per_outlet: dict[str, list[str]] = {}
        for c in fact.all_cites:
            if source := model.by_id.get(c.article):
                per_outlet.setdefault(source.name, []).append(c.label)
        for outlet, labels in per_outlet.items():
            rows.append(
                {
                    "fi": fi,
                    "ci": column[outlet],
                    "n": len(labels),
                    "status": f"{len(labels)} article(s)",
                    "cite": ", ".join(labels[:12]) + (" …" if len(labels) > 12 else ""),
                }
            )
    return rows, outlets


def _labels_expr(labels: list[str], field: str = "datum.value") -> str:
    """A Vega expression mapping an index to its label: labels travel once, not per cell."""
    return json.dumps(labels, ensure_ascii=False) + f"[{field}]"


def matrix_spec(model: ReportModel) -> dict[str, Any] | None:
    """Facts (rows) × sources (columns): which source states which fact."""
    if not model.facts:
        return None
    alt = _alt()
    per_article = len(model.sources) <= MATRIX_MAX_ARTICLES
    rows, columns = _matrix_article_rows(model) if per_article else _matrix_outlet_rows(model)
    facts = [f"{f.number} · {shorten(f.text, LABEL_CHARS - 6)}" for f in model.facts]
    if per_article:
        present = {r["status"] for r in rows}
        shades = {s: c for s, c in MATRIX_SHADES.items() if s in present}
        colour = alt.Color(
            "status:N",
            title=None,
            legend=alt.Legend(orient="top", direction="horizontal"),
            scale=alt.Scale(domain=list(shades), range=list(shades.values())),
        )
    else:
        colour = alt.Color("n:Q", title="articles", scale=alt.Scale(scheme="greens"))
    chart = (
        alt.Chart(alt.Data(values=rows))
        .transform_calculate(
            fact=_labels_expr(facts, "datum.fi"),
            source=_labels_expr(columns, "datum.ci"),
        )
        .mark_rect(stroke="#fff", strokeWidth=2, cursor="pointer")
        .encode(
            x=alt.X(
                "ci:O",
                title=None,
                axis=alt.Axis(
                    orient="top", labelAngle=-35, labelLimit=200, labelAlign="left", labelExpr=_labels_expr(columns)
                ),
            ),
            y=alt.Y("fi:O", title=None, axis=alt.Axis(labelLimit=420, labelExpr=_labels_expr(facts))),
            color=colour,
            tooltip=[
                alt.Tooltip("source:N", title="source"),
                alt.Tooltip("fact:N", title="fact"),
                alt.Tooltip("status:N", title="states it?"),
                alt.Tooltip("cite:N", title="cited as"),
                alt.Tooltip("text:N", title="sentence"),
            ],
        )
        .properties(height=ROW_PX * len(model.facts))
    )
    return _finish(chart, width=max(160, min(1100, 34 * len({r["ci"] for r in rows}))))


def graph_members(model: ReportModel) -> set[str]:
    """The articles the graph draws: all of a small story; else the biggest families of
    origin and derived articles, up to GRAPH_MAX_FAMILY_NODES (a family too big is cut after
    its first members, parents before children, so every drawn article keeps its origin)."""
    if len(model.sources) <= GRAPH_MAX_ARTICLES:
        return {s.id for s in model.sources}
    family: dict[str, list[str]] = {}
    root_of: dict[str, str] = {}
    for source, depth in matrix_columns(model):
        root = source.id if depth == 0 else root_of.get(source.origin or "", source.id)
        root_of[source.id] = root
        family.setdefault(root, []).append(source.id)
    shown: list[str] = []
    for kin in sorted((k for k in family.values() if len(k) > 1), key=len, reverse=True):
        shown += kin[: GRAPH_MAX_FAMILY_NODES - len(shown)]
        if len(shown) >= GRAPH_MAX_FAMILY_NODES:
            break
    return set(shown)


def graph_layout(model: ReportModel) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Nodes and edges of the derivation tree: depth on x, one row per branch on y."""
    involved = {s.id for s in model.derived} | {s.origin for s in model.derived if s.origin}
    shown = graph_members(model)
    nodes: dict[str, dict[str, Any]] = {}
    row = 0
    for source, depth in matrix_columns(model):
        if source.id not in shown:
            continue
        parent = nodes.get(source.origin or "")
        if parent is not None and parent.get("children", 0) == 0:
            y = parent["y"]  # the first derived article sits level with its origin
        else:
            y = row = row + (1 if nodes else 0)
        if parent is not None:
            parent["children"] = parent.get("children", 0) + 1
        role = "derived" if source.origin else ("origin" if source.id in involved else "independent")
        nodes[source.id] = {
            "id": source.id,
            "label": source.label,
            "x": depth,
            "y": y,
            "role": role,
            "title": source.title or "",
            "article": source.id,
            "sentence": None,
        }
    edges = []
    for d in model.document["derivations"]:
        a, b = nodes.get(d["origin"]), nodes.get(d["derived"])
        if a and b:
            edges.append(
                {
                    "x": a["x"],
                    "y": a["y"],
                    "x2": b["x"],
                    "y2": b["y"],
                    "kind": d["kind"],
                    "label": f"{d['kind']} · {d['share']:.0%}" + (" · order unknown" if d.get("order") else ""),
                    "mx": (a["x"] + b["x"]) / 2,
                    "my": (a["y"] + b["y"]) / 2,
                    "aligned": d["aligned_sentences"],
                }
            )
    return list(nodes.values()), edges


def derivation_spec(model: ReportModel) -> dict[str, Any] | None:
    """Origin → derived article arrows; independent articles stand alone in the first column."""
    if not model.derived:
        return None
    alt = _alt()
    nodes, edges = graph_layout(model)
    if not edges:
        return None
    depth = max(n["x"] for n in nodes)
    x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-0.1, depth + 0.9]))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(reverse=True, domain=[-0.6, max(n["y"] for n in nodes) + 0.6]))
    kind = alt.Color(
        "kind:N",
        title="derived by",
        legend=alt.Legend(orient="top", direction="horizontal"),
        scale=alt.Scale(domain=list(KIND_COLOURS), range=list(KIND_COLOURS.values())),
    )
    lines = (
        alt.Chart(alt.Data(values=edges))
        .mark_rule(strokeWidth=3)
        .encode(
            x=x,
            y=y,
            x2="x2:Q",
            y2="y2:Q",
            color=kind,
            tooltip=[alt.Tooltip("label:N", title="derived"), alt.Tooltip("aligned:Q", title="sentences aligned")],
        )
    )
    layers = [lines]
    if len(edges) <= EDGE_LABELS_MAX:
        layers.append(
            alt.Chart(alt.Data(values=edges))
            .mark_text(dy=13, fontSize=11, fontWeight="bold")
            .encode(
                x=alt.X("mx:Q", axis=None),
                y=alt.Y("my:Q", axis=None),
                text="label:N",
                color=alt.Color(
                    "kind:N", legend=None, scale=alt.Scale(domain=list(KIND_COLOURS), range=list(KIND_COLOURS.values()))
                ),
            )
        )
    role_colour = alt.Color(
        "role:N",
        title="article",
        legend=alt.Legend(orient="top", direction="horizontal"),
        scale=alt.Scale(domain=["origin", "derived", "independent"], range=["#1a7f64", "#d68910", "#8a94a6"]),
    )
    dots = (
        alt.Chart(alt.Data(values=nodes))
        .mark_circle(size=220, opacity=1, cursor="pointer")
        .encode(
            x=x,
            y=y,
            color=role_colour,
            tooltip=[alt.Tooltip("label:N", title="article"), alt.Tooltip("title:N", title="title")],
        )
    )
    names = (
        alt.Chart(alt.Data(values=nodes))
        .mark_text(align="left", dx=-6, dy=-15, fontSize=12)
        .encode(x=x, y=y, text="label:N")
    )
    rows = max(n["y"] for n in nodes) + 1
    chart = (
        alt.layer(*layers, dots, names)
        .resolve_scale(color="independent")
        .properties(height=max(80, (44 if rows <= 12 else 34) * rows))
    )
    return _finish(chart, width=max(420, (300 if depth <= 2 else 190) * (depth + 1)))


def report_charts(model: ReportModel) -> dict[str, dict[str, Any]]:
    """The specs the report embeds, by chart id; a chart with nothing to show is left out."""
    specs = {"timeline": timeline_spec(model), "matrix": matrix_spec(model), "derivations": derivation_spec(model)}
    return {name: spec for name, spec in specs.items() if spec is not None}
