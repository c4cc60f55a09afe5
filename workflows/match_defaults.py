"""The score thresholds of ``claimcite match``, importable without loading the matcher
(the command line shows them in ``--help``).

Set on the labelled pairs of ``bench/data/match_pairs.tsv`` (see ``bench/match_quality.py``).
"""

SAME_THRESHOLD = 0.45  # from this score two claims state the same thing
RELATED_THRESHOLD = 0.3  # from this score they are related (listed, no cluster)
