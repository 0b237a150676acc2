"""The role sorter: put each of the deck's tasks with the manager who does it, then check.

The tasks and the order they are asked in come from `haier/content.yaml` (`tasks`, `sorter`);
the right answer is the role the 2013 course deck gives the task. A sort may be incomplete:
unanswered tasks are counted, never marked wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from salestrain.core.html import HTMLView, escape, table
from salestrain.core.i18n import get_language
from salestrain.haier import content as haier

ROLES = ("steer", "create", "realise", "obtain")


def questions() -> list[haier.Task]:
    """The tasks the sorter asks about, in the order it shows them."""
    by_id = {t.id: t for t in haier.data().tasks}
    return [by_id[i] for i in haier.data().sorter]


def role_name(role: str, lang: str | None = None) -> str:
    """The name of a manager role (steer, create, realise, obtain) in the course language."""
    return haier.manager(role).name(lang)


@dataclass(frozen=True)
class Result:
    """One task, the role chosen for it (None = not answered) and whether that is right."""

    task: haier.Task
    chosen: str | None

    @property
    def correct(self) -> bool | None:
        return None if self.chosen is None else self.chosen == self.task.role

    def feedback(self, lang: str | None = None) -> str:
        """'Right', 'Not quite — …' or 'Not answered yet', followed by the reason."""
        lang = lang or get_language()
        if self.correct is None:
            return haier.text("rs_open", lang)
        head = (haier.text("rs_right", lang) if self.correct
                else haier.text("rs_wrong", lang, role=role_name(self.task.role, lang)))
        return head + ("。" if lang == "zh" else ". ") + self.task.why(lang)


class RoleSort:
    """A trainee's answers: task id → chosen role."""

    def __init__(self, answers: dict[str, str | None] | None = None) -> None:
        self.answers: dict[str, str | None] = {t.id: None for t in questions()}
        for task, role in (answers or {}).items():
            self.choose(task, role)

    def choose(self, task: str, role: str | None) -> None:
        """Give `task` to `role` (None or '' clears the answer)."""
        if task not in self.answers:
            raise KeyError(haier.text("rs_err_task", task=task))
        if role in (None, ""):
            self.answers[task] = None
            return
        if role not in ROLES:
            raise ValueError(haier.text("rs_err_role", value=role))
        self.answers[task] = role

    def results(self) -> list[Result]:
        return [Result(t, self.answers[t.id]) for t in questions()]

    def score(self) -> tuple[int, int, int]:
        """(right, answered, total)."""
        results = self.results()
        answered = [r for r in results if r.correct is not None]
        return sum(1 for r in answered if r.correct), len(answered), len(results)

    def summary(self, lang: str | None = None) -> str:
        lang = lang or get_language()
        right, answered, total = self.score()
        line = haier.text("rs_score", lang, right=right, total=total)
        if answered < total:
            line += ("" if lang == "zh" else " ") + haier.text("rs_unanswered", lang,
                                                                 open=total - answered)
        return line

    def view(self, lang: str | None = None) -> HTMLView:
        """Every task with the answer given and the feedback, as a table."""
        lang = lang or get_language()
        columns = [haier.text(k, lang) for k in ("rs_task", "rs_role", "rs_feedback")]
        rows = [[r.task.text(lang), role_name(r.chosen, lang) if r.chosen else "—",
                 r.feedback(lang)] for r in self.results()]
        text = "\n".join(" | ".join(row) for row in rows) + "\n" + self.summary(lang)
        return HTMLView(table(columns, rows) + f"<p>{escape(self.summary(lang))}</p>", text)
