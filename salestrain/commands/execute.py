"""Re-execute notebooks in a fresh kernel and store deterministic outputs: `make notebooks`.

Usage: ``python -m salestrain.commands.execute notebooks/*.ipynb notebooks/zh/*.ipynb``

Each notebook runs top to bottom in a new kernel whose working folder is the notebook's own,
with a fresh, empty work folder (so saved files on this machine cannot leak into outputs).
Widget model ids, which ipywidgets draws at random, are renumbered from the notebook's name,
and cell timing metadata is dropped, so re-running an unchanged notebook changes no byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

SOURCE_DATE_EPOCH = "1372636800"  # 2013-07-01, the month of the course deck
MODEL_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")


def stable_model_ids(text: str, seed: str) -> str:
    """Replace every widget model id by one derived from `seed` and its order of appearance."""
    mapping: dict[str, str] = {}
    for match in MODEL_ID.finditer(text):
        old = match.group(0)
        if old not in mapping:
            mapping[old] = hashlib.md5(f"{seed}:{len(mapping)}".encode()).hexdigest()  # noqa: S324
    return MODEL_ID.sub(lambda m: mapping[m.group(0)], text)


def execute(path: Path, timeout: int = 300) -> float:
    """Execute one notebook in place; return the seconds it took."""
    import nbformat
    from nbclient import NotebookClient

    start = time.perf_counter()
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    # A fresh, empty work folder at the same path on every run: the "My work" panel shows the
    # folder, so a random temporary name would change the stored notebook at each run.
    work = str(Path(tempfile.gettempdir()) / "salestrain-work")
    shutil.rmtree(work, ignore_errors=True)
    Path(work).mkdir()
    try:
        env_before = os.environ.get("SALESTRAIN_WORK")
        os.environ["SALESTRAIN_WORK"] = work
        # Saved-at times shown by the tools read this, so outputs do not depend on the clock.
        os.environ.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        try:
            client = NotebookClient(
                nb,
                timeout=timeout,
                kernel_name="python3",
                resources={"metadata": {"path": str(path.parent.resolve())}},
                record_timing=False,
                store_widget_state=True,
            )
            client.execute()
        finally:
            if env_before is None:
                os.environ.pop("SALESTRAIN_WORK", None)
            else:
                os.environ["SALESTRAIN_WORK"] = env_before
    finally:
        shutil.rmtree(work, ignore_errors=True)
    nb.metadata.pop("widgets", None) if not _has_widget_state(nb) else None
    share_identical_looks(nb)
    # Renumber in the order widgets were created (insertion order, the same on every run),
    # and only then sort keys: sorting first would order the state by its random ids.
    seed = path.stem if path.parent.name != "zh" else f"zh/{path.stem}"
    text = stable_model_ids(json.dumps(nb, ensure_ascii=False), seed)
    text = json.dumps(json.loads(text), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    nbformat.validate(nbformat.reads(text, as_version=4))
    path.write_text(text, encoding="utf-8")
    return time.perf_counter() - start


# Leaf models that only describe looks; views that look alike can share one.
SHAREABLE = re.compile(r"(Layout|Style)Model$")


def share_identical_looks(nb) -> int:
    """Let widgets that look alike share one layout or style model in the saved state.

    ipywidgets gives every widget its own Layout and Style model, mostly at their defaults; in
    a page of forms that is most of the saved state the site has to load. Identical ones are
    merged (references rewritten to the first), which the widget manager renders the same.
    Returns how many models were dropped.
    """
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    models = state.get("state", {})
    first: dict[str, str] = {}
    alias: dict[str, str] = {}
    for model_id, model in models.items():
        if not SHAREABLE.search(model.get("model_name", "")):
            continue
        key = json.dumps([model.get("model_module"), model.get("model_name"),
                          model.get("model_module_version"), model.get("state")], sort_keys=True)
        if key in first:
            alias[model_id] = first[key]
        else:
            first[key] = model_id
    if not alias:
        return 0
    for model_id in alias:
        del models[model_id]
    text = json.dumps(models)
    text = re.sub(r"IPY_MODEL_([0-9a-f]{32})",
                  lambda m: f"IPY_MODEL_{alias.get(m.group(1), m.group(1))}", text)
    state["state"] = json.loads(text)
    return len(alias)


def _has_widget_state(nb) -> bool:
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    return bool(state.get("state"))


def main(argv: list[str] | None = None) -> int:
    paths = [Path(p) for p in (argv if argv is not None else sys.argv[1:])]
    if not paths:
        print("usage: python -m salestrain.commands.execute NOTEBOOK.ipynb [...]", file=sys.stderr)
        return 2
    for i, path in enumerate(paths, 1):
        print(f"[{i}/{len(paths)}] {path} …", end=" ", flush=True)
        seconds = execute(path)
        print(f"{seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
