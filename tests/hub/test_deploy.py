"""What can be checked here of the Kubernetes path (deploy/): no container engine or cluster runs.

- deploy/z2jh/config.yaml parses, every key in it is one the Zero to JupyterHub chart documents
  (its values.schema.yaml, vendored beside it), and its values have the types the chart accepts.
- deploy/Dockerfile installs the project itself (so pyproject.toml's dependency list, the one
  `make` installs) plus jupyterhub for the single-user command, and nothing else.
"""

from __future__ import annotations

import copy
import re
import shlex
from pathlib import Path

import jsonschema
import pytest
import yaml

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
CONFIG = DEPLOY / "z2jh" / "config.yaml"
SCHEMA = DEPLOY / "z2jh" / "values.schema.yaml"
DOCKERFILE = DEPLOY / "Dockerfile"
DELIVER = ["python", "-m", "salestrain.commands.hubcourse", "deliver"]


def config() -> dict:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))


def schema() -> dict:
    return yaml.safe_load(SCHEMA.read_text(encoding="utf-8"))


# --- the chart's values ----------------------------------------------------------------------


def undocumented_keys(values: dict, node: dict, path: str = "") -> list[str]:
    """Key paths in `values` that the schema `node` does not document.

    A key is documented when it is one of the node's `properties` or matches one of its
    `patternProperties`; below a node that takes any key (`additionalProperties` not false,
    such as `hub.config.<Class>` pass-through traitlets) nothing further is checked.
    """
    found = []
    for key, value in values.items():
        where = f"{path}.{key}" if path else key
        child = node.get("properties", {}).get(key)
        if child is None:
            child = next((sub for pattern, sub in node.get("patternProperties", {}).items()
                          if re.search(pattern, key)), None)
        if child is None:
            if node.get("additionalProperties", True) is False:
                found.append(where)
            continue
        if isinstance(value, dict) and ("properties" in child or "patternProperties" in child):
            found += undocumented_keys(value, child, where)
    return found


def without_required(node):
    """The schema with every `required` list dropped: config.yaml gives only what it changes,
    the chart fills in the rest from its own values.yaml."""
    if isinstance(node, dict):
        return {k: without_required(v) for k, v in node.items() if k != "required"}
    if isinstance(node, list):
        return [without_required(v) for v in node]
    return node


def test_vendored_schema_names_its_source_and_licence():
    header = SCHEMA.read_text(encoding="utf-8").split("$schema:")[0]
    assert "github.com/jupyterhub/zero-to-jupyterhub-k8s" in header
    assert re.search(r"commit:\s+[0-9a-f]{40}", header)
    assert "BSD-3-Clause" in header
    assert schema()["properties"]["singleuser"]["properties"]["lifecycleHooks"]


def test_config_parses_as_a_mapping_of_chart_sections():
    values = config()
    assert isinstance(values, dict)
    assert set(values) <= set(schema()["properties"])


def test_every_key_in_config_is_documented_by_the_chart():
    assert undocumented_keys(config(), schema()) == []


def test_the_key_check_rejects_a_key_the_chart_does_not_have():
    values = copy.deepcopy(config())
    values["singleuser"]["memory"]["limt"] = "1G"
    values["cull"]["timout"] = 60
    assert undocumented_keys(values, schema()) == ["singleuser.memory.limt", "cull.timout"]


def test_config_values_have_the_types_the_chart_accepts():
    jsonschema.Draft7Validator(without_required(schema())).validate(config())


def test_the_type_check_rejects_a_wrong_type():
    values = copy.deepcopy(config())
    values["cull"]["timeout"] = "an hour"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(without_required(schema())).validate(values)


def test_config_gives_each_trainee_storage_limits_culling_and_the_course():
    single = config()["singleuser"]
    assert single["storage"]["type"] == "dynamic"
    for resource in ("memory", "cpu"):
        assert {"guarantee", "limit"} <= set(single[resource]), resource
    assert single["lifecycleHooks"]["postStart"]["exec"]["command"] == DELIVER
    cull = config()["cull"]
    assert cull["enabled"] is True and cull["timeout"] > 0
    auth = config()["hub"]["config"]
    assert auth["JupyterHub"]["authenticator_class"].startswith("nativeauthenticator.")
    assert auth["Authenticator"]["admin_users"]


# --- the image recipe -----------------------------------------------------------------------


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of each Dockerfile instruction, continuation lines joined."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def pip_installs(command: str) -> list[list[str]]:
    """The package arguments of every `pip install` in a shell command line."""
    found = []
    for part in re.split(r"&&|;|\|\|", command):
        words = shlex.split(part)
        for i in range(len(words) - 1):
            if words[i].endswith("pip") and words[i + 1] == "install":
                found.append([w for w in words[i + 2:] if not w.startswith("-")])
    return found


INSTALLER = "uv"


