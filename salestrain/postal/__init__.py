"""Module 2 — the postal enterprise's own marketing system, and the capstone (notebook 06).

``content`` (schema of ``content.yaml``), ``rules`` (grading, ownership, bonus, cross-sell
matrix), ``views`` (the tables the notebook shows), ``canvas`` (the system design canvas and the
capstone export), ``widgets/`` (bonus calculator, matrix editor, canvas)::

    from salestrain.postal import BonusCalculator, CrossSellMatrixEditor, SystemCanvas, canvas
"""

from salestrain.core.exports import lazy_exports

__getattr__, __dir__ = lazy_exports(__name__, {
    "content": ["postal", "text"],
    "rules": ["PostalError", "Customer", "synthetic_customers", "grade_of", "grade_customers",
              "ownership", "bonus", "BonusResult", "CrossSellMatrix"],
    "views": ["businesses_view", "levels_view", "roles_view", "grading_view"],
    "widgets.calculators": ["BonusCalculator", "CrossSellMatrixEditor"],
    "widgets.system_canvas": ["SystemCanvas"],
})
