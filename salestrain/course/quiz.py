"""Knowledge checks: the unit's questions from content data, shown with jupyterquiz.

jupyterquiz names each quiz's container with a random id; here the id comes from the unit and
language, so a notebook's stored output is the same on every run (nbval compares it strictly).
"""

from __future__ import annotations

import hashlib

from salestrain.core.i18n import get_language
from salestrain.course import content

COLORS = {
    "--jq-multiple-choice-bg": "#2f5d8a",
    "--jq-many-choice-bg": "#3a6f8f",
    "--jq-mc-button-bg": "#fafafa",
    "--jq-correct-color": "#1f7a36",
    "--jq-incorrect-color": "#b3261e",
}


def questions(unit_id: str, lang: str | None = None) -> list[dict]:
    """The unit's questions in jupyterquiz's JSON shape, in one language."""
    lang = lang or get_language()
    return [
        {
            "question": q.question(lang),
            "type": q.type,
            "answers": [
                {"answer": a.answer(lang), "correct": a.correct, "feedback": a.feedback(lang)}
                for a in q.answers
            ],
        }
        for q in content.quiz(unit_id)
    ]


def quiz_id(unit_id: str, lang: str) -> str:
    """A stable, letters-only DOM id for a unit's quiz."""
    digest = hashlib.sha256(f"{unit_id}:{lang}".encode()).hexdigest()
    return "stquiz" + "".join(chr(ord("a") + int(c, 16)) for c in digest[:10])


def render(unit_id: str, lang: str | None = None) -> tuple[str, str]:
    """The quiz as (HTML with styles, JavaScript), ready for two display outputs."""
    from jupyterquiz.dynamic.loader import load_questions_script
    from jupyterquiz.dynamic.renderer import build_script, build_styles, render_div

    lang = lang or get_language()
    div_id = quiz_id(unit_id, lang)
    colors = {
        "--jq-mc-button-border": "#e0e0e0e0",
        "--jq-mc-button-inset-shadow": "#555555",
        "--jq-numeric-bg": "#392061ff",
        "--jq-numeric-input-bg": "#c0c0c0",
        "--jq-numeric-input-label": "#101010",
        "--jq-numeric-input-shadow": "#999999",
        "--jq-string-bg": "#4c1a57",
        "--jq-text-color": "#fafafa",
        "--jq-link-color": "#9abafa",
        **COLORS,
    }
    prefix, static, url = load_questions_script(questions(unit_id, lang), div_id)
    div = render_div(div_id, False, True, False, 1_000_000, 640, 10, "left")
    script = build_script(prefix, static, url, div_id, True)
    # The questions hold no mathematics. jupyterquiz would typeset with a global MathJax when it
    # finds one: JupyterLab 4's has no `version` (the probe throws) and a bare MathJax 3 config
    # makes it fetch MathJax from a CDN. A local `MathJax` shadows the global inside the quiz.
    return div + build_styles(div_id, colors), f"(function () {{ var MathJax;\n{script}\n}})();"


def show(unit_id: str, lang: str | None = None) -> None:
    """Display the unit's knowledge check (works in JupyterLab and on the course site)."""
    from IPython.display import HTML, Javascript, display

    html, script = render(unit_id, lang)
    display(HTML(html))
    display(Javascript(script))
