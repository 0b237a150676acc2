"""Case 1 — Haier's market chain (notebook 02).

``content`` (schema of ``content.yaml``), ``views`` (tables and the chain figure),
``marketchain`` (the SST settlement simulation), ``rolenetwork`` (who orders from whom),
``rolemap`` (a trainee's map of Haier's roles onto a post), ``widgets/`` (the simulator and the
role mapper)::

    from salestrain.haier import MarketChainSimulator, RoleMapper, RoleNetwork, marketchain
"""

from salestrain.core.exports import lazy_exports

__getattr__, __dir__ = lazy_exports(__name__, {
    "content": ["data", "text", "manager"],
    "views": ["blocks_view", "managers_view", "sst_view", "timeline_view", "chain_figure"],
    "rolenetwork": ["RoleNetwork"],
    "rolemap": ["RoleMap"],
    "widgets.market_chain": ["MarketChainSimulator"],
    "widgets.role_mapper": ["RoleMapper"],
})
