"""The output tree and its atomic replacement of the output folder."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Mapping

OutputTree = dict[str, bytes]  # site path (posix, no leading slash) -> file content
PROTECTED = ("content", "themes", ".git")  # folders of the site that a build must never replace

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: builds are not serialised there
    fcntl = None  # type: ignore[assignment]


class OutputError(Exception):
    """The output folder cannot be used; the message says why and what to do."""


def output_problem(root: Path, out_dir: Path) -> str | None:
    """Why `out_dir` must not receive the build of the site at `root`, or None when it may.

    The build replaces the output folder as a whole, so it must not be, hold or sit inside the site's own
    files (following symbolic links), and must be a folder when it exists.
    """
    site = root.resolve()
    out = out_dir.resolve()
    instead = f"a build replaces its output folder as a whole, so choose another, such as {root / 'output'}"
    if out == site or out in site.parents:
        return f"{out_dir} holds the site itself; {instead}"
    for name in PROTECTED:
        protected = (site / name).resolve()
        if out == protected:
            relation = "leads to" if out_dir.is_symlink() else "is"
        elif protected in out.parents:
            relation = "is inside"
        elif out in protected.parents:
            relation = "holds"
        else:
            continue
        return f"{out_dir} {relation} the site's {name}/; {instead}"
    if out.exists() and not out.is_dir():
        return f"{out_dir} is a file, not a folder; remove it or choose another --output"
    return None


class Staging:
    """A fresh folder beside the output folder. Files may arrive in parts while the build goes on;
    `commit` swaps the folder in, `discard` removes it, so a failing build leaves the output as it was.

    One build at a time writes beside an output folder: the lock is held from the start until commit or
    discard, and whoever holds it removes what killed builds left behind.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.resolve()
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        self.lock = _lock(self.out_dir.parent, self.out_dir)
        self._remove_leftovers()
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
        """Write what has not been written yet, then put the new folder in place of the output folder.

        Where the system can swap two folders in one step, there is no moment without an output folder;
        elsewhere the old one is moved aside first and put back by the next build if this one is killed.
        """
        self.write({path: data for path, data in tree.items() if path not in self.written})
        try:
            if not self.out_dir.exists():
                os.rename(self.folder, self.out_dir)
            elif _exchange(self.folder, self.out_dir):
                shutil.rmtree(self.folder, ignore_errors=True)  # now the old tree
            else:
                retired = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}.old-", dir=self.out_dir.parent))
                os.rename(self.out_dir, retired / "site")
                os.rename(self.folder, self.out_dir)
                shutil.rmtree(retired, ignore_errors=True)
        finally:
            self._unlock()

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        self._unlock()

    def _remove_leftovers(self) -> None:
        """Staging folders of killed builds go; an output moved aside and never replaced comes back."""
        parent, name = self.out_dir.parent, self.out_dir.name
        for old in sorted(parent.glob(f".{name}.old-*")):
            if not self.out_dir.exists() and (old / "site").is_dir():
                os.rename(old / "site", self.out_dir)
            shutil.rmtree(old, ignore_errors=True)
        for new in parent.glob(f".{name}.new-*"):
            shutil.rmtree(new, ignore_errors=True)

    def _unlock(self) -> None:
        if self.lock is not None:
            os.close(self.lock)
            self.lock = None


def _lock(folder: Path, out_dir: Path) -> int | None:
    """Hold an exclusive lock on the output's parent folder, or raise OutputError when a build holds it."""
    if fcntl is None:
        return None
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        raise OutputError(f"another build is writing beside {out_dir}; wait for it to finish and run "
                          "this one again") from None
    return descriptor


@functools.cache
def _libc() -> ctypes.CDLL | None:
    """The C library, found once per process: find_library may start ldconfig, too slow for every build."""
    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name, use_errno=True) if name else None


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux renameat2, macOS renamex_np); False where neither exists."""
    libc = _libc()
    if libc is None:
        return False
    a, b = os.fsencode(first), os.fsencode(second)
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        at_fdcwd, rename_exchange = -100, 2
        return libc.renameat2(at_fdcwd, a, at_fdcwd, b, rename_exchange) == 0
    if sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        rename_swap = 2
        return libc.renamex_np(a, b, rename_swap) == 0
    return False
