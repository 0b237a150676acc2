"""Build the course site in its editions: English and Chinese, trainee and instructor.

Usage::

    python -m salestrain.commands.editions trainee      # book/_build/html, Chinese in html/zh/
    python -m salestrain.commands.editions instructor   # book/_build/instructor/_build/html (+ zh/)

The English site is built from ``book/`` (its ``_config.yml`` is the base), the Chinese one from
``book/zh/``, whose ``_config.yml`` holds only what differs and is merged over the base. Both
languages build at once (one process each) and the Chinese site is copied into ``zh/`` of the
English one, so a page and its translation differ only by that prefix — which is what the
language switch on every page links to. The instructor edition shows every solution and says so
in a banner on every page.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"
BUILD = BOOK / "_build"
SOURCES = {"en": BOOK, "zh": BOOK / "zh"}
EDITIONS = ("trainee", "instructor")
LANGUAGES = ("en", "zh")


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


def html_folder(lang: str, edition: str) -> Path:
    """Where an edition's pages end up."""
    root = BUILD / "html" if edition == "trainee" else BUILD / "instructor" / "_build" / "html"
    return root if lang == "en" else root / lang


def _output_root(lang: str, edition: str) -> Path:
    if lang == "en" and edition == "trainee":
        return BOOK  # jupyter-book's own default: book/_build/html
    return BUILD / ("instructor" if lang == "en" else f"{edition}-{lang}")


def write_config(lang: str, edition: str) -> Path:
    path = BUILD / "config" / f"{lang}-{edition}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config(lang, edition), allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def _command(lang: str, edition: str) -> list[str]:
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    return [str(jupyter_book), "build", str(SOURCES[lang].relative_to(ROOT)), "-W",
            "--keep-going", "--config", str(write_config(lang, edition).relative_to(ROOT)),
            "--path-output", str(_output_root(lang, edition).relative_to(ROOT))]


def build(edition: str, languages: tuple[str, ...] = LANGUAGES, log: Path | None = None) -> int:
    """Build one edition in every language (in parallel); return the exit code (0 = all good)."""
    start = time.perf_counter()
    log = log or BUILD / f"build-{edition}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    running = {}
    for lang in languages:
        print(f"building the {edition} edition ({lang}) …", flush=True)
        running[lang] = subprocess.Popen(_command(lang, edition), cwd=ROOT, text=True,
                                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    failed = []
    with log.open("w", encoding="utf-8") as out:
        for lang, process in running.items():
            text, _ = process.communicate()
            out.write(f"===== {edition} · {lang} =====\n{text}\n")
            if process.returncode:
                failed.append(lang)
            print(f"  {lang}: {'failed' if process.returncode else 'done'} "
                  f"({time.perf_counter() - start:.0f} s)", flush=True)
    for lang in languages:
        if lang != "en" and lang not in failed:
            built = _output_root(lang, edition) / "_build" / "html"
            target = html_folder(lang, edition)
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(built, target)
        if lang not in failed:
            one_of_each_inline_script(html_folder(lang, edition))
        if edition == "trainee" and lang not in failed:
            strip_solutions(html_folder(lang, edition))
    if failed:
        print(f"build failed for {', '.join(failed)}: see {log.relative_to(ROOT)}")
        return 1
    print(f"{edition} edition: {html_folder('en', edition).relative_to(ROOT)}/index.html "
          f"(中文: {html_folder('zh', edition).relative_to(ROOT)}/index.html)")
    return 0


INLINE_SCRIPT = re.compile(r"^\s*<script>[^\n]*</script>\s*$")


def one_of_each_inline_script(html: Path) -> None:
    """Two of the theme's extensions add the same inline settings to every page; declared twice,
    `const THEBE_JS_URL` throws "Identifier has already been declared". Keep the first copy."""
    for path in html.rglob("*.html"):
        if "_static" in path.parts:
            continue
        lines = path.read_text(encoding="utf-8").split("\n")
        seen: set[str] = set()
        kept = []
        for line in lines:
            if INLINE_SCRIPT.match(line):
                if line.strip() in seen:
                    continue
                seen.add(line.strip())
            kept.append(line)
        if len(kept) != len(lines):
            path.write_text("\n".join(kept), encoding="utf-8")


SOLUTION = "```{solution}"


def strip_solutions(html: Path) -> int:
    """Take the solutions out of the notebooks a trainee can download from the site.

    The trainee pages already leave them out (`hide_solutions`), but the download button serves
    the source notebook; each solution is a markdown cell of its own, which is dropped.
    """
    removed = 0
    for path in sorted((html / "_sources").rglob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = [c for c in nb["cells"] if not (
            c["cell_type"] == "markdown" and SOLUTION in "".join(c["source"]))]
        removed += len(nb["cells"]) - len(cells)
        nb["cells"] = cells
        path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return removed


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in EDITIONS:
        print(__doc__, file=sys.stderr)
        return 2
    return build(args[0])


if __name__ == "__main__":
    raise SystemExit(main())
