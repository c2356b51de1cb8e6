"""From a built wheel, installed into a fresh environment, in an empty folder: the
commands an inspectorate runs, with nothing from this clone but the wheel.

Slow (a wheel, an environment with every dependency, a PDF), so marked `pdf`."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from frictionless import validate
from jsonschema import Draft202012Validator

from tests.conftest import ROOT
from yjsreport.engine.result_schema import FILE_NAME

SLUG = "moorfield-2027"
SERVICE = "Moorfield Youth Justice Service"


def run(*argv: str | Path, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, f"{argv}: {done.stdout}\n{done.stderr}"
    return done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, deadline: float) -> str:
    """The page at `url`, asked for again until the preview answers or time runs out."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.mark.pdf
def test_an_installed_wheel_makes_builds_and_serves_a_repository(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env.update(PYTHONUNBUFFERED="1", CI="1")
    # Built from a copy of the source files (git's tracked and new ones), so nothing left
    # in this clone by an earlier build (build/lib keeps deleted files) gets into the
    # wheel, and the clone is not written to. With no git history the version is the
    # fallback.
    source = tmp_path / "source"
    listed = run(
        "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT, env=env
    )
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    dist = tmp_path / "dist"
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "-q",
        "--no-deps",
        "-w",
        dist,
        source,
        cwd=tmp_path,
        env=env,
    )
    (wheel,) = dist.glob("yjsreport-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for packaged in (
        "yjsreport/_data/templates/site/main.html",
        "yjsreport/_data/templates/site/mkdocs_theme.yml",
        "yjsreport/_data/templates/print/print.css",
        "yjsreport/_data/frameworks/2021.yaml",
        "yjsreport/starter/publish.yml",
        "yjsreport/starter/system-packages",
        "yjsreport/_data/requirements/constraints.txt",
    ):
        assert packaged in names
    assert not any(n.startswith(("content/", "templates/", "tests/")) for n in names)
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("/METADATA")))
    assert b"Author: The yjsreport authors" in metadata
    assert b"License-Expression: MIT" in metadata and b"Project-URL: Source, " in metadata
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp_path, env=env)
    constraints = ROOT / "requirements/constraints.txt"
    # --no-compile: pip would byte-compile every module of every dependency (most never
    # imported here); Python compiles what the commands import, as they run.
    pip = [venv / "bin/python", "-m", "pip", "install", "-q", "--no-compile", "-c", constraints]
    run(*pip, wheel, cwd=tmp_path, env=env)
    yjsreport = venv / "bin/yjsreport"
    assert wheel.name == "yjsreport-0.1.0-py3-none-any.whl"  # the fallback version
    assert run(yjsreport, "--version", cwd=tmp_path, env=env) == "yjsreport 0.1.0\n"

    empty = tmp_path / "empty"
    empty.mkdir()
    run(yjsreport, "init", "reports", cwd=empty, env=env)
    repo = empty / "reports"
    pins = (repo / "constraints.txt").read_text(encoding="utf-8")  # from the wheel's copy
    assert "\nweasyprint==" in pins and "\npikepdf==" in pins
    run(
        yjsreport, "new", SLUG, "--service", SERVICE, "--fieldwork", "2027-03-08", cwd=repo, env=env
    )
    checked = run(yjsreport, "check", SLUG, cwd=repo, env=env)
    assert "1 inspection(s) checked: no problems" in checked
    # an author's own page, in the folder init made for them, is published as written
    (repo / "pages/about.md").write_text(
        "# About us\n\nWe inspect *fictional* services.\n", encoding="utf-8"
    )
    run(yjsreport, "build", "--drafts", cwd=repo, env=env)
    site = repo / "site"
    page = (site / f"inspections/{SLUG}/index.html").read_text(encoding="utf-8")
    assert SERVICE in page and "<table" in page
    about = (site / "about/index.html").read_text(encoding="utf-8")
    assert "We inspect <em>fictional</em> services." in about
    # a 404 page, search over the report, and a description of the page for sharing
    assert "<title>Page not found" in (site / "404.html").read_text(encoding="utf-8")
    index = (site / "search/search-index.js").read_text(encoding="utf-8")
    assert f'"inspections/{SLUG}/index.html' in index
    assert '<meta name="description" content="The inspection of Moorfield' in page
    assert '<meta property="og:title"' in page
    # the downloads validate against the schema the site publishes, and as data packages
    published = json.loads((site / "data" / FILE_NAME).read_text(encoding="utf-8"))
    data = json.loads((site / f"inspections/{SLUG}/{SLUG}-data.json").read_text("utf-8"))
    assert [e.message for e in Draft202012Validator(published).iter_errors(data)] == []
    for package in (site / "datapackage.json", site / f"inspections/{SLUG}/datapackage.json"):
        report = validate(str(package))
        errors = [e.message for e in report.errors]
        assert errors + [e.message for t in report.tasks for e in t.errors] == [], package
    built = (repo / f"site/inspections/{SLUG}/{SLUG}.pdf").read_bytes()
    assert built.startswith(b"%PDF-")
    run(yjsreport, "pdf", SLUG, "-o", tmp_path / "one.pdf", cwd=repo, env=env)
    assert (tmp_path / "one.pdf").read_bytes() == built

    port = free_port()
    # serve's output goes to files, not pipes: a pipe nobody reads fills up (the preview
    # logs every request and rebuild) and blocks the server, which then cannot stop
    out, err = tmp_path / "serve.out", tmp_path / "serve.err"
    with out.open("w") as stdout, err.open("w") as stderr:
        server = subprocess.Popen(
            [str(yjsreport), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=repo,
            env=env,
            stdout=stdout,
            stderr=stderr,
            text=True,
        )
    try:
        address = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 120  # the address is printed before building
        while "\n" not in out.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
        first = out.read_text(encoding="utf-8").partition("\n")[0]
        assert first == f"Serving the preview at {address} (Ctrl+C to stop)"
        served = fetch(f"{address}inspections/{SLUG}/", time.monotonic() + 120)
        assert SERVICE in served and "Draft preview" in served
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert server.returncode == 0, err.read_text(encoding="utf-8")[-4000:]
