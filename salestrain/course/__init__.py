"""The course as a whole: outline, glossary, Module 1's comparison, lesson pages and quizzes.

Notebook 00 and 01 (and the header, key points and quiz of every notebook) come from here::

    from salestrain.course import SystemsExplorer, lesson, quiz
"""

from salestrain.core.exports import lazy_exports

__getattr__, __dir__ = lazy_exports(__name__, {
    "content": ["course", "glossary", "systems", "instructor"],
    "widgets": ["SystemsExplorer", "MyWork"],
})
