"""The widget JavaScript the site serves is exactly what vendored.json records, and its
RequireJS is one without CVE-2024-38999 (prototype pollution, fixed in 2.3.7)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

WIDGETS = Path(__file__).resolve().parents[2] / "book" / "_widgets_static" / "widgets"
MANIFEST = json.loads((WIDGETS / "vendored.json").read_text(encoding="utf-8"))


def version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


@pytest.mark.parametrize("package", sorted(MANIFEST))
def test_vendored_files_match_their_recorded_sha256(package):
    entry = MANIFEST[package]
    assert (WIDGETS / entry["licence"]).is_file(), f"{package}: licence file missing"
    for name, digest in entry["files"].items():
        assert hashlib.sha256((WIDGETS / name).read_bytes()).hexdigest() == digest, name


def test_requirejs_is_at_least_2_3_7():
    recorded = MANIFEST["requirejs"]["version"]
    assert version(recorded) >= (2, 3, 7), recorded
    # The file says its own version twice (licence header and `req.version`): both agree.
    text = (WIDGETS / "require.js").read_text(encoding="utf-8")
    assert re.search(r"@license RequireJS (\S+) ", text).group(1) == recorded
    assert re.search(r"version = '([^']+)'", text).group(1) == recorded


def test_every_served_script_is_recorded_or_ours():
    """A file dropped into the folder without a manifest entry would ship unchecked."""
    recorded = {name for entry in MANIFEST.values() for name in entry["files"]}
    ours = {"require-config.js"}
    served = {p.name for p in WIDGETS.iterdir() if p.suffix in (".js", ".woff2")}
    assert served == recorded | ours
