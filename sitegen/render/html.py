"""Page views -> HTML through the theme's templates, on every core when the site is large."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable

import jinja2

from sitegen.errors import Problem, Problems
from sitegen.i18n import Words, template_callables
from sitegen.theme import Theme
from sitegen.views import PageMaker

PARALLEL_FROM = 400  # below this many pages, starting workers costs more than it saves
_work: tuple[list[PageMaker], Theme] | None = None  # what forked workers inherit instead of pickling it


def render_pages(
    makers: list[PageMaker], theme: Theme, words: Words, problems: Problems, workers: int | None = None,
    on_rendered: Callable[[dict[str, bytes]], None] | None = None,
) -> dict[str, bytes]:
    """Make and render every page in the language of `words`; a template that fails is reported once, by name.

    `on_rendered` receives the pages part by part as workers finish them, so that writing them to
    disk overlaps rendering the rest.
    """
    global _work
    theme.env.globals.update(template_callables(words))  # the templates were compiled for newstyle gettext
    workers = workers or available_cores()
    if workers < 2 or len(makers) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        rendered, found = _render(makers, theme)
        if on_rendered:
            on_rendered(rendered)
    else:
        _work = (makers, theme)
        slices = workers * 4
        rendered, found = {}, []
        try:
            # Interleaved slices balance the load: incident pages cost about the same each.
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                for part, part_problems in pool.map(_render_slice, range(slices), [slices] * slices):
                    rendered.update(part)
                    found.extend(part_problems)
                    if on_rendered:
                        on_rendered(part)
        finally:
            _work = None
    for problem in sorted(set(found)):
        problems.extend([problem])
    return dict(sorted(rendered.items()))


def available_cores() -> int:
    """The cores this process may use (sched_getaffinity is Linux-only)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _render_slice(index: int, step: int) -> tuple[dict[str, bytes], list[Problem]]:
    assert _work is not None
    makers, theme = _work
    return _render(makers[index::step], theme)


def _render(makers: list[PageMaker], theme: Theme) -> tuple[dict[str, bytes], list[Problem]]:
    rendered: dict[str, bytes] = {}
    problems: list[Problem] = []
    failed: set[str] = set()
    for make in makers:
        for page in make():
            if page.template in failed:
                continue
            try:
                html = theme.env.get_template(page.template).render(page=page, view=page.view, chrome=page.chrome)
            except jinja2.TemplateError as error:
                failed.add(page.template)
                problems.append(Problem(f"templates/{page.template}", getattr(error, "lineno", 0) or 0, "",
                                        f"template error while rendering {page.file}: {error}"))
                continue
            rendered[page.file] = html.encode("utf-8")
    return rendered, problems
