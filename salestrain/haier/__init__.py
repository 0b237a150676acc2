"""Case 1 — Haier's market chain (notebook 02).

``content`` (schema of ``content.yaml``), ``views`` (tables and the chain figure),
``roletasks`` (the role sorter: which manager does which task), ``marketchain`` (the SST
settlement simulation), ``rolenetwork`` (who orders from whom), ``rolemap`` (a trainee's map of
Haier's roles onto a post), ``widgets/`` (the role sorter, the simulator and the role mapper)::

    from salestrain.haier import MarketChainSimulator, RoleMapper, RoleNetwork, RoleSorter
"""

from salestrain.core.exports import lazy_exports

__getattr__, __dir__ = lazy_exports(__name__, {
    "content": ["data", "text", "manager"],
    "views": ["blocks_view", "managers_view", "tasks_view", "model_flow_view", "sst_view",
              "timeline_view", "chain_figure", "chain_view"],
    "roletasks": ["RoleSort"],
    "rolenetwork": ["RoleNetwork"],
    "rolemap": ["RoleMap"],
    "widgets.market_chain": ["MarketChainSimulator"],
    "widgets.role_mapper": ["RoleMapper"],
    "widgets.role_sorter": ["RoleSorter"],
})
