"""Case 4 — IBM's Signature Selling Method (notebook 05).

``content`` (schema of ``content.yaml``: the seven steps and their verifiable outcomes), ``ssm``
(an opportunity walked step by step on evidence), ``pipeline`` (pipeline analytics over a
synthetic pipeline), ``views`` (the pipeline's tables as trainees read them), ``widgets/`` (the
opportunity walker, the pipeline board, the fragment placer and the outcome checker)::

    from salestrain.ibm import FragmentPlacer, OpportunityWalker, PipelineBoard, pipeline, ssm
"""

from salestrain.core.exports import lazy_exports

__getattr__, __dir__ = lazy_exports(__name__, {
    "ssm": ["Opportunity"],
    "widgets.opportunity_walker": ["OpportunityWalker"],
    "widgets.pipeline_board": ["PipelineBoard"],
    "widgets.fragment_placer": ["FragmentPlacer"],
    "widgets.outcome_checker": ["OutcomeChecker"],
})
