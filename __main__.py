"""`python -m claimcite`."""

from .cli.app import main

main()
