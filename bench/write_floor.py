"""Write a copy of a built site with a bare loop: how long this disk takes to write that many files.

usage: python bench/write_floor.py BUILT_SITE COPY
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def main() -> None:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    files = {p.relative_to(source): p.read_bytes() for p in source.rglob("*") if p.is_file()}
    shutil.rmtree(target, ignore_errors=True)
    for path, data in files.items():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_bytes(data)


if __name__ == "__main__":
    main()
