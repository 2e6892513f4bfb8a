"""Allow ``python -m ordinance_drafter``."""

from .cli.app import main

main()
