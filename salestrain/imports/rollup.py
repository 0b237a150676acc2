"""What the instructor's roll-up may know about a trainee's own data: aggregates only.

An import writes `imports/summary.yaml` in the trainee's work folder — per table: rows imported
and reported, a total, and counts by grade (customers), stage (opportunities) or product
(holdings). Never a customer's name, an opportunity's name or any cell as typed: the trainee
can open that file and see everything the instructor will see. `collect` reads these files
beside the saved work and adds one section to its report.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml

from salestrain.core.i18n import get_language
from salestrain.core.numbers import format_number
from salestrain.imports.content import label, table
from salestrain.imports.mapping import IMPORT_FOLDER

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
    from salestrain.core import storage

    return Path(folder or storage.work_dir()) / IMPORT_FOLDER / SUMMARY_FILE


def read_summary(folder: Path | None = None) -> dict:
    """The aggregates saved in a work folder ({} when there are none or the file is unreadable)."""
    try:
        loaded = yaml.safe_load(summary_path(folder).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {k: v for k, v in loaded.items() if k in ("customers", "opportunities", "holdings")
            and isinstance(v, dict)}


def save_summary(result, folder: Path | None = None) -> Path:
    """Record `result`'s aggregates for its table (atomic; other tables' entries kept)."""
    path = summary_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    everything = read_summary(folder)
    everything[result.table] = summarise(result)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".summary-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            yaml.safe_dump(everything, out, allow_unicode=True, sort_keys=True)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def collect_summaries(root: Path | str) -> dict[str, dict]:
    """Trainee → their aggregates, for every `imports/summary.yaml` under `root` (the folder
    above it names the trainee, as `collect` names trainees by their sub-folder)."""
    root = Path(root)
    found: dict[str, dict] = {}
    for path in sorted(root.rglob(f"{IMPORT_FOLDER}/{SUMMARY_FILE}")):
        work = path.parent.parent
        rel = work.relative_to(root)
        trainee = rel.parts[0] if rel.parts else root.name
        summary = read_summary(work)
        if summary:
            found.setdefault(trainee, {}).update(summary)
    return found


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

                return next(g.name(lang) for g in postal().grades if g.id == key)
            if table_name == "opportunities":
                from salestrain.ibm import ssm

                return ssm.stage_name(key, lang) if key != "none" else ssm.stage_name(None, lang)
            from salestrain.pingan.content import data as pingan

            return pingan().name_of(key, lang) if key != "other" else label("not_used", lang)
        except (StopIteration, KeyError):
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


def attach(rollup, root: Path | str) -> None:
    """Give a `collect.Rollup` the aggregates found under `root` (read by `section`)."""
    rollup.imports = collect_summaries(root)


def sections(rollup, lang: str | None = None) -> list:
    """The roll-up's section on trainees' own data ([] when no trainee imported any)."""
    from salestrain.core import report

    summaries = getattr(rollup, "imports", None)
    if not summaries:
        return []
    lang = lang or get_language()
    title = label("rollup_title", lang)
    return [report.Section(title, tables=[report.Table(title, columns(lang),
                                                       rows(summaries, lang))])]
