"""Shared machinery every case uses, and nothing case-specific.

``content`` (declaring and loading content files), ``i18n`` (bilingual text, course language),
``numbers`` (numbers as people type them), ``display`` (money, percentages, dates and
periods as people read them: the house style), ``html`` (escaped tables and views), ``storage``
(atomic work files), ``report`` (one document → Word, Excel, Markdown, HTML), ``plotting``
(CJK fonts for charts), ``widgets`` (form pieces: a field with its error, the work toolbar),
``exports`` (what a case package re-exports, loaded on first use).
"""
