"""The file system under attack and under mistakes: the output folder, links and odd files, kills and races."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from sitegen.cli import main

NOW = "2026-11-26T12:00:00Z"


def cli(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result


def sitegen(*args: str, **options) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "sitegen", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **options)


def tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("output", ["content", "themes", ".git", ".", "content/output", "..", "output-link"])
def test_an_output_folder_that_would_destroy_the_site_is_refused_before_anything_is_touched(site_dir, output):
    root = site_dir("minimal")
    for name in ("themes", ".git"):
        (root / name).mkdir()
        (root / name / "keep").write_text("mine")
    (root / "output-link").symlink_to("content")
    before = tree(root.parent)
    result = cli("build", "--site", str(root), "--output", str(root / output), "--now", NOW)
    assert result.exit_code == 2
    assert "a build replaces its output folder as a whole, so choose another" in result.output
    assert tree(root.parent) == before


def test_an_output_symlink_to_content_is_refused(site_dir):
    root = site_dir("minimal")
    (root / "output").symlink_to("content")
    result = cli("build", "--site", str(root), "--now", NOW)
    assert result.exit_code == 2
    assert "output leads to the site's content/" in result.output
    assert (root / "content" / "incidents" / "2026-11-20-api-errors.md").is_file()


def test_links_out_of_the_site_and_special_files_are_located_errors_and_never_published(site_dir, tmp_path):
    root = site_dir("minimal")
    secret = tmp_path / "secret.txt"
    secret.write_text("SITEGEN_WEBHOOK_URL=https://hooks.example/secret")
    static = root / "themes" / "default" / "static"
    static.mkdir(parents=True)
    (static / "leak.css").symlink_to(secret)
    incidents = root / "content" / "incidents"
    (incidents / "2026-11-21-leak.md").symlink_to(secret)
    (incidents / "2026-11-22-dangling.md").symlink_to(tmp_path / "nowhere")
    (incidents / "loop").symlink_to("loop")
    (incidents / "2026-11-23-folder.md").mkdir()
    os.mkfifo(incidents / "2026-11-24-fifo.md")
    (incidents / "up").symlink_to("..")  # inside the site: walked once, not forever
    process = sitegen("build", "--site", str(root), "--now", NOW)
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 1
    assert "Traceback" not in errors
    lines = errors.splitlines()
    assert f"content/incidents/2026-11-21-leak.md: is a symbolic link to {secret}, outside the site; sitegen " \
           "reads nothing outside the site, so copy the file in instead" in lines
    assert "content/incidents/2026-11-22-dangling.md: is a broken or looping symbolic link; remove it or point " \
           "it at a file" in lines
    assert any(line.startswith("content/incidents/loop: is a broken or looping") for line in lines)
    assert any(line.startswith("content/incidents/2026-11-23-folder.md: is a folder") for line in lines)
    assert "content/incidents/2026-11-24-fifo.md: is not a regular file (a FIFO, device or socket); remove it " \
           "from the site" in lines
    assert not (root / "output").exists()
    for name in ("2026-11-21-leak.md", "2026-11-22-dangling.md", "loop", "2026-11-23-folder.md",
                 "2026-11-24-fifo.md"):
        (incidents / name).unlink() if not (incidents / name).is_dir() or (incidents / name).is_symlink() \
            else (incidents / name).rmdir()
    result = cli("build", "--site", str(root), "--now", NOW)
    assert result.exit_code == 1
    assert f"themes/default/static/leak.css: is a symbolic link to {secret}, outside the site" in result.output
    assert not (root / "output").exists()


def test_an_unreadable_file_is_a_located_error(site_dir):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    root = site_dir("minimal")
    locked = root / "content" / "incidents" / "2026-11-20-api-errors.md"
    locked.chmod(0)
    result = cli("build", "--site", str(root), "--now", NOW)
    assert "content/incidents/2026-11-20-api-errors.md: cannot be read: Permission denied" in result.output


def test_two_builds_at_once_give_one_complete_site_and_a_clear_message(site_dir):
    root = site_dir("full")
    processes = [sitegen("build", "--site", str(root), "--now", NOW) for _ in range(4)]
    outcomes = [(p.wait(timeout=120), p.stderr.read()) for p in processes]
    assert sum(1 for code, _ in outcomes if code == 0) >= 1
    for code, errors in outcomes:
        assert "Traceback" not in errors
        assert code == 0 or errors.startswith("error: another build is writing beside")
    assert (root / "output" / "index.html").is_file()
    assert [p.name for p in root.iterdir() if p.name.startswith(".output")] == []


def test_a_killed_build_never_leaves_the_site_without_output_and_the_next_cleans_up(site_dir):
    root = site_dir("full")
    assert cli("build", "--site", str(root), "--now", NOW).exit_code == 0
    good = tree(root / "output")
    for delay in (0.2, 0.4, 0.6, 0.8, 1.0):
        process = sitegen("build", "--site", str(root), "--now", NOW)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert tree(root / "output") == good
    assert cli("build", "--site", str(root), "--now", NOW).exit_code == 0
    assert [p.name for p in root.iterdir() if p.name.startswith(".output")] == []
    assert tree(root / "output") == good


def test_ten_updates_at_once_keep_every_entry(site_dir):
    root = site_dir("full")
    slug = "2026-11-25-search-slow"
    processes = [sitegen("update", f"content/incidents/{slug}.md", "--site", str(root), "--status", "monitoring",
                         "--message", f"Parallel update number {n} is out.", "--now", NOW) for n in range(10)]
    assert [p.wait(timeout=120) for p in processes] == [0] * 10
    text = (root / "content" / "incidents" / f"{slug}.md").read_text()
    assert sorted(n for n in range(10) if f"Parallel update number {n} is out." in text) == list(range(10))
    assert cli("check", "--site", str(root), "--now", NOW).exit_code == 0
    assert [p.name for p in (root / "content" / "incidents").iterdir() if p.name.startswith(".")] == []


def test_a_killed_update_leaves_the_old_file_or_the_new_one(site_dir):
    root = site_dir("full")
    path = root / "content" / "incidents" / "2026-11-25-search-slow.md"
    original = path.read_bytes()
    for delay in (0.1, 0.3, 0.5, 0.7):
        process = sitegen("update", "2026-11-25-search-slow", "--site", str(root), "--status", "monitoring",
                          "--message", "Still watching the search cluster.", "--now", NOW)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        now = path.read_bytes()
        assert now == original or now.startswith(original[: original.rindex(b"---")])
        assert cli("check", "--site", str(root), "--now", NOW).exit_code == 0
        original = now


def test_update_refuses_a_file_saved_by_someone_else_meanwhile(site_dir):
    from sitegen.atomic import ChangedError, replace_file

    root = site_dir("minimal")
    path = root / "content" / "incidents" / "2026-11-20-api-errors.md"
    read = path.read_bytes()
    path.write_bytes(read.replace(b"Elevated", b"High"))  # an editor saves between read and write
    with pytest.raises(ChangedError, match="changed while the command ran"):
        replace_file(path, read + b"\n", read)
    assert b"High API error rates" in path.read_bytes()


def test_an_output_moved_aside_by_a_killed_build_is_put_back_before_the_next_build(site_dir):
    root = site_dir("minimal")
    assert cli("build", "--site", str(root), "--now", NOW).exit_code == 0
    # What a build killed between its two renames leaves where the system cannot swap folders in one step.
    aside = root / ".output.old-kill"
    aside.mkdir()
    (root / "output").rename(aside / "site")
    (root / ".output.new-kill").mkdir()
    (root / "content" / "incidents" / "2026-11-21-broken.md").write_text("---\ntitle: [\n---\n")
    assert cli("build", "--site", str(root), "--now", NOW).exit_code == 1
    assert (root / "output" / "index.html").is_file()
    assert sorted(p.name for p in root.iterdir()) == ["content", "output", "site.yml"]


def test_four_new_incidents_with_one_title_at_once_get_four_whole_files(site_dir):
    root = site_dir("minimal")
    processes = [sitegen("new", "incident", "Checkout fails", "--impact", "major", "--component", "api",
                         "--site", str(root), "--now", NOW) for _ in range(4)]
    paths = sorted(p.communicate(timeout=120)[0].strip().removeprefix(f"{root}/") for p in processes)
    assert paths == [f"content/incidents/2026-11-26-checkout-fails{suffix}.md" for suffix in ("-2", "-3", "-4", "")]
    assert cli("check", "--site", str(root), "--now", NOW).exit_code == 0
