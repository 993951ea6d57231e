"""`sitegen serve`: build in memory, serve on loopback, re-read only changed files, reload open tabs.

Pages are rendered when a browser asks for them, from a snapshot of the model that each rebuild
replaces: a saved edit costs re-reading one file, re-validating the model and rendering the page
in view, not a whole-site render.
"""

from __future__ import annotations

import errno
import html
import ipaddress
import mimetypes
import threading
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, unquote, urlsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from sitegen.config import load_config
from sitegen.content import build_site_model
from sitegen.errors import Problem, Problems
from sitegen.markup import Markdown
from sitegen.render.extras import render_extras
from sitegen.render.html import render_pages
from sitegen.render.registry import family_of, is_extra, is_page, render_family
from sitegen.source import Document, content_files, read_document
from sitegen.theme import Theme, load_theme
from sitegen.views import SiteFacts, page_maker_for, page_makers

DEBOUNCE = 0.03  # seconds of quiet after a change before rebuilding: editors write a file in several steps
CLOCK_REBUILD = 60  # seconds: keeps "ongoing for 12 min" and maintenance phases honest
RELOAD_PATH = "/__sitegen/epoch"
TYPES = {".atom": "application/atom+xml", ".rss": "application/rss+xml", ".ics": "text/calendar",
         ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml"}


@dataclass
class Snapshot:
    """The last good site: rendered lazily, path by path, and cached until the next rebuild."""

    facts: SiteFacts
    theme: Theme
    cache: dict[str, bytes] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, path: str) -> tuple[bytes | None, list[Problem]]:
        with self.lock:
            if path not in self.cache:
                problems = self._render(path)
                if problems:
                    return None, problems
            return self.cache.get(path), []

    def _render(self, path: str) -> list[Problem]:
        if path in self.theme.static:
            self.cache[path] = self.theme.static[path]
            return []
        problems = Problems()
        if is_page(path):
            maker = page_maker_for(self.facts, path)
            if maker:
                self.cache.update(render_pages([maker], self.theme, self.facts.words, problems, workers=1))
                return problems.errors
        family = family_of(path)
        if family:
            self.cache.update(render_family(family, self.facts))
            return []
        if is_extra(path):
            pages = render_pages(page_makers(self.facts), self.theme, self.facts.words, problems, workers=1)
            self.cache.update(pages)
            self.cache.update(render_extras(self.facts.config, list(pages)))
        return problems.errors


class Rebuilder:
    """Keeps parsed documents between rebuilds; re-reads a content file only when its mtime or size changed."""

    def __init__(self, root: Path, now: Callable[[], datetime]) -> None:
        self.root = root
        self.now = now
        self.markdown = Markdown()  # its cache survives rebuilds: unchanged messages are not rendered again
        self.documents: dict[Path, tuple[tuple[int, int], Document | None, list[Problem]]] = {}
        self.theme: Theme | None = None

    def rebuild(self, theme_changed: bool = True) -> Snapshot | list[Problem]:
        problems = Problems()
        config = load_config(self.root, problems)
        documents = self._documents(problems)
        if config is None:
            return problems.errors
        site = build_site_model(config, documents, problems)
        if theme_changed or self.theme is None:
            theme_problems = Problems()
            self.theme = load_theme(self.root, config.theme, theme_problems)
            problems.extend(theme_problems.items)
        if problems.errors:
            return problems.errors
        snapshot = Snapshot(SiteFacts(site, self.now(), self.markdown), self.theme)
        # Render the home page now: it is the page most likely open, and a template error shows at once.
        _, render_problems = snapshot.get("index.html")
        return render_problems or snapshot

    def _documents(self, problems: Problems) -> list[Document]:
        seen: dict[Path, tuple[tuple[int, int], Document | None, list[Problem]]] = {}
        for kind, file in content_files(self.root, problems):
            try:
                stat = file.stat()
            except OSError:
                continue  # removed since it was listed: the next rebuild sees it gone
            key = (stat.st_mtime_ns, stat.st_size)
            cached = self.documents.get(file)
            if cached is None or cached[0] != key:
                found = Problems()
                cached = (key, read_document(self.root, file, kind, found), found.items)
            seen[file] = cached
            problems.extend(cached[2])
        self.documents = seen
        return [document for _, document, _ in seen.values() if document is not None]


