"""Write content files so that a kill at any moment leaves the old file or the new one, never a part of one,
and so that two commands writing the same file take turns."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: writes are atomic there too, but not serialised
    fcntl = None  # type: ignore[assignment]


class ChangedError(Exception):
    """The file changed between reading and writing it: someone else saved it."""


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (waiting for any other holder) while the block runs.

    The lock is on the file itself, so no lock file is left in the content folder; a writer that replaces
    the file makes a new one, so the lock is taken again until it holds the file that is there now.
    """
    if fcntl is None:
        yield
        return
    while True:
        descriptor = os.open(path, os.O_RDONLY)
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:
            same = os.fstat(descriptor).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(descriptor)
    try:
        yield
    finally:
        os.close(descriptor)


def replace_file(path: Path, data: bytes, expected: bytes) -> None:
    """Replace `path` with `data` in one step, unless its bytes are no longer `expected`."""
    if path.read_bytes() != expected:
        raise ChangedError(f"{path} changed while the command ran (someone saved it); run the command again")
    temporary = _temporary(path, data)
    os.chmod(temporary, os.stat(path).st_mode & 0o7777)
    os.replace(temporary, path)


def create_file(path: Path, data: bytes) -> None:
    """Create `path` holding `data`, whole or not at all; FileExistsError when the name is taken."""
    temporary = _temporary(path, data)
    try:
        os.chmod(temporary, 0o666 & ~_umask())
        try:
            os.link(temporary, path)  # fails rather than replace a file that appeared meanwhile
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: claim the name, then fill it in one step
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
            os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _temporary(path: Path, data: bytes) -> str:
    """A hidden file beside `path` (so that the rename stays on one file system), written and flushed to disk."""
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        os.unlink(name)
        raise
    return name


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
