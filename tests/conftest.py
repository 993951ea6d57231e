"""Shared fixtures: a fixed now, sample sites copied to a temporary folder, scratch sites, cached builds."""

from __future__ import annotations

import shutil
import textwrap
from datetime import datetime
from pathlib import Path

import pytest

from sitegen.build import build_site
from sitegen.output import Staging
from tests.helpers import NOW, REPO, SITE_YML, SITES


@pytest.fixture
def site_dir(tmp_path):
    """Copy tests/sites/<name> (or the repository's example site for "example") into a temporary folder."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        if name == "example":
            target.mkdir()
            shutil.copy(REPO / "site.yml", target / "site.yml")
            shutil.copytree(REPO / "content", target / "content")
        else:
            shutil.copytree(SITES / name, target)
        return target

    return copy


@pytest.fixture
def write_site(tmp_path):
    """Write a scratch site from {relative path: text}; site.yml defaults to SITE_YML."""

    def write(files: dict[str, str], site_yml: str = SITE_YML) -> Path:
        root = tmp_path / "scratch"
        (root / "content" / "incidents").mkdir(parents=True, exist_ok=True)
        (root / "site.yml").write_text(site_yml, encoding="utf-8")
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return write


_BUILDS: dict[tuple, Path] = {}


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Build a sample site once per session and return its output folder."""

    def build(name: str, base_url: str | None = None, now: datetime = NOW) -> Path:
        key = (name, base_url, now)
        if key not in _BUILDS:
            root = REPO if name == "example" else SITES / name
            out = tmp_path_factory.mktemp(f"built-{name}") / "output"
            Staging(out).commit(build_site(root, now, base_url).tree)
            _BUILDS[key] = out
        return _BUILDS[key]

    return build


@pytest.fixture
def load():
    """Load a site's model and fail the test on any error."""
    from sitegen.build import load_site
    from sitegen.errors import Problems

    def load_model(root: Path):
        problems = Problems()
        site = load_site(root, problems)
        assert not problems.errors, "\n".join(map(str, problems.errors))
        return site

    return load_model



@pytest.fixture(scope="session")
def real_scale(tmp_path_factory):
    """bench/generate.py --real-scale with a shorter history: 350 components, most ungrouped, 80 open incidents.
    Returns (site folder, output folder), built once per session."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    root = tmp_path_factory.mktemp("real-scale") / "site"
    generate.generate(300, root, real_scale=True)
    out = root.parent / "output"
    Staging(out).commit(build_site(root, NOW).tree)
    return root, out
