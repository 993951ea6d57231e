"""Each folder under tests/sites/invalid breaks the contract once; its expected.txt is what a person should read."""

from __future__ import annotations

import subprocess
import sys

import pytest
from tests.helpers import SITES

CASES = sorted(p for p in (SITES / "invalid").iterdir() if p.is_dir())


@pytest.mark.parametrize("site", CASES, ids=[p.name for p in CASES])
def test_invalid_site_reports_every_problem_located(site, tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    (out / "keep.html").write_text("previous build")
    result = subprocess.run(
        [sys.executable, "-m", "sitegen", "build", "--site", str(site), "--output", str(out),
         "--now", "2026-11-26T12:00:00Z"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == (site / "expected.txt").read_text()
    assert "Traceback" not in result.stderr
    assert [p.name for p in out.iterdir()] == ["keep.html"]
