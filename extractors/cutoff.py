"""The default cut-off of a ``fact`` (no imports: the command line reads it at start-up)."""

# The least check-worthiness of a ``fact``: a statement of fact scoring below it is written
# as ``other``. Chosen for recall by bench/cutoff.py (a desk's missed claim costs more than
# a false alarm); ``claimcite extract --min-checkworthiness X`` sets another.
DEFAULT_MIN_CHECKWORTHINESS = 0.325
