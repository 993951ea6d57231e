"""The output tree and its atomic replacement of the output folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Mapping

OutputTree = dict[str, bytes]  # site path (posix, no leading slash) -> file content


class Staging:
    """A fresh folder beside the output folder. Files may arrive in parts while the build goes on;
    `commit` swaps the folder in, `discard` removes it, so a failing build leaves the output as it was."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.resolve()
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}.new-", dir=self.out_dir.parent))
        self.folder.chmod(0o755)
        self.written: set[str] = set()
        self.made: set[Path] = set()

    def write(self, files: Mapping[str, bytes]) -> None:
        for path in sorted(files):
            target = self.folder / path
            if target.parent not in self.made:
                target.parent.mkdir(parents=True, exist_ok=True)
                self.made.add(target.parent)
            target.write_bytes(files[path])
            self.written.add(path)

    def commit(self, tree: OutputTree) -> None:
        """Write what has not been written yet, then replace the output folder."""
        self.write({path: data for path, data in tree.items() if path not in self.written})
        if self.out_dir.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}.old-", dir=self.out_dir.parent))
            os.rename(self.out_dir, retired / "site")
            os.rename(self.folder, self.out_dir)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.rename(self.folder, self.out_dir)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

