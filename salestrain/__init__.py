"""salestrain: interactive courseware for 营销体系建设 (Building a Marketing System).

One package per case, each cut the same way (``content`` → models → ``widgets/``):
``haier`` (02), ``pingan`` (03), ``hp`` (04), ``ibm`` (05), ``postal`` (Module 2, 06), plus
``course`` (outline, lesson pages, quizzes; 00 and 01), ``core`` (shared machinery) and
``commands`` (the command line, notebook execution, site pages). Importing the package is
cheap: heavy libraries load only when a function that needs them runs.
"""

from salestrain.core.i18n import get_language, language, set_language

__version__ = "0.1.0"
__all__ = ["__version__", "get_language", "language", "set_language"]
