"""The reading layer: from an input's bytes to clean text with offsets into the original.

Decoding and provenance (``sources``), text and Markdown clean-up (``cleanup``), HTML
pages (``html_input``) and the offset map back into the original (``offsets``). Nothing
here imports spaCy; the analysis (``claimcite.extractors``) reads what this layer makes.
"""
