"""The stages of the flow in DESIGN.md, one module (or package) each, in order:

    ingest → clean → sentences → extract → embed → cluster → derive → align → timeline → brief → render

Each is a function from typed records (:mod:`crossbrief.records`) to typed records.
Only ``ingest`` reads files; models and settings are passed in.
"""
