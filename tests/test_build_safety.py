"""The swap of site/ is safe against signals, concurrent builds, killed builds and
failed writes: site/ is either the old site or the new one, never half of either,
and no staging folder is left behind."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.browser.project import BUILD_TIMEOUT, copy_project, run_build, snapshot
from tests.conftest import edit, line_of
from yjsreport.cli import main
from yjsreport.errors import display_path

KV = Path("content/inspections/kestrel-vale-2026")  # the example draft

STRAY = (".site-build-", ".site-old-")


def strays(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(STRAY))


@pytest.fixture
def built(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    done = run_build(project, "--no-pdf")
    assert done.returncode == 0, done.stderr
    return project


def start_build(project: Path, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "yjsreport", "build", *options],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_staging(project: Path, process: subprocess.Popen[str]) -> None:
    """Poll (not a timed assertion) until the build has begun writing its staging folder."""
    while not any((p / "inspections").exists() for p in project.glob(".site-build-*")):
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)


@pytest.mark.pdf
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_leaves_the_old_site_and_no_staging(built: Path, signum: int) -> None:
    before = snapshot(built / "site")
    process = start_build(built, "--drafts")
    wait_for_staging(built, process)
    process.send_signal(signum)
    _, err = process.communicate(timeout=BUILD_TIMEOUT)
    name = signal.Signals(signum).name
    assert process.returncode == 1
    assert err.strip().splitlines()[-1] == (
        f"yjsreport: build stopped by {name}; the previous site was left as it was."
    )
    assert strays(built) == []
    assert snapshot(built / "site") == before


def test_folders_left_by_a_killed_build_are_removed(built: Path) -> None:
    (built / ".site-build-999999" / "inspections").mkdir(parents=True)
    (built / ".site-old-999999").mkdir()
    assert run_build(built, "--no-pdf").returncode == 0
    assert strays(built) == []


def test_two_builds_at_once_both_finish_and_leave_one_site(built: Path) -> None:
    before = snapshot(built / "site")
    first = start_build(built, "--no-pdf")
    second = start_build(built, "--no-pdf")
    for process in (first, second):
        _, err = process.communicate(timeout=BUILD_TIMEOUT)
        assert process.returncode == 0, err
    assert strays(built) == []
    assert snapshot(built / "site") == before


@pytest.mark.pdf
def test_file_size_limit_while_writing(built: Path) -> None:
    """A PDF larger than the process may write (ulimit -f): one line, exit 1."""
    before = snapshot(built / "site")
    largest = max(len(data) for data in before.values())

    def limit() -> None:
        size = largest + 4096  # every page fits; a PDF does not
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    done = subprocess.run(
        [sys.executable, "-m", "yjsreport", "build", "--drafts"],
        cwd=built,
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "yjsreport: build failed: cannot write a file of the site: the file is larger than "
        "this system allows; the previous site was left as it was."
    ]
    assert strays(built) == []
    assert snapshot(built / "site") == before


# --- the site folder and the cache are the build's own --------------------------------


def refused_build(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The lines of a `build --no-pdf` run in-process that must stop with exit 1."""
    code = main(["build", "--no-pdf"])
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 1, lines
    return lines


@pytest.mark.parametrize(
    ("site_dir", "why"),
    [
        ("content", "is the content folder"),
        ("content/inspections", "is inside the content folder"),
    ],
)
def test_a_site_dir_that_would_replace_the_sources_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str], site_dir: str, why: str
) -> None:
    edit(Path("mkdocs.yml"), "site_dir: site", f"site_dir: {site_dir}")
    before = snapshot(project / "content")
    assert refused_build(capsys) == [
        f"mkdocs.yml:{line_of(Path('mkdocs.yml'), 'site_dir:')}: site_dir {site_dir!r} {why}"
        + (
            "; name a folder such as 'site'"
            if "inside" in why
            else "; the build replaces the whole site folder, so name a folder of its own, "
            "such as 'site'"
        ),
        "yjsreport: 1 problem found; nothing was written.",
    ]
    assert snapshot(project / "content") == before
    assert (project / KV / "inspection.yaml").is_file()  # the draft is still there


def test_a_site_folder_holding_files_the_build_did_not_write_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere")
    (outside / "notes.txt").write_text("an author's notes", encoding="utf-8")
    edit(Path("mkdocs.yml"), "site_dir: site", f"site_dir: {outside}")
    assert refused_build(capsys)[0] == (
        f"mkdocs.yml:{line_of(Path('mkdocs.yml'), 'site_dir:')}: site_dir '{outside}' holds "
        "files the build did not write (notes.txt) and no record of a build "
        "(.yjsreport-site); the build replaces the whole folder, so it stops here: move "
        "those files, or delete the folder if it is an old site"
    )
    assert [p.name for p in outside.iterdir()] == ["notes.txt"]


