"""The role network of Haier's manager system: who depends on whom for an order.

For a given number of product categories, models per category, regions and key customers the
network holds one large-model manager per category, one model manager per model, one product
manager per category and region, and one customer manager per customer (customers are spread
over the regions in turn). A link ``a → b`` means *a depends on b*:

- a model manager depends on the large-model manager of its category for platforms and
  resources;
- a product manager depends on every model manager of its category for the models it realises
  in its region (one-to-many);
- a customer manager depends on the product manager of every category in its region, who
  realises the orders it obtains — and through them on many model managers (one-to-many).

Plain dictionaries, no graph library; drawn with matplotlib alone.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from salestrain.core.html import HTMLView, table
from salestrain.core.i18n import get_language
from salestrain.haier import content as haier

LIMITS = {"categories": (1, 12), "models_per_category": (1, 20), "regions": (1, 12),
          "customers": (0, 60)}
KINDS = ("steer", "create", "realise", "obtain")
COLOURS = {"steer": "#5b6573", "create": "#2f5d8a", "realise": "#3a7d44", "obtain": "#c77c02"}


class Spec(BaseModel):
    """How big the network is; each count within `LIMITS`."""

    model_config = ConfigDict(extra="ignore")

    categories: int = 2
    models_per_category: int = 3
    regions: int = 2
    customers: int = 4

    @model_validator(mode="after")
    def _in_range(self) -> Spec:
        for name, (low, high) in LIMITS.items():
            value = getattr(self, name)
            if not low <= value <= high:
                msg = haier.text("net_err_count", field=name, low=low, high=high, value=value)
                raise PydanticCustomError("count_out_of_range", "{message}", {"message": msg})
        return self


@dataclass(frozen=True)
class Role:
    """One person in the network; `category`, `region` and `n` are 1-based where they apply."""

    id: str
    kind: str
    category: int | None = None
    region: int | None = None
    n: int | None = None

    def label(self, lang: str | None = None) -> str:
        """The full name, e.g. 'Model manager · Refrigerators 2'."""
        cat = _category(self.category, lang) if self.category else ""
        reg = _region(self.region, lang) if self.region else ""
        key = {"steer": "net_steer", "create": "net_model", "realise": "net_product",
               "obtain": "net_customer"}[self.kind]
        return haier.text(key, lang, category=cat, region=reg, n=self.n)

    def short(self, lang: str | None = None) -> str:
        """A compact label for the figure."""
        cat = _category(self.category, lang) if self.category else ""
        reg = _region(self.region, lang) if self.region else ""
        return {"steer": cat, "create": f"{cat} {self.n}", "realise": f"{cat}·{reg}",
                "obtain": f"{reg} {self.n}"}[self.kind]


def _category(i: int, lang: str | None) -> str:
    names = haier.data().network.categories
    return names[i - 1](lang) if i <= len(names) else haier.text("net_category_n", lang, n=i)


def _region(i: int, lang: str | None) -> str:
    names = haier.data().network.regions
    return names[i - 1](lang) if i <= len(names) else haier.text("net_region_n", lang, n=i)


class RoleNetwork:
    """The roles and their dependency links for one `Spec`."""

    def __init__(self, spec: Spec | None = None, **counts: int) -> None:
        self.spec = spec or Spec(**counts)
        s = self.spec
        self.roles: dict[str, Role] = {}
        self.links: list[tuple[str, str, str]] = []
        for c in range(1, s.categories + 1):
            self._add(Role(f"L{c}", "steer", category=c))
        for c in range(1, s.categories + 1):
            for m in range(1, s.models_per_category + 1):
                self._add(Role(f"M{c}.{m}", "create", category=c, n=m))
                self._link(f"M{c}.{m}", f"L{c}", "net_rel_platform")
        for c in range(1, s.categories + 1):
            for r in range(1, s.regions + 1):
                self._add(Role(f"P{c}.{r}", "realise", category=c, region=r))
                for m in range(1, s.models_per_category + 1):
                    self._link(f"P{c}.{r}", f"M{c}.{m}", "net_rel_models")
        seen: dict[int, int] = {}
        for k in range(s.customers):
            r = k % s.regions + 1
            seen[r] = seen.get(r, 0) + 1
            node = f"C{r}.{seen[r]}"
            self._add(Role(node, "obtain", region=r, n=seen[r]))
            for c in range(1, s.categories + 1):
                self._link(node, f"P{c}.{r}", "net_rel_realise")
        self._out: dict[str, list[str]] = {n: [] for n in self.roles}
        self._in: dict[str, list[str]] = {n: [] for n in self.roles}
        for a, b, _rel in self.links:
            self._out[a].append(b)
            self._in[b].append(a)

    def _add(self, role: Role) -> None:
        self.roles[role.id] = role

    def _link(self, a: str, b: str, relation: str) -> None:
        self.links.append((a, b, relation))

    def _check(self, node: str) -> None:
        if node not in self.roles:
            raise KeyError(haier.text("net_err_node", node=node))

    def of_kind(self, kind: str) -> list[str]:
        """The ids of every role of one kind (steer, create, realise, obtain)."""
        return [n for n, r in self.roles.items() if r.kind == kind]

    def depends_on(self, node: str, transitive: bool = False) -> list[str]:
        """The roles `node` waits on: directly, or through others too."""
        self._check(node)
        return self._reach(node, self._out) if transitive else list(self._out[node])

    def dependents(self, node: str, transitive: bool = True) -> list[str]:
        """The roles that wait on `node`: through others too, or only directly."""
        self._check(node)
        return self._reach(node, self._in) if transitive else list(self._in[node])

    def _reach(self, node: str, step: dict[str, list[str]]) -> list[str]:
        found: list[str] = []
        todo = list(step[node])
        while todo:
            n = todo.pop(0)
            if n not in found:
                found.append(n)
                todo.extend(step[n])
        return found

    def paths_through(self, node: str) -> int:
        """How many (dependent, dependency) pairs are linked only by way of `node`.

        A role many others wait on, which itself waits on many, funnels many orders: it is a
        bottleneck even when it is not anyone's boss.
        """
        return len(self.dependents(node)) * len(self.depends_on(node, transitive=True))

    def bottlenecks(self, top: int = 5) -> list[tuple[str, int, int]]:
        """(role id, paths through it, roles depending on it), most paths first."""
        scored = [(n, self.paths_through(n), len(self.dependents(n))) for n in self.roles]
        scored.sort(key=lambda t: (-t[1], -t[2], list(self.roles).index(t[0])))
        return scored[:top]

    def bottleneck_view(self, top: int = 5, lang: str | None = None) -> HTMLView:
        """The top bottlenecks as a table."""
        lang = lang or get_language()
        columns = [haier.text(k, lang) for k in ("col_role", "col_depends_on",
                                                  "col_depended_by", "net_paths_through")]
        rows = [[self.roles[n].label(lang), len(self.depends_on(n)), deps, paths]
                for n, paths, deps in self.bottlenecks(top)]
        text = "\n".join(" | ".join(str(c) for c in r) for r in [columns, *rows])
        return HTMLView(table(columns, rows), text)

    def _place(self, node: str) -> tuple[int, int, int]:
        role = self.roles[node]
        return (role.category or 0, role.region or 0, role.n or 0)

    def draw(self, lang: str | None = None, highlight: str | None = None):
        """The network in four rows (steer, create, realise, obtain); returns the figure.

        With `highlight`, the links of that role and of everything it depends on or that
        depends on it are drawn in colour. Text is 9 pt or more and a network of up to six
        roles a row is 6.8 inches wide, so that shown at natural size (`network_view`) no
        label is smaller than 12 px; a wider network grows (and scrolls on a narrow page).
        """
        import matplotlib.pyplot as plt
        from matplotlib.lines import Line2D

        from salestrain.core.plotting import use_cjk_fonts

        use_cjk_fonts()
        lang = lang or get_language()
        pos: dict[str, tuple[float, float]] = {}
        widest = max(len(self.of_kind(k)) for k in KINDS)
        for level, kind in enumerate(KINDS):
            ids = sorted(self.of_kind(kind), key=self._place)
            for i, node in enumerate(ids):
                x = (i + 0.5) * widest / len(ids) if ids else 0
                pos[node] = (x, 3 - level)
        fig, ax = plt.subplots(figsize=(min(12.0, max(6.8, 0.4 + widest * 1.05)), 5.2))
        lit: set[str] = set()
        if highlight:
            self._check(highlight)
            lit = {highlight, *self.depends_on(highlight, True), *self.dependents(highlight)}
        for a, b, _rel in self.links:
            on = a in lit and b in lit
            (x0, y0), (x1, y1) = pos[a], pos[b]
            ax.plot([x0, x1], [y0, y1], color="#a8071a" if on else "#b8c2cf",
                    lw=1.4 if on else 0.6, zorder=1)
        labels = len(self.roles) <= 60
        width_in = fig.get_size_inches()[0]
        for node, role in self.roles.items():
            x, y = pos[node]
            ax.scatter([x], [y], s=120, color=COLOURS[role.kind], zorder=2,
                       edgecolors="#a8071a" if node == highlight else "white", linewidths=1.5)
            if labels:  # wrapped to the room between neighbours (a 9 pt letter is ~1/14 in)
                room = width_in / len(self.of_kind(role.kind)) * 14
                label = "\n".join(textwrap.wrap(role.short(lang), max(6, int(room)))) or " "
                ax.text(x, y - 0.14, label, ha="center", va="top", fontsize=9, zorder=3,
                        linespacing=1.1, bbox={"boxstyle": "square,pad=0.1", "fc": "white",
                                               "ec": "none", "alpha": 0.85})
        handles = [Line2D([], [], marker="o", ls="", color=COLOURS[k],
                          label=haier.text(f"net_legend_{k}", lang)) for k in KINDS]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=2,
                  fontsize=9, frameon=False)
        ax.set_title(haier.text("net_title", lang, nodes=len(self.roles), links=len(self.links)),
                     fontsize=11)
        ax.set_xlim(-0.2, widest + 0.2)
        ax.set_ylim(-0.6, 3.4)
        ax.axis("off")
        fig.tight_layout()
        plt.close(fig)
        return fig

    def alt(self, lang: str | None = None, highlight: str | None = None) -> str:
        """What `draw` shows, in words: the figure's text alternative."""
        lang = lang or get_language()
        counts = {k: len(self.of_kind(k)) for k in KINDS}
        title = haier.text("net_title", lang, nodes=len(self.roles), links=len(self.links))
        words = haier.text("net_alt", lang, title=title, **counts)
        if highlight:
            self._check(highlight)
            words += ("" if lang == "zh" else " ") + haier.text(
                "net_alt_highlight", lang, role=self.roles[highlight].label(lang),
                up=len(self.depends_on(highlight, True)), down=len(self.dependents(highlight)))
        return words

    def network_view(self, highlight: str | None = None, lang: str | None = None):
        """The drawing as the page shows it: an image at natural size with its alt text."""
        from salestrain.core.plotting import Chart

        lang = lang or get_language()
        return Chart(self.draw(lang, highlight), self.alt(lang, highlight))
