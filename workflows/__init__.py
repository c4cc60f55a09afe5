"""What reads claim records rather than text: report, summary, export, match.

One module per command; each reads records with :mod:`claimcite.workflows.read` and never
imports the spaCy pipeline.
"""