def test_a_file_added_to_a_built_site_stops_the_next_build(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--no-pdf"]) == 0
    (project / "site/CNAME").write_text("reports.example.invalid\n", encoding="utf-8")
    assert refused_build(capsys)[0].endswith(
        "site_dir 'site' holds files the build did not write (CNAME); the build replaces "
        "the whole folder, so it stops here: move those files, or delete the folder if it "
        "is an old site"
    )
    assert (project / "site/CNAME").is_file()
    (project / "site/CNAME").unlink()
    assert main(["build", "--no-pdf"]) == 0  # what the build wrote is its to replace


@pytest.mark.parametrize("link", [".yjsreport-cache", ".yjsreport-cache/templates"])
def test_a_link_in_the_cache_stops_the_build(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path_factory: pytest.TempPathFactory,
    link: str,
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    Path(link).parent.mkdir(exist_ok=True)
    Path(link).symlink_to(outside)
    assert refused_build(capsys)[-1] == (
        f"yjsreport: {link} is a link (to {outside}), not a folder of the build cache's "
        "own; the cache never writes through a link: remove the link and build again (the "
        "cache is safe to delete); nothing was written."
    )
    assert list(outside.iterdir()) == []
    assert not (project / "site").exists()


@pytest.mark.parametrize(
    ("key", "value", "name", "how"),
    [
        ("docs_dir", "content", "docs_dir", "is"),
        ("docs_dir", "content/inspections", "docs_dir", "is inside"),
        ("custom_dir", "content", "custom_dir", "is"),
    ],
)
def test_no_folder_mkdocs_publishes_may_hold_the_content(
    project: Path, capsys: pytest.CaptureFixture[str], key: str, value: str, name: str, how: str
) -> None:
    """docs_dir: content published every case file, drafts' too."""
    config = Path("mkdocs.yml")
    text = config.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.strip().startswith(f"{key}:"))
    edit(config, old, old.split(":")[0] + f": {value}")
    assert refused_build(capsys) == [
        f"mkdocs.yml:{line_of(config, key + ':')}: {name} {value!r} {how} the content folder; "
        "MkDocs publishes every file there, so the case files would be published: keep the "
        "site's pages and theme outside the content folder (as templates/pages and "
        "templates/site)",
        "yjsreport: 1 problem found; nothing was written.",
    ]
    assert not (project / "site").exists()


@pytest.mark.parametrize(
    ("planted", "why"),
    [
        ("passwd", "'passwd', which is not a page, image, style or document"),
        ("keys/id_ed25519", "'keys/id_ed25519', which is not a page, image, style or document"),
        ("court.csv", "'court.csv', which is not a page, image, style or document"),
    ],
)
def test_a_docs_dir_holding_files_that_are_not_pages_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, planted: str, why: str
) -> None:
    """`docs_dir: /etc` (or a home folder) published whatever it held; only pages, their
    images, styles and documents may be in it (dot files are left out, as MkDocs does)."""
    pages = tmp_path / "outside"
    (pages / planted).parent.mkdir(parents=True, exist_ok=True)
    (pages / "about.md").write_text("# About\n", encoding="utf-8")
    (pages / ".hidden").write_text("left out by MkDocs", encoding="utf-8")
    (pages / planted).write_text("root:x:0:0", encoding="utf-8")
    config = Path("mkdocs.yml")
    old = next(x for x in config.read_text("utf-8").splitlines() if x.startswith("docs_dir:"))
    edit(config, old, f"docs_dir: {pages}")
    assert refused_build(capsys) == [
        f"mkdocs.yml:{line_of(config, 'docs_dir:')}: docs_dir {display_path(pages)!r} "
        f"holds {why}; "
        "MkDocs publishes every file there: point docs_dir at a folder of the site's own "
        "pages (such as templates/pages)",
        "yjsreport: 1 problem found; nothing was written.",
    ]
    assert not (project / "site").exists()


def test_plain_mkdocs_build_keeps_the_content_too(project: Path) -> None:
    """MkDocs empties site_dir before it builds: the plugin refuses the folder first."""
    from tests.test_mkdocs_build import mkdocs_build

    edit(Path("mkdocs.yml"), "site_dir: site", "site_dir: content")
    before = snapshot(project / "content")
    done = mkdocs_build(project)
    assert done.returncode == 1
    assert (
        "site_dir 'content' is the content folder; the build replaces the whole site folder, "
        "so name a folder of its own, such as 'site'"
    ) in done.stderr
    assert snapshot(project / "content") == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "site_name: [unclosed\n",
            "is not a valid configuration: MkDocs encountered an error parsing the "
            "configuration file: while parsing a flow sequence",
        ),
        ("site_name: Reports\ndocs_dir: templates/pages\n", "does not use the yjsreport plugin"),
    ],
    ids=["broken-yaml", "no-plugin"],
)
def test_a_configuration_that_cannot_be_used_is_one_message(
    project: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    """Each was a traceback."""
    Path("other.yml").write_text(text, encoding="utf-8")
    assert main(["build", "--no-pdf", "--config", "other.yml"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-2].startswith(f"other.yml: {message}"), err
    assert err[-1] == "yjsreport: 1 problem found; nothing was written."
