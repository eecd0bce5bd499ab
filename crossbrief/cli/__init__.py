"""The ``crossbrief`` command: thin verbs over :mod:`crossbrief.pipeline`.

main.py     the group and the verbs: ingest, articles, rejections, brief, stories, show,
            recluster, demo
serve.py    serve: the web app over a store
eval.py     eval …: scores against gold data
support.py  what every verb shares: consoles, --db/--config, settings, one-line errors,
            the command clock behind --timings
"""

from .main import cli, demo_corpus, main

__all__ = ["cli", "demo_corpus", "main"]
