"""Page views -> HTML through the theme's templates."""

from __future__ import annotations

from typing import Iterable

import jinja2

from sitegen.errors import Problems
from sitegen.theme import Theme
from sitegen.views.common import Page


def render_pages(pages: Iterable[Page], theme: Theme, problems: Problems) -> dict[str, bytes]:
    """Render every page; a template that fails at render time is reported once, by name."""
    rendered: dict[str, bytes] = {}
    failed: set[str] = set()
    for page in pages:
        if page.template in failed:
            continue
        try:
            html = theme.env.get_template(page.template).render(page=page, view=page.view, chrome=page.chrome)
        except jinja2.TemplateError as error:
            failed.add(page.template)
            problems.error(f"templates/{page.template}", getattr(error, "lineno", 0) or 0, "",
                           f"template error while rendering {page.file}: {error}")
            continue
        rendered[page.file] = html.encode("utf-8")
    return rendered
