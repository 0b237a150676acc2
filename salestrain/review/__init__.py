"""The sales manager's review: coaching findings on plans, opportunities and canvases, and the
capstone rubric.

``content`` (the rules, thresholds and texts of ``content.yaml``; the rubric of ``rubric.yaml``),
``findings`` (a `Finding` and how it is shown), ``plan``, ``opportunity``, ``canvas`` (the rules
per kind of work), ``work`` (`review(work)` over any piece or a saved file), ``rubric``
(capstone scores), ``rollup`` (the class view for `salestrain collect`), ``examples`` (the
deliberately weak examples), ``widgets`` (the Review panel)::

    from salestrain.review import review, weak_example
    review(weak_example("plan"))
"""

from salestrain.core.exports import lazy_exports

__getattr__, __dir__ = lazy_exports(__name__, {
    "findings": ["Finding"],
    "work": ["review", "Capstone", "rules_table"],
    "rubric": ["score", "rubric_table"],
    "capstone": ["export_capstone"],
    "examples": ["weak_example", "show", "class_demo"],
    "rollup": ["class_view"],
    "widgets": ["ReviewPanel"],
})
