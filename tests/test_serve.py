"""`sitegen serve`: what it watches, what it re-reads, and the real server on a free loopback port."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from sitegen.serve import LiveSite, Rebuilder, Snapshot, Watcher
from tests.helpers import NOW


def test_the_watcher_ignores_output_dotfiles_and_editor_backups(tmp_path):
    watcher = Watcher(tmp_path, tmp_path / "output")
    relevant = ["site.yml", "content/incidents/x.md", "themes/default/templates/base.html", "themes/x/static/a.css"]
    ignored = ["output/index.html", ".git/index", "content/incidents/.x.md.swp", "content/incidents/x.md~",
               "README.md", "bench/run.py", "content/incidents/#x.md#", "content/incidents/4913",
               "content/incidents/x.md.tmp", "themes/x/templates/.#base.html"]
    assert all(watcher.relevant(tmp_path / p) for p in relevant)
    assert not any(watcher.relevant(tmp_path / p) for p in ignored)


def test_the_observer_watches_neither_git_nor_the_output_folder(site_dir):
    from sitegen.serve import watch

    root = site_dir("minimal")
    for name in (".git", "output", "themes"):
        (root / name).mkdir()
    observer = watch(root, Watcher(root, root / "output"))
    try:
        watched = sorted((Path(w.path).relative_to(root).as_posix(), w.is_recursive) for w in observer._watches)
    finally:
        observer.stop()
    assert watched == [(".", False), ("content", True), ("themes", True)]


def test_a_rebuild_rereads_only_the_changed_file(site_dir):
    root = site_dir("full")
    rebuilder = Rebuilder(root, lambda: NOW)
    assert isinstance(rebuilder.rebuild(), Snapshot)
    before = {path: entry[1] for path, entry in rebuilder.documents.items()}
    changed = root / "content" / "incidents" / "2026-11-25-search-slow.md"
    changed.write_text(changed.read_text().replace("Search results slow", "Search results very slow"))
    snapshot = rebuilder.rebuild(theme_changed=False)
    after = {path: entry[1] for path, entry in rebuilder.documents.items()}
    assert [p.name for p in after if after[p] is not before[p]] == ["2026-11-25-search-slow.md"]
    assert b"Search results very slow" in snapshot.get("index.html")[0]


def test_errors_keep_the_last_good_snapshot(site_dir):
    root = site_dir("minimal")
    live = LiveSite(Rebuilder(root, lambda: NOW))
    live.rebuild()
    good = live.snapshot
    (root / "content" / "incidents" / "2026-11-21-bad.md").write_text("---\ntitle: [\n---\n")
    live.rebuild()
    assert live.snapshot is good
    assert [str(p) for p in live.errors][0].startswith("content/incidents/2026-11-21-bad.md:3: YAML syntax error")
    assert live.epoch == 2


def fetch(url: str, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def start_serve(root) -> tuple[subprocess.Popen, str]:
    """`sitegen serve` on a free port; returns the process, with stderr past the "Serving" line, and its URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "sitegen", "serve", "--site", str(root), "--port", "0", "--now", "2026-11-26T12:00:00Z"],
        stderr=subprocess.PIPE, text=True,
    )
    line = ""
    while "Serving" not in line:
        line = process.stderr.readline()
        assert line or process.poll() is None, "serve exited"
    return process, re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)


@pytest.fixture
def server(site_dir):
    root = site_dir("minimal")
    process, base = start_serve(root)
    threading.Thread(target=lambda: [None for _ in process.stderr], daemon=True).start()
    yield root, base
    process.terminate()
    process.wait(timeout=10)


def wait_for(base: str, page: str, epoch: int, condition) -> tuple[int, str]:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        epoch = int(fetch(f"{base}__sitegen/epoch?since={epoch}")[1])
        status, body = fetch(base + page)
        if condition(body):
            return epoch, body
    raise AssertionError("the change never showed")


