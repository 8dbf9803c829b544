"""Spreading the word: the public progress page, the embeddable widget, share cards, case studies from
council officers and the printable summary. Plain functions in ``progress``, ``share_image``,
``case_studies`` and ``summary`` that the pages (``advocacy.web.spread``), CLI and tests call.
"""
