"""Bytes and elements of a built site's home page, and its largest page, parsed with lxml.

usage: python bench/page_sizes.py OUTPUT
"""

from __future__ import annotations

import sys
from pathlib import Path

import lxml.html


def elements(path: Path) -> int:
    return sum(1 for _ in lxml.html.parse(str(path)).getroot().iter(lxml.etree.Element))


def sizes(output: Path) -> dict[str, tuple[str, int, int]]:
    """{"home": (path, bytes, elements), "largest": ...}."""
    home = output / "index.html"
    largest = max(output.rglob("*.html"), key=lambda p: p.stat().st_size)
    return {name: (str(p.relative_to(output)), p.stat().st_size, elements(p)) for name, p in
            (("home", home), ("largest", largest))}


def main() -> None:
    for name, (path, size, count) in sizes(Path(sys.argv[1])).items():
        print(f"{name:>8}: {path}  {size / 1024:.1f} KB  {count} elements")


if __name__ == "__main__":
    main()