def test_the_real_server_shows_edits_errors_and_recovery(server):
    root, base = server
    status, home = fetch(base)
    assert status == 200 and "All systems operational" in home
    assert fetch(base + "feed.atom")[1].startswith("<?xml")
    assert fetch(base + "no-such-page/")[0] == 404
    epoch = int(re.search(r"\)\((\d+)\);</script>", home).group(1))
    incident = root / "content" / "incidents" / "2026-11-20-api-errors.md"
    good = incident.read_text()
    incident.write_text(good.replace("Elevated API error rates", "Elevated API error rates in the EU"))
    epoch, page = wait_for(base, "", epoch, lambda body: "Elevated API error rates in the EU" in body)
    incident.write_text(good.replace("status: resolved", "status: fixed"))
    epoch, page = wait_for(base, "", epoch, lambda body: 'id="sitegen-errors"' in body)
    assert "timeline[1].status: &#x27;fixed&#x27; is not one of" in page
    assert "Elevated API error rates in the EU" in page  # the last good site is still served
    incident.write_text(good)
    epoch, page = wait_for(base, "", epoch, lambda body: 'id="sitegen-errors"' not in body)
    assert "Elevated API error rates in the EU" not in page


@pytest.mark.parametrize("name", ["full", "example"])
def test_serve_answers_every_built_path_with_the_built_bytes(site_dir, name):
    from http.server import ThreadingHTTPServer
    from urllib.parse import quote

    from sitegen.build import build_site
    from sitegen.serve import make_handler

    root = site_dir(name)
    built = build_site(root, NOW).tree
    live = LiveSite(Rebuilder(root, lambda: NOW))
    live.rebuild()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(live))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_port}/"
        assert len(built) > 40 and "favicon.svg" in built and "robots.txt" in built
        for path, data in sorted(built.items()):
            with urllib.request.urlopen(base + quote(path), timeout=30) as response:
                assert response.status == 200, path
                body = response.read()
            if path.endswith(".html"):  # serve adds its live-reload script before </body>
                body = re.sub(rb"<script>\(function poll\(e\).*?</script></body>", b"</body>", body, flags=re.DOTALL)
            assert body == data, path
    finally:
        server.shutdown()
        server.server_close()
def test_only_our_own_host_names_are_served(server):
    _, base = server
    port = base.rsplit(":", 1)[1].strip("/")
    assert fetch(base, f"localhost:{port}")[0] == 200
    assert fetch(base, f"127.0.0.1:{port}")[0] == 200
    assert fetch(base, f"attacker.example:{port}")[0] == 403  # DNS rebinding from a web page
    assert fetch(base, "127.0.0.1.attacker.example")[0] == 403


def test_the_reload_endpoint_validates_its_input(server):
    _, base = server
    assert fetch(base + "__sitegen/epoch?since=abc") == (400, "since must be a whole number\n")
    assert fetch(base + "__sitegen/epoch?since=" + "9" * 400)[0] == 400


def test_a_save_with_any_bad_value_keeps_the_last_good_site_and_the_rebuilds_going(server):
    root, base = server
    _, home = fetch(base)
    epoch = int(re.search(r"\)\((\d+)\);</script>", home).group(1))
    incident = root / "content" / "incidents" / "2026-11-20-api-errors.md"
    good = incident.read_text()
    for bad in ('title: "\\e[31m"', "title: &a [*a]", "title: !!python/name:os.system x",
                "title: x\n  started_at: 9999-12-31T23:59:59-12:00"):
        incident.write_text(good.replace("title: Elevated API error rates", bad))
        epoch, page = wait_for(base, "", epoch, lambda body: 'id="sitegen-errors"' in body)
        assert "Elevated API error rates" in page
    incident.write_text(good.replace("Elevated API error rates", "Recovered title"))
    wait_for(base, "", epoch, lambda body: "Recovered title" in body and 'id="sitegen-errors"' not in body)


def test_a_busy_port_is_one_line(server):
    root, base = server
    port = int(base.rsplit(":", 1)[1].strip("/"))
    second = subprocess.run([sys.executable, "-m", "sitegen", "serve", "--site", str(root), "--port", str(port)],
                            capture_output=True, text=True, timeout=60)
    assert second.returncode == 1
    assert second.stderr == f"error: port {port} is in use; try --port {port + 1}\n"


def test_closed_connections_print_nothing(site_dir):
    root = site_dir("minimal")
    process, base = start_serve(root)
    for _ in range(5):
        try:
            urllib.request.urlopen(base + "__sitegen/epoch?since=99", timeout=0.2)
        except OSError:
            pass  # the client gives up, as a closed tab does
    incident = root / "content" / "incidents" / "2026-11-20-api-errors.md"
    incident.write_text(incident.read_text().replace("Elevated", "High"))  # the server answers the gone clients
    time.sleep(2)
    process.send_signal(2)
    _, rest = process.communicate(timeout=30)
    assert "Traceback" not in rest
    assert "Error" not in rest
