"""Case 2 — Ping An's cross-selling (notebook 03).

``content`` (schema of ``content.yaml``), ``views`` (stages, operating model, disclosed
figures), ``crosssell`` (synthetic holdings and cross-sell metrics), ``approval`` (the five-step
approval of a cross-sell proposal), ``widgets/`` (the explorer and the approval flow)::

    from salestrain.pingan import ApprovalFlow, CrossSellExplorer, approval, crosssell
"""

from salestrain.core.exports import lazy_exports

__getattr__, __dir__ = lazy_exports(__name__, {
    "content": ["data"],
    "views": ["fmt", "stages_view", "operating_model_view", "approval_steps_view",
              "figures_view", "notes_view", "wells_fargo_view", "figures_chart",
              "comparison_view", "frame_view", "problem_view", "holdings_view"],
    "widgets.cross_sell": ["CrossSellExplorer"],
    "widgets.approval_flow": ["ApprovalFlow"],
})
