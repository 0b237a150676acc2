"""`make book` gives the same site as a plain `jupyter-book build` of each language with its
config: nothing is changed after Sphinx (book/_ext does it all), so anyone can build an edition
with jupyter-book alone. Both are fresh builds in temporary folders (Sphinx writes a few
`?v=` checksums only when rebuilding over an earlier build): `make book`'s is the test run's
own build of the site (tests/site.py), which the other book and browser tests use too."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

import pytest

from salestrain.commands import editions
from tests import site

JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


def different_files(a: Path, b: Path) -> list[str]:
    """Every file that is in only one tree or differs between them (zh/ left to its own test)."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp, at: str) -> None:
        names = cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files
        found.extend(f"{at}{n}" for n in names if at or n != "zh")
        for name, sub in cmp.subdirs.items():
            if at or name != "zh":
                walk(sub, f"{at}{name}/")

    walk(filecmp.dircmp(a, b, ignore=[]), "")
    return found


@pytest.mark.book
def test_make_book_is_a_plain_jupyter_book_build_of_each_language(built_book, tmp_path):
    out = site.build_folder()
    assert editions.html_folder("en", "trainee", out) == built_book
    plain = {
        # English: the book folder and its own _config.yml, nothing else.
        "en": [str(JUPYTER_BOOK), "build", str(editions.BOOK),
               "--path-output", str(tmp_path / "plain-en")],
        # Chinese: its config is the English one with book/zh/_config.yml laid over it.
        "zh": [str(JUPYTER_BOOK), "build", str(editions.SOURCES["zh"]),
               "--config", str(editions.write_config("zh", "trainee", tmp_path / "configs")),
               "--path-output", str(tmp_path / "plain-zh")],
    }
    running = {lang: subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                      text=True) for lang, cmd in plain.items()}
    for lang, process in running.items():
        output, _ = process.communicate()
        assert process.returncode == 0, f"{lang}: {output[-3000:]}"
    for lang in ("en", "zh"):
        built = tmp_path / f"plain-{lang}" / "_build" / "html"
        assert different_files(editions.html_folder(lang, "trainee", out), built) == [], lang
