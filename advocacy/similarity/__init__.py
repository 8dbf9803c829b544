"""Similarity meter: how close a letter is to letters already sent to the same MP (or council), so a writer
can be encouraged to add a sentence of their own. It warns; it never blocks.

Public interface: ``compare_with_sent`` (-> ``SimilarityReport``), ``remember_sent``, ``recipient_key``, and
the pure functions in ``fingerprint``.
"""

from .service import SimilarityReport, compare_with_sent, recipient_key, remember_sent

__all__ = ["SimilarityReport", "compare_with_sent", "recipient_key", "remember_sent"]