class LiveSite:
    """What the server shows: the last good snapshot, the errors of the last attempt, and a reload epoch."""

    def __init__(self, rebuilder: Rebuilder) -> None:
        self.rebuilder = rebuilder
        self.snapshot: Snapshot | None = None
        self.errors: list[Problem] = []
        self.epoch = 0
        self.changed = threading.Condition()
        self.last_seconds = 0.0

    def rebuild(self, theme_changed: bool = True) -> None:
        """Rebuild; whatever goes wrong, the last good snapshot stays and the error shows in the panel."""
        started = time.perf_counter()
        try:
            result = self.rebuilder.rebuild(theme_changed)
        except Exception as error:  # noqa: BLE001 - a preview must outlive any bad save
            result = [Problem("sitegen", 0, "", f"the rebuild failed ({type(error).__name__}: {error}); "
                              "fix the last change, or report this as a bug")]
            self.rebuilder.theme = None  # the next attempt starts afresh
        with self.changed:
            if isinstance(result, Snapshot):
                self.snapshot, self.errors = result, []
            else:
                self.errors = sorted(result)
            self.epoch += 1
            self.last_seconds = time.perf_counter() - started
            self.changed.notify_all()

    def wait_for_change(self, epoch: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.epoch != epoch, timeout)
            return self.epoch


def reload_script(epoch: int) -> str:
    return (
        "<script>(function poll(e){fetch('" + RELOAD_PATH + "?since='+e).then(function(r){return r.text()})"
        ".then(function(n){if(n!==String(e)){location.reload()}else{poll(e)}})"
        ".catch(function(){setTimeout(function(){poll(e)},1000)})})(" + str(epoch) + ");</script>"
    )


def error_panel(errors: list[Problem]) -> str:
    items = "".join(f"<li>{html.escape(str(problem))}</li>" for problem in errors)
    return (
        '<div role="alert" id="sitegen-errors" style="position:fixed;left:0;right:0;bottom:0;max-height:50vh;'
        "overflow:auto;background:#fff0f0;color:#5c0000;border-top:4px solid #b3261e;padding:1rem;z-index:99;"
        'font:14px/1.4 monospace"><button type="button" onclick="this.parentNode.remove()" style="float:right">'
        f"Dismiss</button><strong>The site has {len(errors)} error{'s' if len(errors) != 1 else ''}; showing the "
        f"last good build.</strong><ul>{items}</ul></div>"
    )


def allowed_host(header: str, allowed: set[str]) -> bool:
    """Whether a request's Host header names this server: localhost, a loopback address, or --host."""
    host = header.rsplit(":", 1)[0] if not header.endswith("]") else header
    host = host.strip("[]").lower().rstrip(".")
    if host in allowed or host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or "0.0.0.0" in allowed or "::" in allowed  # bound to every address: any IP


