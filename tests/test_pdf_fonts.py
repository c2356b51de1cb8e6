"""A PDF is set in the faces its stylesheets name or not at all: a missing face stops
the build with the package to install, before WeasyPrint would quietly use another
(fontconfig is pointed at a configuration with fewer fonts; nothing is rendered)."""

from __future__ import annotations

from pathlib import Path

import pytest

from yjsreport.cli import main
from yjsreport.pdf.fonts import installed, stylesheet_families

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def font_config(tmp_path: Path, *folders: Path) -> Path:
    conf = tmp_path / "fonts.conf"
    dirs = "".join(f"<dir>{f}</dir>" for f in folders)
    conf.write_text(
        f'<?xml version="1.0"?>\n<fontconfig>{dirs}<cachedir>{tmp_path / "fc"}</cachedir>'
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


@pytest.mark.parametrize(
    ("folders", "message"),
    [
        (
            (DEJAVU,),
            "yjsreport: the font 'Liberation Sans' named in print/print.css is not installed, "
            "and a PDF is never set in another face: install the Debian or Ubuntu package "
            "fonts-liberation (sudo apt-get install fonts-liberation), then build again; "
            "nothing was written.",
        ),
        (
            (),
            "yjsreport: the fonts 'Liberation Sans' and 'DejaVu Sans' named in print/print.css "
            "are not installed, and a PDF is never set in another face: install the Debian "
            "or Ubuntu packages fonts-dejavu-core and fonts-liberation (sudo apt-get install "
            "fonts-dejavu-core fonts-liberation), then build again; nothing was written.",
        ),
    ],
    ids=["no-liberation", "no-fonts"],
)
def test_a_missing_face_stops_the_pdf(
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    folders: tuple[Path, ...],
    message: str,
) -> None:
    assert installed("Liberation Sans")  # else the test would prove nothing
    monkeypatch.setenv("FONTCONFIG_FILE", str(font_config(tmp_path, *folders)))
    assert not installed("Liberation Sans")
    assert installed("DejaVu Sans") is bool(folders)
    code = main(["pdf", "brackenmoor-2022", "--no-cache", "-o", "out.pdf"])
    assert (code, capsys.readouterr().err.splitlines()[-1]) == (1, message)
    assert not (project / "out.pdf").exists()


def test_families_are_read_from_the_linked_stylesheets(tmp_path: Path) -> None:
    (tmp_path / "a.css").write_text(
        'html { font-family: "Liberation Sans", sans-serif; }\n'
        '@font-face { font-family: "Own Face"; src: url(own.woff2); }\n'
        "h1 { font-family: 'Own Face', Frutiger }\n",
        encoding="utf-8",
    )
    (tmp_path / "b.css").write_text("p { FONT-FAMILY: Frutiger; }", encoding="utf-8")
    html = (
        '<link rel="stylesheet" href="a.css"><link rel="stylesheet" href="b.css">'
        '<link rel="stylesheet" href="https://example.invalid/c.css">'
    )
    assert stylesheet_families(html, tmp_path) == {
        "Liberation Sans": "a.css",
        "Frutiger": "a.css",
    }
