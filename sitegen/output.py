"""The output tree and its atomic replacement of the output folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

OutputTree = dict[str, bytes]  # site path (posix, no leading slash) -> file content


def write_atomically(tree: OutputTree, out_dir: Path) -> None:
    """Write every file into a fresh folder beside `out_dir`, then swap it in; a failure leaves `out_dir` as it was."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        staging.chmod(0o755)
        made: set[Path] = set()
        for path in sorted(tree):
            target = staging / path
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_bytes(tree[path])
        if out_dir.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
            os.rename(out_dir, retired / "site")
            os.rename(staging, out_dir)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.rename(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
