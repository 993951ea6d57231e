"""List the files under a folder of the site without leaving the site.

A symbolic link is followed only while it stays inside the site, so that a link to /etc/passwd or
/proc/self/environ is never read or published; FIFOs, devices and sockets are never opened. Every odd
entry is a located error instead of a traceback or a hang.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sitegen.errors import Problems


def site_files(root: Path, base: Path, problems: Problems, odd_folder_suffix: str | None = None) -> list[Path]:
    """Every regular file under `base` (a folder inside `root`), sorted, skipping names that start with '.'.

    A folder whose name ends in `odd_folder_suffix` (a folder named `x.md`) is an error, since its name says
    it was meant to be a file.
    """
    found: list[Path] = []
    real_base = base.resolve()
    _walk(root, root.resolve(), base, real_base, problems, odd_folder_suffix, {real_base}, found)
    return found


def _walk(root: Path, real_root: Path, folder: Path, real_folder: Path, problems: Problems, odd_suffix: str | None,
          visited: set[Path], found: list[Path]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        problems.error(_shown(root, folder), 0, "", f"the folder cannot be read: {error.strerror or error}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if not entry.is_symlink() and entry.is_file(follow_symlinks=False):
            found.append(path)  # the common case, answered from the directory listing without a system call
            continue
        # Only a link can lead elsewhere: other entries are where their folder is, so only links are resolved.
        real = real_folder / entry.name
        try:
            if entry.is_symlink():
                real = path.resolve(strict=True)
                mode = os.stat(real).st_mode
            else:
                mode = entry.stat(follow_symlinks=False).st_mode
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
            problems.error(_shown(root, path), 0, "", "is a broken or looping symbolic link; remove it or point it "
                           "at a file")
            continue
        if real != real_root and real_root not in real.parents:
            problems.error(_shown(root, path), 0, "", f"is a symbolic link to {real}, outside the site; sitegen "
                           "reads nothing outside the site, so copy the file in instead")
            continue
        if stat.S_ISDIR(mode):
            if odd_suffix and entry.name.lower().endswith(odd_suffix):
                problems.error(_shown(root, path), 0, "", f"is a folder, but its name ends in '{odd_suffix}' like "
                               "a file's; rename it or move the file out of it")
            elif real not in visited:  # a link back up the tree is walked once, not forever
                visited.add(real)
                _walk(root, real_root, path, real, problems, odd_suffix, visited, found)
        elif stat.S_ISREG(mode):
            found.append(path)
        else:
            problems.error(_shown(root, path), 0, "", "is not a regular file (a FIFO, device or socket); remove it "
                           "from the site")


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
