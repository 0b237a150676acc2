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
    from salestrain.core.display import when
    from salestrain.core.html import HTMLView, table

    lang = lang or get_language()
    columns = [text(k, lang) for k in ("col_date", "col_event", "col_sources")]
    rows = [[when(e.date, lang), e.event(lang), "; ".join(e.sources)] for e in data().timeline]
    return HTMLView(table(columns, rows, row_headers=True),
                    "\n".join(f"{r[0]}: {r[1]}" for r in rows))


def chain_figure(lang: str | None = None):
    """The horizontal mechanism, drawn top to bottom: customers, the three blocks and the
    functional centres, each arrow an order. 6.8 inches wide with text of 9 pt or more, so
    that shown at natural size (`chain_view`) no label is smaller than 12 px."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    from salestrain.core.plotting import use_cjk_fonts

    use_cjk_fonts()
    lang = lang or get_language()
    names = {b.id: b.name(lang) for b in data().blocks}
    blue, green, sand, grey, ink = "#dbe7f3", "#e4f1e6", "#f3ead8", "#4f5966", "#2f5d8a"
    # (x, y) of each box's centre in inches; the left 2 inches hold the row labels.
    left, right = 3.25, 5.6
    middle = (left + right) / 2
    rows = {"customers": 6.05, 1: 4.85, 2: 3.55, 3: 2.25, "support": 0.95}
    boxes = {
        "customers": (middle, rows["customers"], text("fig_customers", lang), sand),
        "commerce_hq": (left, rows[1], names["commerce_hq"], blue),
        "overseas_hq": (right, rows[1], names["overseas_hq"], blue),
        "product_hq": (middle, rows[2], names["product_hq"], blue),
        "rnd": (left, rows[3], names["rnd"], blue),
        "functional": (right, rows["support"], names["functional"], green),
    }
    width, height = 2.2, 0.62
    fig = plt.figure(figsize=(6.8, 6.9))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 6.8)
    ax.set_ylim(0, 6.9)
    ax.axis("off")
    ax.set_title(text("fig_chain_title", lang), fontsize=11, y=0.96)
    for x, y, label, colour in boxes.values():
        ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height,
                                    boxstyle="round,pad=0.03", fc=colour, ec=ink))
        ax.text(x, y, _wrap(label, lang, 26), ha="center", va="center", fontsize=10,
                linespacing=1.15)
    reading = {b.block for b in data().blocks if b.basis == "reading"}
    row_labels = {n: text("block_n_reading" if n in reading else "block_n", lang, n=n)
                  for n in (1, 2, 3)}
    row_labels["support"] = text("block_support", lang)
    for row, label in row_labels.items():
        ax.text(0.15, rows[row], label, ha="left", va="center", fontsize=10, color=ink,
                wrap=False)

    def arrow(a: str, b: str, label: str, side: str, dashed: bool = False) -> None:
        (x0, y0), (x1, y1) = boxes[a][:2], boxes[b][:2]
        shift = min(0.55, abs(x1 - x0) / 2)
        x0, x1 = (x0 + shift, x1 - shift) if x1 > x0 else (x0 - shift, x1 + shift)
        start, end = (x0, y0 - height / 2 - 0.05), (x1, y1 + height / 2 + 0.05)
        ax.annotate("", xy=end, xytext=start, arrowprops={
            "arrowstyle": "-|>", "color": ink, "lw": 1.3, "ls": "--" if dashed else "-",
            "mutation_scale": 14})
        if label:
            gap = 0.12 if side == "right" else -0.12
            ax.text((start[0] + end[0]) / 2 + gap, (start[1] + end[1]) / 2,
                    _wrap(label, lang, 16), ha="left" if side == "right" else "right",
                    va="center", fontsize=9, color=grey, linespacing=1.1)

    order = text("fig_contract_order", lang)
    arrow("customers", "commerce_hq", "", "left")
    arrow("customers", "overseas_hq", "", "right")
    arrow("commerce_hq", "product_hq", order, "left")
    arrow("overseas_hq", "product_hq", order, "right")
    arrow("product_hq", "rnd", order, "left")
    arrow("product_hq", "functional", text("fig_internal_order", lang), "right", dashed=True)
    ax.text(3.4, 0.12, _wrap(text("fig_pay", lang), lang, 70),
            ha="center", va="bottom", fontsize=9, style="italic", color=grey)
    plt.close(fig)
    return fig


def _wrap(label: str, lang: str | None, width: int) -> str:
    """Break a label into lines of about `width` Latin characters (half as many Chinese)."""
    import textwrap

    if (lang or get_language()) != "zh":
        return "\n".join(textwrap.wrap(label, width, break_on_hyphens=True)) or label
    step = max(1, round(width * 0.6))
    lines: list[str] = []
    for i in range(0, len(label), step):
        part = label[i:i + step]
        while lines and part and part[0] in "）)，、。：；—":  # never open a line with these
            lines[-1], part = lines[-1] + part[0], part[1:]
        if part:
            lines.append(part)
    return "\n".join(lines)


def chain_alt(lang: str | None = None) -> str:
    """What the chain figure shows, in words (its text alternative)."""
    lang = lang or get_language()
    names = {b.id: b.name(lang) for b in data().blocks}
    return text("fig_chain_alt", lang, customers=text("fig_customers", lang),
                commerce=names["commerce_hq"], overseas=names["overseas_hq"],
                product=names["product_hq"], rnd=names["rnd"], functional=names["functional"],
                pay=text("fig_pay", lang))


def chain_view(lang: str | None = None):
    """The chain figure as the page shows it: an image at natural size with its alt text."""
    from salestrain.core.plotting import Chart

    lang = lang or get_language()
    return Chart(chain_figure(lang), chain_alt(lang))
