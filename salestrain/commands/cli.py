"""The `salestrain` command line: `collect` for the instructor, `hub` to run a class."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from salestrain.commands import collect as collect_mod
from salestrain.core.i18n import LANGUAGES, set_language
from salestrain.postal.content import text

HUB_WORK = Path("course") / "work"


def hub_folders() -> list[tuple[str, Path, int]]:
    """Every trainee account's work folder on this machine (the class hub's layout)."""
    from salestrain.hub import accounts

    return [(p.pw_name, Path(p.pw_dir) / HUB_WORK, p.pw_uid)
            for p in accounts.members(accounts.TRAINEES)]


OUT_REFUSED = 4  # the exit code when the output folder is not safe to write into


def _refused_out(out: Path, lang: str) -> int | None:
    """OUT_REFUSED (after saying why) if the roll-up may not be written into `out`."""
    try:
        collect_mod.check_out(out, lang)
    except collect_mod.OutputRefused as exc:
        print(exc, file=sys.stderr)
        return OUT_REFUSED
    return None


def collect(args: argparse.Namespace) -> int:
    from salestrain.hub import accounts
    from salestrain.hub.content import text as hub_text

    if args.hub:
        if not accounts.is_instructor():
            print(hub_text("collect_not_instructor", args.lang), file=sys.stderr)
            return 3
        folders = hub_folders()
        if not folders:
            print(hub_text("collect_no_trainees", args.lang), file=sys.stderr)
            return 2
        out = args.out or Path.cwd() / "class-rollup"
        if (refused := _refused_out(out, args.lang)) is not None:
            return refused
        rollup = collect_mod.collect_folders(folders)
    else:
        if args.folder is None:
            print(text("collect_not_folder", folder="(none)"), file=sys.stderr)
            return 2
        out = args.out or args.folder
        if args.folder.is_dir() and (refused := _refused_out(out, args.lang)) is not None:
            return refused
        try:
            rollup = collect_mod.collect(args.folder)
        except NotADirectoryError as exc:
            print(exc, file=sys.stderr)
            return 2
    try:
        xlsx, html = collect_mod.write(rollup, out, args.lang)
    except collect_mod.OutputRefused as exc:
        print(exc, file=sys.stderr)
        return OUT_REFUSED
    print(text("collect_summary", trainees=len(rollup.submissions), files=rollup.files_read,
               bad=len(rollup.problems), skipped=len(rollup.skipped)))
    for name, reason in rollup.problems:
        print(f"  {name}: {reason}")
    for name, reason in rollup.skipped:
        if not name.endswith(".json.bak"):
            print(f"  {name}: {reason}")
    print(text("collect_wrote", xlsx=xlsx, html=html))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="salestrain",
                                     description="Tools for the salestrain course.")
    commands = parser.add_subparsers(dest="command", required=True)
    cmd = commands.add_parser(
        "collect", help="roll up trainees' saved plans, opportunities and canvases",
        description="Read one sub-folder (or name__file set) per trainee, or with --hub every "
                    "trainee's work folder in ~/course on this class hub, and write "
                    "rollup.xlsx and rollup.html.")
    cmd.add_argument("folder", type=Path, nargs="?", help="the folder holding the trainees' work")
    cmd.add_argument("--hub", action="store_true",
                     help="read every trainee's work folder on this class hub (instructors only)")
    cmd.add_argument("--out", type=Path, default=None,
                     help="where to write the roll-up (default: FOLDER, or ./class-rollup)")
    cmd.add_argument("--lang", choices=sorted(LANGUAGES), default="en")
    hub = commands.add_parser(
        "hub", help="start a class hub on this machine (JupyterHub, one account per trainee)",
        description="Set up and start JupyterHub for a class: accounts from a roster, the "
                    "course in each home, memory limits, idle culling. Run as root.")
    from salestrain.commands import hub as hub_mod

    hub_mod.add_arguments(hub)
    args = parser.parse_args(argv)
    set_language(args.lang)
    if args.command == "hub":
        return hub_mod.run(args)
    return collect(args)


if __name__ == "__main__":
    raise SystemExit(main())
