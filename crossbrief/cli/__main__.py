"""``python -m crossbrief.cli``."""

from .main import main

main()
