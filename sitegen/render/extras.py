"""The small files GitHub Pages and crawlers want: sitemap.xml, robots.txt, .nojekyll, CNAME."""

from __future__ import annotations

from xml.sax.saxutils import escape

from sitegen import urls
from sitegen.model import SiteConfig
from sitegen.output import OutputTree
from sitegen.views.embed import EMBED_PAGE


EXTRA_FILES = ("sitemap.xml", "robots.txt", ".nojekyll", "CNAME")
UNLISTED = ("404.html", EMBED_PAGE)  # no address of their own: served anywhere, or framed by other sites


def render_extras(config: SiteConfig, html_files: list[str]) -> OutputTree:
    pages = sorted(f for f in html_files if f.endswith(".html") and f not in UNLISTED)
    locations = "".join(
        f"  <url><loc>{escape(urls.absolute(config.base_url, f.removesuffix('index.html')))}</loc></url>\n" for f in pages
    )
    tree: OutputTree = {
        "sitemap.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + locations + "</urlset>\n"
        ).encode("utf-8"),
        # Crawlers read robots.txt only at a host's root: it takes effect where the site is served from the root.
        "robots.txt": f"User-agent: *\nAllow: /\nSitemap: {urls.absolute(config.base_url, 'sitemap.xml')}\n".encode("utf-8"),
        # GitHub Pages would otherwise run Jekyll, which hides files and folders starting with _ or .
        ".nojekyll": b"",
    }
    if config.cname:
        tree["CNAME"] = (config.cname + "\n").encode("utf-8")
    return tree
