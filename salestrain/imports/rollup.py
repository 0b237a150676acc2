"""What the instructor's roll-up may know about a trainee's own data: aggregates only.

An import writes `imports/summary.yaml` in the trainee's work folder — per table: rows imported
and reported, a total, and counts by grade (customers), stage (opportunities) or product
(holdings). Never a customer's name, an opportunity's name or any cell as typed: the trainee
can open that file and see everything the instructor will see. `collect` reads these files
beside the saved work and adds one section to its report.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from salestrain.core import storage
from salestrain.core.i18n import get_language
from salestrain.core.numbers import format_number
from salestrain.imports.content import IMPORT_FOLDER, label, table

SUMMARY_FILE = "summary.yaml"


def summarise(result) -> dict:
    """The aggregates of an `ImportResult` (no names, no typed text)."""
    frame = result.frame
    out: dict = {"rows": int(result.accepted), "rejected": int(result.rejected_rows)}
    if result.table == "customers":
        from salestrain.postal import rules

        grades = rules.grade_customers(rules.customers_from_frame(frame))
        out["total"] = float(frame["monthly_revenue"].sum())
        out["by"] = {g.grade: int(g.customers) for g in grades}
    elif result.table == "opportunities":
        is_open = frame["status"] == "open"
        out["total"] = float(frame.loc[is_open, "value"].sum())
        counts = frame.loc[is_open, "stage"].astype(str).value_counts()
        out["by"] = {str(k): int(v) for k, v in sorted(counts.items())}
    else:
        from salestrain.pingan.content import data as pingan

        held = frame[frame["end_date"].isna()]
        known = {p.id for p in pingan().products}
        counts = held["product"].astype(str).value_counts()
        # products outside the course's catalogue are counted together: their names are the
        # trainee's own words
        by = {str(k): int(v) for k, v in counts.items() if k in known}
        other = int(sum(v for k, v in counts.items() if k not in known))
        if other:
            by["other"] = other
        out["customers"] = int(held["customer"].nunique())
        out["total"] = int(len(held))
        out["by"] = dict(sorted(by.items()))
    return out


def summary_path(folder: Path | None = None) -> Path:
    return Path(folder or storage.work_dir()) / IMPORT_FOLDER / SUMMARY_FILE


TABLES = ("customers", "opportunities", "holdings")
NUMBERS = ("rows", "rejected", "total", "customers")


def _known_keys(table_name: str) -> set[str]:
    """The only breakdown keys a summary may carry: the course's own grade, stage and product
    ids (anything else could be a trainee's typed text, such as a customer's name)."""
    if table_name == "customers":
        from salestrain.postal.content import postal

        return {g.id for g in postal().grades}
    if table_name == "opportunities":
        from salestrain.ibm.content import data as ssm_data

        return {s.id for s in ssm_data().stages} | {"none"}
    from salestrain.pingan.content import data as pingan

    return {p.id for p in pingan().products} | {"other"}


def parse_summary(raw: bytes | str) -> dict:
    """The aggregates in a summary file's text, kept to numbers and the course's own keys.

    The instructor's roll-up reads this from folders trainees control, so whatever else the
    file holds (names typed in by hand, nested lists, huge numbers of keys) is dropped.
    """
    try:
        loaded = yaml.safe_load(raw.decode("utf-8") if isinstance(raw, bytes) else raw)
    except (yaml.YAMLError, UnicodeDecodeError):
        return {}
    if not isinstance(loaded, dict):
        return {}
    clean: dict = {}
    for table_name in TABLES:
        entry = loaded.get(table_name)
        if not isinstance(entry, dict):
            continue
        kept = {k: entry[k] for k in NUMBERS
                if isinstance(entry.get(k), int | float) and not isinstance(entry[k], bool)}
        by = entry.get("by")
        if isinstance(by, dict):
            known = _known_keys(table_name)
            kept["by"] = {str(k): int(v) for k, v in by.items()
                          if str(k) in known and isinstance(v, int) and not isinstance(v, bool)}
        clean[table_name] = kept
    return clean


def read_summary(folder: Path | None = None) -> dict:
    """The aggregates saved in a work folder ({} when there are none or the file is unreadable)."""
    try:
        return parse_summary(summary_path(folder).read_bytes())
    except OSError:
        return {}


def save_summary(result, folder: Path | None = None) -> Path:
    """Record `result`'s aggregates for its table (atomic; other tables' entries kept)."""
    path = summary_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    everything = read_summary(folder)
    everything[result.table] = summarise(result)
    text = yaml.safe_dump(everything, allow_unicode=True, sort_keys=True)
    storage.replace_atomically(path, text.encode("utf-8"))
    return path


def _number(value: object) -> str:
    try:
        return format_number(float(value))
    except (TypeError, ValueError):
        return ""


def _by(table_name: str, counts: dict, lang: str) -> str:
    sep = "、" if lang == "zh" else ", "

    def name(key: str) -> str:
        try:
            if table_name == "customers":
                from salestrain.postal.content import postal

                return postal().grade(key).name(lang)
            if table_name == "opportunities":
                from salestrain.ibm import ssm

                return ssm.stage_name(key, lang) if key != "none" else ssm.stage_name(None, lang)
            from salestrain.pingan.content import data as pingan

            return pingan().name_of(key, lang) if key != "other" else label("not_used", lang)
        except KeyError:  # an id the content does not know (NotFound is a KeyError)
            return str(key)

    return sep.join(f"{name(str(k))} {int(v)}" for k, v in counts.items()
                    if isinstance(v, int | float))


def rows(summaries: dict[str, dict], lang: str | None = None) -> list[list[object]]:
    """One line per trainee and table: counts and totals, never names."""
    lang = lang or get_language()
    out = []
    for trainee in sorted(summaries):
        for table_name in ("customers", "opportunities", "holdings"):
            s = summaries[trainee].get(table_name)
            if not s:
                continue
            if table_name == "customers":
                total = label("total_customers", lang, amount=_number(s.get("total")))
            elif table_name == "opportunities":
                total = label("total_opportunities", lang, amount=_number(s.get("total")))
            else:
                total = label("total_holdings", lang, customers=_number(s.get("customers")),
                              held=_number(s.get("total")))
            out.append([trainee, table(table_name).name(lang), _number(s.get("rows")),
                        _number(s.get("rejected")), total,
                        _by(table_name, s.get("by") or {}, lang)])
    return out


def columns(lang: str | None = None) -> list[str]:
    return [label(k, lang) for k in ("col_trainee", "col_table", "col_rows", "col_rejected",
                                     "col_total", "col_breakdown")]


def is_summary(path: Path) -> bool:
    """Whether `path` is an import summary (the one file of an import the roll-up reads)."""
    return path.name == SUMMARY_FILE and path.parent.name == IMPORT_FOLDER


def sections(rollup, lang: str | None = None) -> list:
    """The roll-up's section on trainees' own data ([] when no trainee imported any)."""
    from salestrain.core import report

    summaries = rollup.imports
    if not summaries:
        return []
    lang = lang or get_language()
    title = label("rollup_title", lang)
    return [report.Section(title, tables=[report.Table(title, columns(lang),
                                                       rows(summaries, lang))])]
