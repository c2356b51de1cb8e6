"""The editors' preview: drafts shown, content and templates watched, and a
content error shown in the page (and the terminal) instead of stopping."""

from __future__ import annotations

import http.client
import threading
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

        def get_app(self) -> None:
            return None

        def set_app(self, app: object) -> None:
            self.app = app

    server = Server()
    config.plugins.on_serve(server, config=config, builder=None)
    assert {str(project / "content"), str(project / "templates")} <= set(server.watched)


def _get(port: int, host: str | None) -> tuple[int, bytes]:
    """One request to the preview on 127.0.0.1, with the Host header given (or none)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", "/", skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("127.0.0.1:{port}", 200),
        ("localhost:{port}", 200),
        ("LOCALHOST:{port}", 200),
        ("[::1]:{port}", 200),
        ("attacker.example:{port}", 403),  # DNS rebinding: a web page's own name
        ("127.0.0.1.attacker.example:{port}", 403),
        ("localhost:1", 403),  # another port
        ("localhost", 403),  # no port means 80
        ("", 403),
        (None, 403),
    ],
)
def test_preview_answers_only_loopback_hosts(
    project: Path, tmp_path: Path, host: str | None, status: int
) -> None:
    from mkdocs.livereload import LiveReloadServer

    config = preview_build(project, tmp_path / "preview")
    server = LiveReloadServer(
        builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "preview")
    )
    config.plugins.on_serve(server, config=config, builder=None)
    server.server_bind()
    server.server_activate()
    server.timeout = 10
    answering = threading.Thread(target=server.handle_request)  # one request, then stop
    answering.start()
    try:
        port = server.server_address[1]
        got, body = _get(port, None if host is None else host.format(port=port))
    finally:
        answering.join(timeout=15)
        server.server_close()
    assert got == status
    if status == 403:
        assert body.startswith(b"403 Forbidden: this preview answers only at a loopback")
    else:
        assert b"Brackenmoor" in body
