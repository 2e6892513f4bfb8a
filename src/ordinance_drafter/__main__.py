"""Allow ``python -m ordinance_drafter``."""

from .cli import main

main()
