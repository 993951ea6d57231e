"""The floor of a build: read every incident, parse its YAML (C loader) and render its Markdown, nothing else.

usage: python bench/floor.py SITE
"""

from __future__ import annotations

import sys
from pathlib import Path

import markdown
import yaml


def main() -> None:
    root = Path(sys.argv[1])
    converter = markdown.Markdown(extensions=["sane_lists"])
    rendered = 0
    for file in sorted((root / "content" / "incidents").glob("*.md")):
        _, front, body = file.read_text(encoding="utf-8").split("---\n", 2)
        data = yaml.load(front, Loader=yaml.CSafeLoader)
        texts = [entry["message"] for entry in data["timeline"]] + ([body] if body.strip() else [])
        for text in texts:
            rendered += len(converter.reset().convert(text))
    print(rendered)


if __name__ == "__main__":
    main()
