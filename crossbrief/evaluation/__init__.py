"""Scoring crossbrief against gold data: one module per task, each with a pure scorer."""
