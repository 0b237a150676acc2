"""Deliver the course into the running user's home: `python -m salestrain.commands.hubcourse
deliver [--source FOLDER] [--target FOLDER] [--lang en|zh]`.

Run by the class hub (as the trainee) before each server start, and by a Kubernetes hub's
post-start hook. Defaults: the notebooks in $SALESTRAIN_COURSE_SOURCE (else
/srv/salestrain-hub/course) into ~/course. See `salestrain.hub.course` for the merge rules.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from salestrain.hub.content import text
from salestrain.hub.course import deliver

DEFAULT_SOURCE = "/srv/salestrain-hub/course"
LAB_LANGUAGE = Path(".jupyter/lab/user-settings/@jupyterlab/translation-extension/"
                    "plugin.jupyterlab-settings")


def set_lab_language(home: Path, lang: str) -> bool:
    """Give JupyterLab's menus the class's language, unless the trainee chose one already."""
    if lang != "zh":
        return False
    settings = home / LAB_LANGUAGE
    if settings.exists():
        return False
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"locale": "zh_CN"}), encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m salestrain.commands.hubcourse")
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("deliver", help="copy or update the course in this user's home")
    cmd.add_argument("--source", type=Path,
                     default=Path(os.environ.get("SALESTRAIN_COURSE_SOURCE", DEFAULT_SOURCE)))
    cmd.add_argument("--target", type=Path, default=Path.home() / "course")
    cmd.add_argument("--lang", choices=["en", "zh"],
                     default=os.environ.get("SALESTRAIN_COURSE_LANG", "en"))
    args = parser.parse_args(argv)
    if not args.source.is_dir():
        print(text("course_source_missing", args.lang, folder=args.source))
        return 2
    done = deliver(args.source, args.target)
    set_lab_language(Path.home(), args.lang)
    print(text("course_delivered", args.lang, copied=len(done.copied),
               updated=len(done.updated), kept=len(done.kept),
               unchanged=len(done.unchanged)))
    for name in done.kept:
        print(text("course_kept", args.lang, name=name))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
