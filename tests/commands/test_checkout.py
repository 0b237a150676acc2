"""The tools that need the course's folders find its checkout from where they run (or --root),
never from where the installed package lies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from salestrain.commands import bookgen, checkout, editions, translate

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = '[build-system]\nrequires = ["x"]\n\n[project]\nname = "{name}"\nversion = "1"\n'


def fake_checkout(folder: Path, name: str = "salestrain") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text(PYPROJECT.format(name=name), encoding="utf-8")
    return folder


def test_the_checkout_is_found_from_a_folder_inside_it(tmp_path, monkeypatch):
    root = fake_checkout(tmp_path / "course")
    (root / "book" / "zh").mkdir(parents=True)
    monkeypatch.chdir(root / "book" / "zh")
    assert checkout.find() == root.resolve()
    assert checkout.require() == root.resolve()


@pytest.mark.parametrize("tomllib", ["installed", None], ids=["tomllib", "python3.10"])
def test_another_projects_folder_is_not_a_checkout(tmp_path, monkeypatch, tomllib):
    if tomllib is None:
        monkeypatch.setattr(checkout, "tomllib", None)
    assert checkout.is_checkout(fake_checkout(tmp_path / "ours"))
    assert not checkout.is_checkout(fake_checkout(tmp_path / "other", name="salestrain-fork"))
    assert not checkout.is_checkout(tmp_path / "empty")
    monkeypatch.chdir(tmp_path / "other")
    assert checkout.find() is None


def test_outside_a_checkout_the_error_names_root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(checkout.NotACheckout, match="--root"):
        checkout.require()
    with pytest.raises(checkout.NotACheckout, match="--root"):
        checkout.require(tmp_path)


def test_root_is_taken_out_of_a_hand_parsed_command_line():
    args = ["check", "--root", "/srv/course", "04_hp.ipynb"]
    assert checkout.pop_root(args) == Path("/srv/course")
    assert args == ["check", "04_hp.ipynb"]
    args = ["build", "--root=/srv/course"]
    assert checkout.pop_root(args) == Path("/srv/course") and args == ["build"]
    assert checkout.pop_root(["check"]) is None


def test_each_tool_refuses_to_run_outside_a_checkout(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for main in (bookgen.main, editions.main):
        with pytest.raises(SystemExit) as exited:
            main(["--check"] if main is bookgen.main else ["trainee", "--commands"])
        assert exited.value.code == 2
        assert "--root" in capsys.readouterr().err
    assert translate.main(["check"]) == 2
    assert "--root" in capsys.readouterr().err


def test_root_points_a_tool_at_that_checkout(tmp_path, monkeypatch, capsys):
    """Run from elsewhere, the tool works on the checkout --root names (and only then)."""
    monkeypatch.chdir(tmp_path)
    for module in (bookgen, editions, translate):
        monkeypatch.setattr(module, "use_root", _restored(module, monkeypatch))
    assert bookgen.main(["--check", "--root", str(ROOT)]) == 0
    assert bookgen.BOOK == ROOT / "book"
    assert editions.main(["trainee", "--commands", "--root", str(ROOT),
                          "--out", str(tmp_path / "_build")]) == 0
    assert f"cd {ROOT} && " in capsys.readouterr().out
    assert translate.main(["check", "--root", str(ROOT)]) == 0
    assert translate.NOTEBOOKS == ROOT / "notebooks"


def _restored(module, monkeypatch):
    """The module's use_root, with every path it sets put back after the test."""
    original = module.use_root

    def use_root(root: Path) -> None:
        for name in ("ROOT", "BOOK", "BUILD", "SOURCES", "EDITIONS", "NOTEBOOKS", "TARGET",
                     "CATALOGUES", "PAGE_TARGET", "PAGE_CATALOGUES"):
            if hasattr(module, name):
                monkeypatch.setattr(module, name, getattr(module, name))
        original(root)

    return use_root


def test_no_module_looks_for_the_checkout_beside_its_own_file():
    """`Path(__file__).parents[…]` inside an installed package is site-packages, not a checkout
    (reading the package's own data files beside it is fine: `Path(__file__).parent / …`)."""
    offenders = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "salestrain").rglob("*.py"))
                 if re.search(r"__file__\)?(\.resolve\(\))?\.parents\[[1-9]",
                              p.read_text(encoding="utf-8"))]
    assert offenders == []
