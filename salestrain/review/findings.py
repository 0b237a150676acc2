"""A finding of the review: which rule fired, how serious it is, on which field, and what the
reviewer says — message, why (the case's principle) and fix — in the course language.

Rules build findings with `finding(rule_id, field, label, **fields)`, which takes the severity and
the texts from content data, so an instructor changes what the reviewer says or how seriously
without touching code. `ordered` puts errors first, then warnings, then tips.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from salestrain.core.html import HTMLView, escape
from salestrain.core.i18n import get_language
from salestrain.review.content import SEVERITIES, review_content, text

ICONS = {"error": "⛔", "warning": "⚠", "tip": "💡"}
COLOURS = {"error": "#a8071a", "warning": "#8a5a00", "tip": "#2f5d8a"}


@dataclass(frozen=True)
class Finding:
    """One thing the reviewer would send back.

    `rule` is a stable id (``plan.share_over_100``); `severity` is "error", "warning" or "tip";
    `field` is the path of the field concerned ("" for the whole piece of work) and
    `field_label` how a trainee reads it; `message`, `why` and `fix` are in the course language.
    """

    rule: str
    severity: str
    field: str
    field_label: str
    message: str
    why: str
    fix: str

    def to_dict(self) -> dict:
        return asdict(self)

    def line(self, lang: str | None = None) -> str:
        """One line of plain text: severity, where, message."""
        lang = lang or get_language()
        where = f" [{self.field_label}]" if self.field_label else ""
        return f"{text(f'severity_{self.severity}', lang)}{where}: {self.message}"


def finding(rule_id: str, lang: str, field: str = "", label: str = "",
            **fields: object) -> Finding:
    """The finding of rule `rule_id` on `field`, its texts filled in with `fields`."""
    rule = review_content().rules[rule_id]
    return Finding(rule_id, rule.severity, field, label,
                   rule.message(lang).format(**fields), rule.why(lang), rule.fix(lang))


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then tips; the rules' own order inside each."""
    return sorted(findings, key=lambda f: SEVERITIES.index(f.severity))


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    """{severity: how many}, every severity present."""
    found = Counter(f.severity for f in findings)
    return {s: found.get(s, 0) for s in SEVERITIES}


def view(findings: list[Finding], title: str = "", lang: str | None = None) -> HTMLView:
    """The findings as the reviewer's notes: counts, then each finding with where, why and fix."""
    lang = lang or get_language()
    title = title or text("panel_title", lang)
    n = counts(findings)
    summary = text("panel_counts", lang, **n)
    if not findings:
        none = text("panel_none", lang)
        return HTMLView(f"<div class='st-card'><h4>{escape(title)}</h4>"
                        f"<span class='st-ok'>✓ {escape(none)}</span></div>", f"{title}\n{none}")
    items, plain = [], [title, summary]
    for f in findings:
        items.append(item_html(f, lang))
        plain.append(f"- {f.line(lang)}")
        plain.append(f"  {text('fix', lang)}: {f.fix}")
    html = (f"<div class='st-card'><h4>{escape(title)}</h4>"
            f"<div class='st-muted'>{escape(summary)}</div>"
            f"<ul style='list-style:none;margin-left:0'>{''.join(items)}</ul></div>")
    return HTMLView(html, "\n".join(plain))


def item_html(f: Finding, lang: str) -> str:
    """One finding as a list item: a severity badge, the field, the message, why and fix."""
    colour = COLOURS[f.severity]
    badge = (f"<b style='color:{colour}'>{ICONS[f.severity]} "
             f"{escape(text(f'severity_{f.severity}', lang))}</b>")
    where = (f" · <span class='st-muted'>{escape(text('field', lang))}: "
             f"{escape(f.field_label)}</span>" if f.field_label else "")
    return (f"<li style='margin:.3em 0' data-rule='{escape(f.rule)}'>{badge}{where}<br>"
            f"{escape(f.message)}<br><span class='st-muted'><b>{escape(text('why', lang))}:</b> "
            f"{escape(f.why)}</span><br><b>{escape(text('fix', lang))}:</b> "
            f"{escape(f.fix)}</li>")
