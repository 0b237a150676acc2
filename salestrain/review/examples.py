"""The deliberately weak examples (synthetic): one plan, opportunity, canvas and bonus design a
reviewer would send back, shipped as data so a notebook shows the review with one call.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from salestrain.core.html import HTMLView
from salestrain.core.i18n import get_language
from salestrain.hp.plan import IndustryPlan
from salestrain.ibm import ssm
from salestrain.postal.canvas import SystemCanvas
from salestrain.postal.rules import BonusResult, bonus
from salestrain.review.content import text
from salestrain.review.findings import view
from salestrain.review.work import review

DATA = Path(__file__).resolve().parent / "data" / "weak_examples.json"
KINDS = ("plan", "opportunity", "canvas", "bonus")


@cache
def _data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def weak_example(kind: str, lang: str | None = None):
    """The weak `kind` ("plan", "opportunity", "canvas" or "bonus"), its texts in `lang`."""
    lang = lang or get_language()
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    data = _data()[kind]
    if kind == "plan":
        return IndustryPlan.from_dict(data[lang])
    if kind == "opportunity":
        return ssm.Opportunity.from_data(data[lang])
    if kind == "canvas":
        return SystemCanvas.from_dict(data[lang])
    return bonus(**data)


def show(work: object, lang: str | None = None) -> HTMLView:
    """The reviewer's notes on `work` (a piece of work, or the name of a weak example)."""
    lang = lang or get_language()
    title = ""
    if isinstance(work, str) and work in KINDS:
        title = text("weak_title", lang, part=text(f"part_{work}", lang))
        work = weak_example(work, lang)
    elif not isinstance(work, BonusResult):
        name = getattr(work, "title", None)
        name = name(lang) if callable(name) else name
        if name:
            title = text("review_of", lang, title=name)
    return view(review(work, lang), title, lang)


def varied_submissions(folder: Path, n: int = 12) -> Path:
    """Write `n` trainees' hand-ins (synthetic) into `folder`, one sub-folder each: worked and
    weak pieces mixed, some threats left out, some handing in work files instead of a capstone.
    """
    from salestrain.review.capstone import export_capstone

    good = (IndustryPlan.example("en"), ssm.example("en"), SystemCanvas.example("en"))
    weak = (weak_example("plan", "en"), weak_example("opportunity", "en"),
            weak_example("canvas", "en"))
    for i in range(n):
        sub = folder / f"trainee-{i + 1:02d}"
        plan, opp, canvas = good if i % 3 == 0 else weak
        plan = plan.model_copy(deep=True)
        plan.set("title", f"Plan {i + 1}")
        plan.set("targets.proposed.value", 3_000_000 + 250_000 * i)
        if i % 4 == 1:
            plan.set("swot.threats", "")
        if i % 5 == 2:
            plan.save(sub)
            opp.save(sub)
            continue
        export_capstone(plan, opp, canvas, trainee=f"trainee-{i + 1:02d}", folder=sub)
    return folder


def class_demo(n: int = 12, lang: str | None = None) -> HTMLView:
    """The class view of a roll-up (`salestrain collect`) over `n` varied synthetic hand-ins,
    written to a temporary folder and read back as the instructor's command reads them."""
    import tempfile

    from salestrain.commands.collect import collect
    from salestrain.review.rollup import class_view

    lang = lang or get_language()
    with tempfile.TemporaryDirectory(prefix="salestrain-class-") as tmp:
        rollup = collect(varied_submissions(Path(tmp), n))
        return class_view(rollup.submissions.values(), lang)