def make_handler(live: LiveSite, allowed: set[str] | None = None) -> type[BaseHTTPRequestHandler]:
    allowed = allowed or set()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
            pass

        def do_HEAD(self) -> None:  # noqa: N802 - the base class's name
            self.head_only = True
            self.do_GET()

        def do_GET(self) -> None:  # noqa: N802 - the base class's name
            if not allowed_host(self.headers.get("Host", ""), allowed):
                # A page on another site can point its own name at 127.0.0.1 (DNS rebinding); only our names pass.
                self._send(HTTPStatus.FORBIDDEN, b"sitegen serve answers only to localhost and its own address\n",
                           "text/plain")
                return
            try:
                self._get()
            except ConnectionError:
                pass  # the browser went away; nothing to tell
            except Exception as error:  # noqa: BLE001 - one bad page must not take the preview down
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR,
                           f"sitegen could not render this page: {type(error).__name__}: {error}\n".encode(),
                           "text/plain")

        def _get(self) -> None:
            url = urlsplit(self.path)
            if url.path == RELOAD_PATH:
                since = parse_qs(url.query).get("since", ["-1"])[0]
                if not since.lstrip("-").isdigit() or len(since) > 18:
                    self._send(HTTPStatus.BAD_REQUEST, b"since must be a whole number\n", "text/plain")
                    return
                self._send(HTTPStatus.OK, str(live.wait_for_change(int(since), 25)).encode(), "text/plain")
                return
            path = unquote(url.path).lstrip("/")
            if path == "" or path.endswith("/"):
                path += "index.html"
            snapshot = live.snapshot
            body, problems = snapshot.get(path) if snapshot else (None, live.errors)
            errors = live.errors or problems
            status = HTTPStatus.OK
            if body is None and snapshot is not None and not problems:
                if not path.endswith(".html") and (snapshot.get(path + "/index.html")[0] is not None):
                    self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                    self.send_header("Location", "/" + path + "/")
                    self.end_headers()
                    return
                body, _ = snapshot.get("404.html")
                status = HTTPStatus.NOT_FOUND
            kind = TYPES.get(Path(path).suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"
            if body is None:
                body, kind = b"<!DOCTYPE html><html lang=en><title>sitegen</title><body></body></html>", "text/html"
            if kind == "text/html":
                extra = (error_panel(errors) if errors else "") + reload_script(live.epoch)
                body = body.replace(b"</body>", extra.encode("utf-8") + b"</body>", 1)
            self._send(status, body, kind)

        def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/") else kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if not getattr(self, "head_only", False):
                self.wfile.write(body)

    return Handler


def _scratch(name: str) -> bool:
    """Hidden files and the scratch files editors write beside the one being saved (vim, emacs, others)."""
    return (name.startswith((".", "#")) or name.endswith(("~", "#", ".swp", ".swx", ".swo", ".tmp", ".bak"))
            or name == "4913")


class Watcher(FileSystemEventHandler):
    """Collects changes under the site; a rebuild follows once they stop for DEBOUNCE seconds."""

    def __init__(self, root: Path, output: Path) -> None:
        self.root = root.resolve()
        self.ignored = output.resolve()
        self.pending: set[Path] = set()
        self.event = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return  # reading a file changes nothing
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if not raw:
                continue
            path = Path(raw if isinstance(raw, str) else raw.decode()).resolve()
            if self.relevant(path):
                self.pending.add(path)
                self.event.set()

    def relevant(self, path: Path) -> bool:
        if path == self.ignored or self.ignored in path.parents:
            return False
        try:
            parts = path.relative_to(self.root).parts
        except ValueError:
            return False
        if not parts or any(_scratch(part) for part in parts):
            return False
        return parts[0] in ("content", "themes") or parts == ("site.yml",)

    def take(self) -> set[Path]:
        """Wait for a change, then for quiet; return the changed paths."""
        self.event.wait(CLOCK_REBUILD)
        while self.event.is_set():
            self.event.clear()
            time.sleep(DEBOUNCE)
        changed, self.pending = self.pending, set()
        return changed


class ServeError(Exception):
    """The server cannot start; the message is one line saying what to do."""


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001 - the base class's signature
        """A closed tab is not news; anything else is one line, not a traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            print(f"sitegen serve: a request failed: {type(error).__name__}: {error}", file=sys.stderr)


def start_server(host: str, port: int, handler: type[BaseHTTPRequestHandler]) -> PreviewServer:
    try:
        return PreviewServer((host, port), handler)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise ServeError(f"port {port} is in use; try --port {port + 1}") from None
        if error.errno == errno.EACCES:
            raise ServeError(f"port {port} needs privileges; try --port 8000") from None
        raise ServeError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    except (OverflowError, UnicodeError) as error:
        raise ServeError(f"cannot listen on {host}:{port}: {error}") from None


def watch(root: Path, watcher: Watcher) -> Observer:
    """Watch site.yml, content/ and themes/ only: not .git or the output folder, which builds rewrite."""
    observer = Observer()
    observer.schedule(watcher, str(root), recursive=False)
    for name in ("content", "themes"):
        if (root / name).is_dir():
            observer.schedule(watcher, str(root / name), recursive=True)
    observer.start()
    return observer


def serve(root: Path, host: str, port: int, now: Callable[[], datetime], announce: Callable[[str], None]) -> None:
    """Serve until interrupted; raises ServeError when the server cannot start."""
    root = root.resolve()
    live = LiveSite(Rebuilder(root, now))
    server = start_server(host, port, make_handler(live, {host.lower().strip("[]")}))
    live.rebuild()
    report(live, announce)
    watcher = Watcher(root, root / "output")
    observer = watch(root, watcher)

    def rebuild_forever() -> None:
        watching_themes = (root / "themes").is_dir()
        while True:
            changed = watcher.take()
            if not watching_themes and (root / "themes").is_dir():
                observer.schedule(watcher, str(root / "themes"), recursive=True)
                watching_themes = True
            theme_changed = any("themes" in p.relative_to(root).parts[:1] for p in changed)
            live.rebuild(theme_changed)
            report(live, announce)

    threading.Thread(target=rebuild_forever, daemon=True).start()
    announce(f"Serving {root} at http://{host}:{server.server_address[1]}/ (Ctrl+C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.server_close()


def report(live: LiveSite, announce: Callable[[str], None]) -> None:
    if live.errors:
        for problem in live.errors:
            announce(str(problem))
        announce(f"{len(live.errors)} errors; serving the last good build")
    else:
        announce(f"Rebuilt in {live.last_seconds * 1000:.0f} ms")
