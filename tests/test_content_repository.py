"""A content repository of an inspectorate's own: `init`, the packaged templates and the
repository's own files replacing them, and the commands as used in one (or outside one).

These run from this clone; tests/test_wheel.py runs the same commands from a built wheel."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import CONTENT, TEMPLATES
from yjsreport import __version__
from yjsreport.cli import EXIT_UNAVAILABLE, EXIT_USAGE, main
from yjsreport.pdf.cache import ABSENT, PdfCache
from yjsreport.pdf.fetcher import ProjectFetcher, RefusedURL
from yjsreport.resources import CONSTRAINTS, FRAMEWORKS, STARTER, template_folders

SLUG = "moorfield-2027"
NEW = ["new", SLUG, "--service", "Moorfield Youth Justice Service", "--fieldwork", "2027-03-08"]


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository made by `init`, with one new draft, as the cwd."""
    folder = tmp_path / "reports"
    assert main(["init", str(folder), "--site-url", "https://reports.moorfield.example/"]) == 0
    monkeypatch.chdir(folder)
    assert main([*NEW, "--quiet"]) == 0
    return folder


def test_init_writes_a_repository_that_uses_the_packaged_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reports"
    assert main(["init", str(folder), "--site-name", "Moorfield: inspections"]) == 0
    assert "Content repository written to" in capsys.readouterr().out
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "Moorfield: inspections"
    assert config["theme"] == {"name": "yjsreport"}
    assert config["docs_dir"] == "pages" and (folder / "pages").is_dir()
    assert config["plugins"] == [{"yjsreport": {"content": "content", "templates": "templates"}}]
    assert not (folder / "templates").exists()  # the packaged ones serve until it has its own
    copied = sorted(p.name for p in (folder / "content/frameworks").glob("*.yaml"))
    formats = sorted(p.name for p in (folder / "content/frameworks/formats").glob("*.yaml"))
    assert formats == sorted(p.name for p in FRAMEWORKS.glob("formats/*.yaml"))
    assert copied == sorted(p.name for p in FRAMEWORKS.glob("*.yaml")) == ["2018.yaml", "2021.yaml"]
    for name in copied:
        assert (folder / "content/frameworks" / name).read_bytes() == (
            FRAMEWORKS / name
        ).read_bytes()
    assert (folder / "content/inspections").is_dir()
    assert (folder / ".github/workflows/publish.yml").is_file()
    updates = yaml.safe_load((folder / ".github/dependabot.yml").read_text(encoding="utf-8"))
    assert [u["package-ecosystem"] for u in updates["updates"]] == ["github-actions", "pip"]
    hooks = yaml.safe_load((folder / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert hooks["repos"][0]["hooks"][0]["entry"] == "yjsreport check --quiet"
    requirements = (folder / "requirements.txt").read_text(encoding="utf-8")
    assert f"yjsreport=={__version__}\n" in requirements
    # the dependencies at the versions this yjsreport was tested with, from the package
    pins = (folder / "constraints.txt").read_text(encoding="utf-8").splitlines()
    packaged = CONSTRAINTS.read_text(encoding="utf-8").splitlines()
    assert [p for p in pins if not p.startswith("#")] == [
        p for p in packaged if not p.startswith("#")
    ]
    assert any(p.startswith("weasyprint==") for p in pins)
    workflow = (folder / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    assert "pip install --quiet -c constraints.txt -r requirements.txt" in workflow
    # the Debian packages: the packaged script, as this project's CI runs it
    script = folder / ".github/system-packages"
    assert script.read_bytes() == (STARTER / "system-packages").read_bytes()
    assert "bash .github/system-packages base" in workflow and "apt-get" not in workflow
    assert (folder / "schemas/inspection.schema.json").is_file()
    assert "/site/" in (folder / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_init_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert f"yjsreport: {tmp_path} is not empty; nothing was written" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_new_repository_checks_and_builds_with_the_packaged_templates(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["check", SLUG]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{SLUG}:") and "1 inspection(s) checked: no problems" in out
    assert main(["build", "--drafts", "--no-pdf", "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    page = (repository / f"site/inspections/{SLUG}/index.html").read_text(encoding="utf-8")
    assert "Moorfield Youth Justice Service" in page and "Draft preview" in page
    assert (repository / "site/assets/report.css").read_bytes() == (
        TEMPLATES / "site/assets/report.css"
    ).read_bytes()


def test_the_repositorys_own_templates_replace_the_packaged_ones_file_by_file(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = repository / "templates/site"
    own.mkdir(parents=True)
    theme = (TEMPLATES / "site/main.html").read_text(encoding="utf-8")
    (own / "main.html").write_text(theme.replace("<main ", '<p id="ours"></p><main '), "utf-8")
    home = (TEMPLATES / "site/home.html").read_text(encoding="utf-8")
    (own / "home.html").write_text('<p id="our-home"></p>\n' + home, encoding="utf-8")
    assert main(["build", "--drafts", "--no-pdf"]) == 0, capsys.readouterr().err
    index = (repository / "site/index.html").read_text(encoding="utf-8")
    report = (repository / f"site/inspections/{SLUG}/index.html").read_text(encoding="utf-8")
    assert '<p id="ours"></p>' in index and '<p id="ours"></p>' in report  # the theme's file
    assert '<p id="our-home"></p>' in index  # a page template
    assert '<p id="our-home"></p>' not in report
    assert "<table" in report  # every other template still the packaged one


def test_the_pdf_reads_the_repositorys_own_stylesheet_else_the_packaged_one(
    tmp_path: Path,
) -> None:
    own = tmp_path / "templates"
    packaged = TEMPLATES.resolve()
    fetcher = ProjectFetcher([], layers=template_folders(own))
    url = (own / "print/print.css").resolve().as_uri()
    assert fetcher.resolve(url) == packaged / "print/print.css"
    assert str(own.resolve() / "print/print.css") in fetcher.absent
    (own / "print").mkdir(parents=True)
    (own / "print/print.css").write_text("@page { size: A5 }", encoding="utf-8")
    assert fetcher.resolve(url) == own.resolve() / "print/print.css"
    # a packaged file asks for its neighbour: the repository's one, where it has one
    assert (
        fetcher.resolve((packaged / "print/print.css").as_uri())
        == own.resolve() / "print/print.css"
    )
    with pytest.raises(RefusedURL, match="outside"):
        fetcher.resolve((CONTENT / "frameworks/2021.yaml").as_uri())


def test_a_pdf_made_before_the_repository_had_its_own_stylesheet_is_not_reused(
    tmp_path: Path,
) -> None:
    cache = PdfCache(tmp_path / "cache")
    own = tmp_path / "templates/print/print.css"
    cache.put("r", "k", b"%PDF", {str(own): ABSENT})
    assert cache.get("r", "k") == b"%PDF"
    own.parent.mkdir(parents=True)
    own.write_text("@page { size: A5 }", encoding="utf-8")
    assert cache.get("r", "k") is None


def test_content_is_honoured_by_build(
    repository: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "inspections").mkdir(parents=True)
    (elsewhere / "frameworks").mkdir()
    for path in FRAMEWORKS.glob("*.yaml"):
        (elsewhere / "frameworks" / path.name).write_bytes(path.read_bytes())
    assert main(["--content", str(elsewhere), "build", "--drafts", "--no-pdf"]) == 0
    assert not (repository / "site/inspections").exists()  # the repository's draft is not read
    assert main(["build", "--drafts", "--no-pdf"]) == 0
    assert (repository / f"site/inspections/{SLUG}/index.html").is_file()
    assert main(["build", "--content", str(elsewhere), "--drafts", "--no-pdf"]) == 0
    assert not (repository / "site/inspections").exists()
    assert main(["build", "--drafts", "--no-pdf"]) == 0
    assert (repository / f"site/inspections/{SLUG}/index.html").is_file()


def test_check_of_one_inspection_and_quiet(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "fenby-2027", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["check", "fenby-2027"]) == 0
    out = capsys.readouterr().out
    assert "fenby-2027" in out and SLUG not in out
    assert main(["check", "nowhere-2027"]) == EXIT_USAGE
    assert "no inspection 'nowhere-2027'; expected one of fenby-2027, moorfield-2027" in (
        capsys.readouterr().err
    )
    assert main(["check", "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(
    "command", [["new", SLUG], ["check"], ["build"], ["serve"], ["pdf", SLUG], ["json", SLUG]]
)
def test_outside_a_repository_a_message_not_a_traceback(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(command) == EXIT_USAGE
    err = capsys.readouterr().err
    missing = "no mkdocs.yml" if command[0] in ("build", "serve") else "no content folder 'content'"
    assert err.startswith(f"yjsreport: {missing} in {tmp_path}; run yjsreport in a content")
    assert "`yjsreport init FOLDER`" in err
    assert list(tmp_path.iterdir()) == []


def test_a_port_in_use_is_reported_before_building(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--dev-addr", f"127.0.0.1:{port}"]) == EXIT_UNAVAILABLE
    err = capsys.readouterr().err
    assert err == (
        f"yjsreport: cannot serve on 127.0.0.1:{port}: the port is in use (another preview "
        f"may be running); choose another with --dev-addr 127.0.0.1:{port + 1}\n"
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"yjsreport {__version__}\n"
    assert __version__ != "0+unknown"  # installed, with its version from git


def test_check_of_one_inspection_compares_that_one_only(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "fenby-2027", "--quiet"]) == 0
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=repository, check=True)
    subprocess.run([*git, "add", "content"], cwd=repository, check=True)
    subprocess.run([*git, "commit", "-qm", "before"], cwd=repository, check=True)
    capsys.readouterr()
    assert main(["check", SLUG, "--compare", "HEAD"]) == 0
    changes = capsys.readouterr().out.split("Changes in computed figures since HEAD:\n", 1)[1]
    assert changes.split("\n\n")[0] == f"{SLUG}: no change"  # not 'fenby-2027: removed'
    assert main(["check", "--compare", "HEAD"]) == 0
    changes = capsys.readouterr().out.split("Changes in computed figures since HEAD:\n", 1)[1]
    assert changes.split("\n\n")[0] == f"fenby-2027: no change\n{SLUG}: no change"
