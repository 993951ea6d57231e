"""Themes: the site's themes/<name>/ over the built-in default, as a Jinja environment and merged static files."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from sitegen.errors import Problems
from sitegen.sitefiles import site_files

ASSETS = "assets/"


def builtin_theme_dir() -> Path:
    """The default theme: inside the installed package (wheel), else beside it in a source checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "themes" / "default", package.parent / "themes" / "default"):
        if (candidate / "templates").is_dir():
            return candidate
    raise FileNotFoundError("the built-in theme is missing from this installation of sitegen")


@dataclass(frozen=True)
class Theme:
    env: jinja2.Environment
    template_dirs: tuple[Path, ...]  # first wins
    static: dict[str, bytes]  # output path -> content
    assets: dict[str, str]  # static file name -> site path with a content version, for cache busting


def theme_dirs(root: Path, name: str) -> tuple[Path, ...]:
    """The site's theme folder (when it is one, inside the site) over the built-in theme."""
    site_theme = root / "themes" / name
    builtin = builtin_theme_dir()
    inside = root.resolve() in site_theme.resolve().parents
    return (site_theme, builtin) if site_theme.is_dir() and inside and site_theme.resolve() != builtin.resolve() \
        else (builtin,)


def load_theme(root: Path, name: str, problems: Problems) -> Theme:
    """Build the environment; template syntax errors become located problems."""
    dirs = theme_dirs(root, name)
    builtin = dirs[-1]
    site_theme = root / "themes" / name
    if len(dirs) == 1 and site_theme.exists() and root.resolve() not in site_theme.resolve().parents:
        problems.error(f"themes/{name}", 0, "", f"leads to {site_theme.resolve()}, outside the site; "
                       "sitegen reads nothing outside the site, so copy the theme in instead")
    template_dirs = tuple(d / "templates" for d in dirs)
    loader = jinja2.ChoiceLoader([
        # "default/x.html" always names the built-in template, so a site template can extend the one it replaces.
        jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(builtin / "templates")}),
        jinja2.FileSystemLoader([str(d) for d in template_dirs]),
    ])
    env = jinja2.Environment(
        loader=loader, autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True  # a sentence wrapped over lines in a template is one message
    # Templates compile differently for newstyle gettext, so it is chosen now; each build installs its language.
    env.install_null_translations(newstyle=True)
    for template in sorted(set(env.list_templates())):
        try:
            env.get_template(template)
        except jinja2.TemplateSyntaxError as error:
            shown = _shown(root, error.filename)
            problems.error(shown, error.lineno, "", f"template syntax error: {error.message}")
    static: dict[str, bytes] = {}
    for directory in reversed(dirs):  # the site's files replace the built-in ones of the same name
        static_dir = directory / "static"
        # The built-in theme is ours; a site's theme is checked for links out of the site and special files.
        files = site_files(directory if directory == builtin else root, directory, problems)
        for file in files:
            if static_dir in file.parents:
                try:
                    static[ASSETS + file.relative_to(static_dir).as_posix()] = file.read_bytes()
                except OSError as error:
                    problems.error(_shown(root, str(file)), 0, "", f"cannot be read: {error.strerror or error}")
    assets = {
        path.removeprefix(ASSETS): f"{path}?v={hashlib.sha256(data).hexdigest()[:10]}" for path, data in static.items()
    }
    env.globals["assets"] = assets
    env.globals["inline_css"] = Markup(static.get(ASSETS + "style.css", b"").decode("utf-8"))
    return Theme(env, template_dirs, static, assets)


def _shown(root: Path, filename: str | None) -> str:
    if not filename:
        return "templates"
    path = Path(filename)
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def explain(theme: Theme) -> list[str]:
    """For each template: the file that wins and the ones it shadows (`sitegen check --explain-templates`)."""
    lines = []
    names = sorted({p.relative_to(d).as_posix() for d in theme.template_dirs if d.is_dir() for p in d.rglob("*.html")})
    for name in names:
        found = [d / name for d in theme.template_dirs if (d / name).is_file()]
        line = f"{name}: {found[0]}"
        if found[1:]:
            line += " (shadows " + ", ".join(str(f) for f in found[1:]) + ")"
        lines.append(line)
    return lines
