"""The editors' preview: drafts shown, content and templates watched, and a
content error shown in the page (and the terminal) instead of stopping."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.conftest import edit


def preview_build(project: Path, site: Path):
    """One rebuild as `yjsreport serve` does it (MkDocs calls on_startup with 'serve')."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    return config


def test_preview_shows_drafts_with_a_banner(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "preview"
    preview_build(project, site)
    page = (site / "inspections/kestrel-vale-2026/index.html").read_text(encoding="utf-8")
    assert "Draft preview" in page
    assert 'class="draft-banner"' in page
    assert "kestrel-vale-2026" in (site / "index.html").read_text(encoding="utf-8")


def test_preview_shows_content_errors_and_keeps_going(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = Path("content/inspections/brackenmoor-2022/report/1.1.md")
    edit(path, "rating: Good", "rating: Goood")
    site = tmp_path / "preview"
    preview_build(project, site)  # does not raise
    message = f"{path}:4:9: rating: expected"
    page = (site / "inspections/brackenmoor-2022/index.html").read_text(encoding="utf-8")
    assert 'role="alert"' in page
    assert message in page.replace("&#39;", "'")
    assert message in capsys.readouterr().err


def test_preview_watches_content_and_templates(project: Path, tmp_path: Path) -> None:
    config = preview_build(project, tmp_path / "preview")

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    config.plugins.on_serve(server, config=config, builder=None)
    assert {str(project / "content"), str(project / "templates")} <= set(server.watched)
