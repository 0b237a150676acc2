"""The `salestrain` command line: `salestrain collect FOLDER` for the instructor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from salestrain.commands import collect as collect_mod
from salestrain.core.i18n import LANGUAGES, set_language
from salestrain.postal.content import text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="salestrain",
                                     description="Tools for the salestrain course.")
    commands = parser.add_subparsers(dest="command", required=True)
    cmd = commands.add_parser(
        "collect", help="roll up trainees' saved plans, opportunities and canvases",
        description="Read one sub-folder (or name__file set) per trainee and write "
                    "rollup.xlsx and rollup.html.")
    cmd.add_argument("folder", type=Path, help="the folder holding the trainees' work")
    cmd.add_argument("--out", type=Path, default=None,
                     help="where to write the roll-up (default: FOLDER)")
    cmd.add_argument("--lang", choices=sorted(LANGUAGES), default="en")
    args = parser.parse_args(argv)
    set_language(args.lang)
    try:
        rollup = collect_mod.collect(args.folder)
    except NotADirectoryError as exc:
        print(exc, file=sys.stderr)
        return 2
    xlsx, html = collect_mod.write(rollup, args.out or args.folder, args.lang)
    print(text("collect_summary", trainees=len(rollup.submissions),
               files=rollup.files_read, bad=len(rollup.problems), skipped=len(rollup.skipped)))
    for name, reason in rollup.problems:
        print(f"  {name}: {reason}")
    print(text("collect_wrote", xlsx=xlsx, html=html))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
