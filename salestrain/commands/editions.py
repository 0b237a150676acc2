"""Build the course site in its editions: English and Chinese, trainee and instructor.

Usage::

    python -m salestrain.commands.editions trainee      # book/_build/html, Chinese in html/zh/
    python -m salestrain.commands.editions instructor   # book/_build/instructor/_build/html (+ zh/)
    python -m salestrain.commands.editions trainee --commands   # the configs and the plain
                                                                # jupyter-book commands, no build

Run it in the course's checkout (or give it with ``--root``); ``--out`` builds elsewhere.

The English site is built from ``book/`` (its ``_config.yml`` is the base), the Chinese one from
``book/zh/``, whose ``_config.yml`` holds only what differs and is merged over the base; the
instructor edition shows every solution and says so in a banner on every page. Each of them is a
plain ``jupyter-book build`` with its edition's config: everything the pages need is done inside
Sphinx (``book/_ext/salestrain_site.py``). This module writes the configs, runs the builds (one
process per language, in parallel) and copies the Chinese site into ``zh/`` of the English one,
so a page and its translation differ only by that prefix — which is what the language switch on
every page links to.
"""

from __future__ import annotations

import argparse
import copy
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from salestrain.commands import checkout

EDITIONS = ("trainee", "instructor")
LANGUAGES = ("en", "zh")


def use_root(root: Path) -> None:
    """Work on the checkout at `root` (the folders below are all inside it)."""
    global ROOT, BOOK, BUILD, SOURCES
    ROOT = root
    BOOK = ROOT / "book"
    BUILD = BOOK / "_build"
    SOURCES = {"en": BOOK, "zh": BOOK / "zh"}


use_root(checkout.default())


def merged(base: dict, override: dict) -> dict:
    """`override` laid over `base`, mapping by mapping."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def config(lang: str, edition: str) -> dict:
    """The Jupyter Book config of one edition."""
    from salestrain.core.content import ui

    data = yaml.safe_load((BOOK / "_config.yml").read_text(encoding="utf-8"))
    if lang != "en":
        data = merged(data, yaml.safe_load((SOURCES[lang] / "_config.yml").read_text("utf-8")))
    # jupyter-book reads local extension paths relative to the config file, which is written
    # elsewhere: make them absolute (they are relative to the edition's source folder).
    extensions = data["sphinx"].get("local_extensions", {})
    for name, path in extensions.items():
        extensions[name] = str((SOURCES[lang] / path).resolve())
    sphinx = data["sphinx"]["config"]
    sphinx["salestrain_edition"] = edition
    if edition == "instructor":
        data["title"] = f"{data['title']} — {ui('instructor_edition', lang)}"
        sphinx["hide_solutions"] = False
        sphinx["html_js_files"] = [*sphinx.get("html_js_files", []), "open-solutions.js"]
    return data


def html_folder(lang: str, edition: str, out: Path | None = None) -> Path:
    """Where an edition's pages end up; `out` plays book/_build's part (the default)."""
    out = out or BUILD
    root = out / "html" if edition == "trainee" else out / "instructor" / "_build" / "html"
    return root if lang == "en" else root / lang


def _output_root(lang: str, edition: str, out: Path) -> Path:
    """jupyter-book's --path-output: it writes the pages into <this>/_build/html."""
    if lang == "en" and edition == "trainee" and out.name == "_build":
        return out.parent  # straight into out/html (for book/_build, jupyter-book's default)
    if lang == "en" and edition == "instructor":
        return out / "instructor"
    return out / f"{edition}-{lang}"


def built_html(lang: str, edition: str, out: Path | None = None) -> Path:
    """Where jupyter-book writes an edition's pages (before the Chinese site is put in zh/)."""
    return _output_root(lang, edition, out or BUILD) / "_build" / "html"


def write_config(lang: str, edition: str, out: Path | None = None) -> Path:
    path = (out or BUILD) / "config" / f"{lang}-{edition}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config(lang, edition), allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def command(lang: str, edition: str, out: Path | None = None) -> list[str]:
    """The plain jupyter-book command that builds one edition (its config written first)."""
    out = (out or BUILD).resolve()
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    return [str(jupyter_book), "build", _shown(SOURCES[lang]), "-W", "--keep-going",
            "--config", _shown(write_config(lang, edition, out)),
            "--path-output", _shown(_output_root(lang, edition, out))]


def _shown(path: Path) -> str:
    """A path relative to the checkout when it is inside it (shorter logs), else absolute."""
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def build(edition: str, languages: tuple[str, ...] = LANGUAGES, log: Path | None = None,
          out: Path | None = None) -> int:
    """Build one edition in every language (in parallel); return the exit code (0 = all good).

    `out` is the folder that plays book/_build's part (a test run's temporary folder, say)."""
    start = time.perf_counter()
    out = (out or BUILD).resolve()
    log = log or out / f"build-{edition}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    running = {}
    for lang in languages:
        print(f"building the {edition} edition ({lang}) …", flush=True)
        running[lang] = subprocess.Popen(command(lang, edition, out), cwd=ROOT, text=True,
                                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    failed = []
    with log.open("w", encoding="utf-8") as written:
        for lang, process in running.items():
            text, _ = process.communicate()
            written.write(f"===== {edition} · {lang} =====\n{text}\n")
            if process.returncode:
                failed.append(lang)
            print(f"  {lang}: {'failed' if process.returncode else 'done'} "
                  f"({time.perf_counter() - start:.0f} s)", flush=True)
    # English first: its folder is replaced whole when it was built elsewhere, zh/ goes inside.
    for lang in sorted(set(languages) - set(failed), key=LANGUAGES.index):
        built, target = built_html(lang, edition, out), html_folder(lang, edition, out)
        if built != target:
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(built, target)
    if failed:
        print(f"build failed for {', '.join(failed)}: see {_shown(log)}")
        return 1
    print(f"{edition} edition: {_shown(html_folder('en', edition, out))}/index.html "
          f"(中文: {_shown(html_folder('zh', edition, out))}/index.html)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edition", choices=EDITIONS)
    checkout.add_root_option(parser)
    parser.add_argument("--out", type=Path, default=None,
                        help="build folder instead of book/_build")
    parser.add_argument("--commands", action="store_true",
                        help="write the configs and print the jupyter-book commands; no build")
    args = parser.parse_args(argv)
    try:
        checkout.apply(args.root, use_root)
    except checkout.NotACheckout as exc:
        parser.error(str(exc))
    if args.commands:
        for lang in LANGUAGES:
            run = shlex.join(command(lang, args.edition, args.out))
            print(f"cd {shlex.quote(str(ROOT))} && {run}")
        return 0
    return build(args.edition, out=args.out)


if __name__ == "__main__":
    raise SystemExit(main())