def makefile_install_targets() -> list[str]:
    """What `make` installs into the course's virtual environment, by `pip install` or by
    `uv pip install` (its fallback); uv, the installer itself, is not the course's."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    targets: set[str] = set()
    for line in text.splitlines():
        if "pip install" in line:
            for packages in pip_installs(line.strip().lstrip("@")):
                if packages != [INSTALLER]:
                    targets.update(packages)
    return sorted(targets)


def requirement_name(spec: str) -> str:
    return re.split(r"[<>=!~\[ ;]", spec, maxsplit=1)[0].lower().replace("_", "-")


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_image_installs_the_project_and_jupyterhub_only():
    runs = [args for word, args in dockerfile_instructions() if word == "RUN"]
    installs = [pkgs for run in runs for pkgs in pip_installs(run)]
    assert len(installs) == 1, installs
    (packages,) = installs
    assert "." in packages, "the image must `pip install .` (pyproject.toml's list)"
    others = [requirement_name(p) for p in packages if p != "."]
    assert others == ["jupyterhub"], others
    # The project is built from the checkout's own pyproject.toml and package sources.
    copies = [args.split() for word, args in dockerfile_instructions() if word == "COPY"]
    copied = {src for args in copies for src in args[:-1]}
    assert {"pyproject.toml", "salestrain"} <= copied
    assert not any(word in ("ADD",) for word, _ in dockerfile_instructions())


def test_image_and_make_install_the_same_dependency_list():
    """`make` installs the project with its test tools; the image the project without them.
    Both take the dependency list from pyproject.toml, so neither can drift from it."""
    (make_target,) = makefile_install_targets()
    match = re.fullmatch(r"(?:-e\s*)?\.(?:\[(?P<extras>[^\]]*)\])?", make_target)
    assert match, f"make installs {make_target!r}, not the project"
    extras = {e.strip() for e in (match["extras"] or "").split(",") if e.strip()}
    assert extras <= {"test"}, extras
    meta = project()
    make_set = {requirement_name(r) for r in meta["dependencies"]}
    make_set |= {requirement_name(r) for e in extras for r in meta["optional-dependencies"][e]}
    runs = [args for word, args in dockerfile_instructions() if word == "RUN"]
    (packages,) = [pkgs for run in runs for pkgs in pip_installs(run)]
    image_set = {requirement_name(r) for r in meta["dependencies"]}
    image_set |= {requirement_name(p) for p in packages if p != "."}
    test_tools = {requirement_name(r) for r in meta["optional-dependencies"].get("test", [])}
    assert image_set - {"jupyterhub"} == make_set - test_tools
    assert "jupyterlab" in image_set and "ipywidgets" in image_set


def test_the_install_check_catches_a_hand_kept_package():
    line = 'pip install . "jupyterhub>=5,<6" && pip install pandas==2.1'
    assert pip_installs(line) == [[".", "jupyterhub>=5,<6"], ["pandas==2.1"]]
    assert pip_installs("python -m pip install --no-deps .") == [["."]]


def dockerfile_env(course_lang: str) -> dict[str, str]:
    """The image's ENV for one language edition (build argument substituted)."""
    env = {}
    for word, args in dockerfile_instructions():
        if word == "ENV":
            for key, value in re.findall(r"([A-Z_]+)=(\S+)", args):
                env[key] = value.replace("${COURSE_LANG}", course_lang)
    return env


def image_course_folder(course_lang: str) -> Path:
    """The checkout folder whose notebooks the image's copy step takes for this edition."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    (copied_to,) = [args.split()[-1] for word, args in dockerfile_instructions()
                    if word == "COPY" and args.split()[0] == "notebooks"]
    src = dict(re.findall(r"(en|zh)\) src=(\S+) ;;", text))[course_lang]
    assert src == copied_to or src.startswith(copied_to + "/"), src
    return ROOT / "notebooks" / src.removeprefix(copied_to).strip("/")


@pytest.mark.parametrize("course_lang", ["en", "zh"])
def test_first_login_copy_finds_the_course_where_the_image_puts_it(
        tmp_path, monkeypatch, course_lang):
    """The postStart command, run with the image's environment, fills ~/course with the
    edition's notebooks (the image's copy step replayed on this checkout)."""
    from salestrain.commands import hubcourse

    env = dockerfile_env(course_lang)
    assert env["SALESTRAIN_COURSE_LANG"] == course_lang
    notebooks = sorted(image_course_folder(course_lang).glob("[0-9]*.ipynb"))
    assert len(notebooks) == len(list((ROOT / "notebooks").glob("[0-9]*.ipynb")))
    source = tmp_path / "image" / env["SALESTRAIN_COURSE_SOURCE"].lstrip("/")
    source.mkdir(parents=True)
    for notebook in notebooks:
        (source / notebook.name).write_bytes(notebook.read_bytes())
    home = tmp_path / "home" / "jovyan"
    home.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("SALESTRAIN_COURSE_SOURCE", str(source))
    monkeypatch.setenv("SALESTRAIN_COURSE_LANG", env["SALESTRAIN_COURSE_LANG"])
    assert DELIVER[:3] == ["python", "-m", "salestrain.commands.hubcourse"]
    assert hubcourse.main(DELIVER[3:]) == 0
    delivered = home / "course"
    assert sorted(p.name for p in delivered.glob("*.ipynb")) == [n.name for n in notebooks]
    for notebook in notebooks:
        assert (delivered / notebook.name).read_bytes() == notebook.read_bytes()
    words = dict(dockerfile_instructions())
    assert words["CMD"] == '["jupyterhub-singleuser"]'
    assert words["USER"] == "1000"
