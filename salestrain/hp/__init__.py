"""Case 3 — HP's key-account marketing (notebook 04).

``content`` (schema of ``content.yaml``), ``accounts`` (key-account scoring and tiers), ``pay``
(account- and product-manager pay), ``plan`` (the industry development plan),
``team_selling`` (who does what in the ten-step flow), ``widgets/`` (scorer, pay calculator,
plan builder)::

    from salestrain.hp import AccountScorer, PayCalculator, PlanBuilder
"""

from salestrain.core.exports import lazy_exports

__getattr__, __dir__ = lazy_exports(__name__, {
    "content": ["hp", "text", "label"],
    "plan": ["IndustryPlan"],
    "pay": ["PayPlan"],
    "widgets.calculators": ["AccountScorer", "PayCalculator"],
    "widgets.plan_builder": ["PlanBuilder"],
})
