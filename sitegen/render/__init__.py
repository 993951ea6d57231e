"""Renderers: view models and the published model -> bytes at output paths."""

from __future__ import annotations

import json


def dump_json(document: object) -> bytes:
    """UTF-8 JSON with <, > and & escaped, so that no text in it can close a script or tag where it is embedded."""
    text = json.dumps(document, ensure_ascii=False, indent=1)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n").encode("utf-8")
