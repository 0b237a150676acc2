"""Module 2 — the postal enterprise's own marketing system, and the capstone (notebook 06).

``content`` (schema of ``content.yaml``), ``rules`` (grading, ownership by grade and by
segment, bonus, cross-sell matrix), ``views`` (the tables and the chart the notebook shows),
``canvas`` (the system design canvas and the capstone export), ``widgets/`` (grading form, bonus
calculator, matrix editor, canvas, capstone export form)::

    from salestrain.postal import BonusCalculator, CapstoneExport, GradingForm, SystemCanvas
"""

from salestrain.core.exports import lazy_exports

__getattr__, __dir__ = lazy_exports(__name__, {
    "content": ["postal", "text"],
    "rules": ["PostalError", "Customer", "synthetic_customers", "grade_of", "grade_customers",
              "owner_level", "ownership", "level_ownership", "bonus", "BonusResult",
              "CrossSellMatrix"],
    "views": ["businesses_view", "levels_view", "roles_view", "support_view",
              "assumptions_view", "grading_view", "ownership_view", "grading_chart"],
    "widgets.calculators": ["BonusCalculator", "CrossSellMatrixEditor", "GradingForm"],
    "widgets.system_canvas": ["SystemCanvas"],
    "widgets.capstone": ["CapstoneExport"],
})
