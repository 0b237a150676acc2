"""The Haier case as the notebook shows it: blocks, managers and their tasks, the model
manager's development flow, SST rules, the timeline and the market-chain figure, labelled in the
course language."""

from __future__ import annotations

from salestrain.core.i18n import get_language
from salestrain.haier.content import data, tasks, text


def blocks_view(lang: str | None = None):
    """The three blocks and the functional centres, with whom each places orders and whether
    the row is the deck's or the course's reading."""
    from salestrain.core.html import HTMLView, table

    lang = lang or get_language()
    names = {b.id: b.name(lang) for b in data().blocks}
    columns = [text(k, lang) for k in ("col_block", "col_unit", "col_duty", "col_orders_to",
                                        "col_basis")]
    sep = "、" if lang == "zh" else ", "
    rows = [[text("block_n", lang, n=b.block) if b.block else text("block_support", lang),
             b.name(lang), b.duty(lang), sep.join(names[o] for o in b.orders_to) or "—",
             _basis(b.basis, b.note, lang)]
            for b in data().blocks]
    return HTMLView(table(columns, rows), "\n".join(" | ".join(map(str, r)) for r in rows))


def _basis(basis: str, note=None, lang: str | None = None) -> str:
    lang = lang or get_language()
    label = text(f"basis_{basis}", lang)
    if note is None:
        return label
    return f"{label}{'：' if lang == 'zh' else ': '}{note(lang)}"


def managers_view(lang: str | None = None):
    """The manager system: part in the order chain, duty, boss, pay basis and links."""
    from salestrain.core.html import HTMLView, table

    lang = lang or get_language()
    columns = [text(k, lang) for k in ("col_role", "col_order_duty", "col_duty",
                                        "rm_reports_to", "rm_paid_on", "col_links")]
    rows = [[m.name(lang), text(f"duty_{m.duty}", lang), m.duty_text(lang), m.reports_to(lang),
             m.paid_on(lang), m.links(lang)] for m in data().managers]
    return HTMLView(table(columns, rows, row_headers=True),
                    "\n".join(f"{r[0]}: {r[1]}" for r in rows))


def tasks_view(role: str, lang: str | None = None):
    """The tasks the deck gives one role (steer, create, realise, obtain), as a numbered list."""
    from salestrain.core.html import HTMLView, table

    lang = lang or get_language()
    rows = [[i, t.text(lang)] for i, t in enumerate(tasks(role), start=1)]
    if not rows:
        raise ValueError(text("rs_err_role", lang, value=role))
    columns = ["#", text("col_task", lang)]
    return HTMLView(table(columns, rows), "\n".join(f"{n}. {t}" for n, t in rows))


def model_flow_view(lang: str | None = None):
    """The model manager's new-product flow, step by step."""
    from salestrain.core.html import HTMLView, table

    lang = lang or get_language()
    columns = [text(k, lang) for k in ("col_step", "col_who", "col_detail")]
    rows = [[f"{i}. {s.step(lang)}", s.who(lang), s.detail(lang)]
            for i, s in enumerate(data().model_flow, start=1)]
    return HTMLView(table(columns, rows, row_headers=True),
                    "\n".join(f"{r[0]} — {r[1]}" for r in rows))


def sst_view(lang: str | None = None):
    """The three SST rules."""
    from salestrain.core.html import HTMLView, table

    lang = lang or get_language()
    other = "zh" if lang == "en" else "en"
    rows = [[r.name(lang) if lang == "zh" else f"{r.name(lang)} ({r.name(other)})",
             r.meaning(lang)] for r in data().sst]
    columns = [text("col_rule", lang), text("col_meaning", lang)]
    note = text("sst_note", lang)
    return HTMLView(table(columns, rows, row_headers=True, caption=note),
                    note + "\n" + "\n".join(f"{a}: {b}" for a, b in rows))


def timeline_view(lang: str | None = None):
    """The dated steps from the market chain to rendanheyi, with their sources."""
    from salestrain.core.html import HTMLView, table

    lang = lang or get_language()
    columns = [text(k, lang) for k in ("col_date", "col_event", "col_sources")]
    rows = [[e.date, e.event(lang), "; ".join(e.sources)] for e in data().timeline]
    return HTMLView(table(columns, rows, row_headers=True),
                    "\n".join(f"{r[0]}: {r[1]}" for r in rows))


def chain_figure(lang: str | None = None):
    """The horizontal mechanism: customers, the three blocks and the functional centres."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    from salestrain.core.plotting import use_cjk_fonts

    use_cjk_fonts()
    lang = lang or get_language()
    names = {b.id: b.name(lang) for b in data().blocks}
    boxes = {
        "customers": (1.2, 2.2, text("fig_customers", lang), "#f3ead8"),
        "commerce_hq": (4.2, 3.0, names["commerce_hq"], "#dbe7f3"),
        "overseas_hq": (4.2, 1.4, names["overseas_hq"], "#dbe7f3"),
        "product_hq": (7.2, 2.2, names["product_hq"], "#dbe7f3"),
        "rnd": (10.2, 2.2, names["rnd"], "#dbe7f3"),
        "functional": (7.2, 0.35, names["functional"], "#e4f1e6"),
    }
    fig, ax = plt.subplots(figsize=(10, 4.4))
    ax.set_xlim(0, 11.6)
    ax.set_ylim(-0.6, 4.4)
    ax.axis("off")
    for x, y, label, colour in boxes.values():
        ax.add_patch(FancyBboxPatch((x - 1.15, y - 0.35), 2.3, 0.7, boxstyle="round,pad=0.03",
                                    fc=colour, ec="#2f5d8a"))
        ax.text(x, y, label, ha="center", va="center", fontsize=8.5, wrap=True)
    reading = {b.block for b in data().blocks if b.basis == "reading"}
    for n, x in ((1, 4.2), (2, 7.2), (3, 10.2)):
        key = "block_n_reading" if n in reading else "block_n"
        ax.text(x, 4.05, text(key, lang, n=n), ha="center", fontsize=9.5, color="#2f5d8a")

    def arrow(a: str, b: str, label: str, dashed: bool = False) -> None:
        (x0, y0), (x1, y1) = boxes[a][:2], boxes[b][:2]
        if x0 != x1:
            start, end = (x0 + 1.18, y0), (x1 - 1.18, y1)
        else:
            start, end = (x0, y0 - 0.38), (x1, y1 + 0.38)
        ax.annotate("", xy=end, xytext=start, arrowprops={
            "arrowstyle": "->", "color": "#2f5d8a", "lw": 1.3, "ls": "--" if dashed else "-"})
        ax.text((start[0] + end[0]) / 2, (start[1] + end[1]) / 2 + 0.12, label, ha="center",
                fontsize=7, color="#5b6573")

    order = text("fig_contract_order", lang)
    arrow("customers", "commerce_hq", "")
    arrow("customers", "overseas_hq", "")
    arrow("commerce_hq", "product_hq", order)
    arrow("overseas_hq", "product_hq", order)
    arrow("product_hq", "rnd", order)
    arrow("product_hq", "functional", text("fig_internal_order", lang), dashed=True)
    ax.set_title(text("fig_chain_title", lang), fontsize=10)
    ax.text(5.8, -0.5, text("fig_pay", lang), ha="center", fontsize=8, style="italic",
            color="#5b6573")
    fig.tight_layout()
    plt.close(fig)
    return fig
