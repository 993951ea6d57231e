"""Read, validate and render a whole site: build_site(root, now) -> OutputTree."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Callable

from sitegen.config import base_url_problem, load_config
from sitegen.content import build_site_model
from sitegen.errors import Problem, Problems
from sitegen.markup import Markdown
from sitegen.model import Site
from sitegen.output import OutputTree
from sitegen.render.registry import render_site
from sitegen.source import read_documents
from sitegen.status import written_times
from sitegen.theme import load_theme
from sitegen.i18n import ENGLISH
from sitegen.views import SiteFacts


@dataclass(frozen=True)
class BuildResult:
    site: Site
    tree: OutputTree
    warnings: list[Problem]


def load_site(root: Path, problems: Problems, base_url: str | None = None) -> Site | None:
    """Parse and validate every file of the site; None when site.yml itself is unusable."""
    config = load_config(root, problems)
    documents = read_documents(root, problems)
    if config is None:
        return None
    if base_url:
        problem = base_url_problem(base_url)
        if problem:
            problems.error("--base-url", 0, "", problem)
        config = replace(config, base_url=base_url)
    return build_site_model(config, documents, problems)


def unpublished_warnings(site: Site, now: datetime) -> list[Problem]:
    """Entries later than now stay off the site until then; `check` says so."""
    problems = Problems()
    zone = site.config.timezone
    for path, line, at in written_times(site):
        if at > now:
            problems.warning(path, line, "not-yet-published", f"{ENGLISH.time(at, zone).text} is later than now "
                             f"({ENGLISH.time(now, zone).text}); it stays off the site until then")
    for postmortem in site.postmortems:
        if postmortem.draft:
            problems.warning(postmortem.source.path, postmortem.source.line, "draft",
                             "this postmortem is a draft, pending: it is on no page, in no feed and in no email; "
                             "remove `draft: true` to publish it")
    return problems.warnings


def build_site(
    root: Path, now: datetime, base_url: str | None = None, on_pages: Callable[[OutputTree], None] | None = None
) -> BuildResult:
    """Everything the site's output folder will hold; raises SiteError listing every problem.

    `on_pages` gets the HTML pages as they are rendered (to start writing them); the result holds every file.
    """
    problems = Problems()
    site = load_site(root, problems, base_url)
    problems.raise_if_errors()
    assert site is not None  # load_site returns None only after recording an error
    problems.extend(unpublished_warnings(site, now))
    theme = load_theme(root, site.config.theme, problems)
    problems.raise_if_errors()  # nothing is rendered from a broken model or theme
    facts = SiteFacts(site, now, Markdown())
    tree = render_site(facts, theme, problems, on_pages)
    problems.raise_if_errors()
    return BuildResult(site, tree, problems.warnings)
