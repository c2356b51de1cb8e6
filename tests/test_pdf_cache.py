"""The PDF cache's own promises, without laying out a PDF: an entry is served only
while every file it read is unchanged, a damaged or deleted entry is a miss, and the
key moves with the fonts and with our PDF code."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from yjsreport.pdf import cache as cache_module
from yjsreport.pdf.cache import PdfCache, entry_key, system_fonts
from yjsreport.render.cache_files import CacheLinkError, machine_key

FONTS = Path("/usr/share/fonts/truetype/dejavu")


@pytest.fixture
def stored(tmp_path: Path) -> tuple[PdfCache, Path, str]:
    css = tmp_path / "print.css"
    css.write_text("h2 { color: black; }", encoding="utf-8")
    cache = PdfCache(tmp_path / "cache")
    key = entry_key("<p>Hello</p>", "file:///templates/", b"id", "fingerprint")
    digests = {str(css): cache_module._sha256(css.read_bytes())}
    cache.put("report", key, b"%PDF-1.7 bytes", digests)
    return cache, css, key


def test_an_entry_is_served_while_its_files_are_unchanged(stored) -> None:
    cache, _, key = stored
    assert cache.get("report", key) == b"%PDF-1.7 bytes"
    assert cache.get("other-report", key) is None


def test_a_changed_or_missing_file_is_a_miss(stored) -> None:
    cache, css, key = stored
    css.write_text("h2 { color: navy; }", encoding="utf-8")
    assert cache.get("report", key) is None
    css.unlink()
    assert cache.get("report", key) is None


def test_a_damaged_or_deleted_entry_is_a_miss(stored) -> None:
    cache, _, key = stored
    pdf = cache.folder / "report" / f"{key}.pdf"
    pdf.write_bytes(b"%PDF-1.7 by")  # cut short, as by a full disc
    assert cache.get("report", key) is None
    shutil.rmtree(cache.folder)
    assert cache.get("report", key) is None


def test_every_input_known_before_rendering_is_in_the_key() -> None:
    base = ("<p>Hello</p>", "file:///templates/", b"id", "fingerprint")
    keys = {entry_key(*base)}
    for i, other in enumerate(("<p>Hullo</p>", "file:///elsewhere/", b"id2", "fingerprint2")):
        changed = list(base)
        changed[i] = other
        keys.add(entry_key(*changed))  # type: ignore[arg-type]
    assert len(keys) == 5


def test_only_a_few_entries_are_kept_per_report(tmp_path: Path) -> None:
    cache = PdfCache(tmp_path)
    for n in range(cache_module.KEEP_PER_REPORT + 3):
        cache.put("report", f"{n:064x}", b"%PDF", {})
    assert len(list((tmp_path / "report").glob("*.pdf"))) == cache_module.KEEP_PER_REPORT


def test_pruning_deletes_only_the_caches_own_entries(tmp_path: Path) -> None:
    """Files the cache did not name are never counted or deleted."""
    mine = [tmp_path / "report" / name for name in ("notes.json", "notes.pdf", "KEY.json")]
    mine[0].parent.mkdir()
    for path in mine:
        path.write_text("an author's file", encoding="utf-8")
    cache = PdfCache(tmp_path)
    for n in range(cache_module.KEEP_PER_REPORT + 3):
        cache.put("report", f"{n:064x}", b"%PDF", {})
    assert all(path.read_text(encoding="utf-8") == "an author's file" for path in mine)
    assert len(list((tmp_path / "report").glob("*.pdf"))) == cache_module.KEEP_PER_REPORT + 1


@pytest.mark.parametrize("where", ["folder", "report"])
def test_a_folder_of_the_cache_that_is_a_link_is_refused(tmp_path: Path, where: str) -> None:
    """A link planted in the cache would make the build write, and prune, elsewhere."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / f"{0:064x}.json").write_text("not the cache's", encoding="utf-8")
    link = tmp_path / "cache" / "report" if where == "report" else tmp_path / "cache"
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(outside)
    cache = PdfCache(tmp_path / "cache")
    with pytest.raises(CacheLinkError) as refused:
        cache.put("report", f"{1:064x}", b"%PDF", {})
    assert str(refused.value) == (
        f"{link} is a link (to {outside}), not a folder of the build cache's own; the cache "
        "never writes through a link: remove the link and build again (the cache is safe "
        "to delete)"
    )
    assert [p.name for p in outside.iterdir()] == [f"{0:064x}.json"]


@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "elsewhere"])
def test_an_entry_that_is_not_an_ordinary_file_is_a_miss(
    stored: tuple[PdfCache, Path, str], tmp_path: Path, target: str
) -> None:
    cache, _, key = stored
    pdf = tmp_path / "cache" / "report" / f"{key}.pdf"
    pdf.unlink()
    if target == "fifo":
        os.mkfifo(pdf)
    elif target == "elsewhere":
        (tmp_path / "elsewhere.pdf").write_bytes(b"%PDF-1.7 bytes")
        pdf.symlink_to(tmp_path / "elsewhere.pdf")
    else:
        pdf.symlink_to(target)
    assert cache.get("report", key) is None
    cache.put("report", key, b"%PDF-1.7 new", {})  # the link is replaced, not written through
    assert not pdf.is_symlink() and pdf.read_bytes() == b"%PDF-1.7 new"
    if target == "elsewhere":
        assert (tmp_path / "elsewhere.pdf").read_bytes() == b"%PDF-1.7 bytes"


def test_a_manifest_naming_a_device_is_a_miss(
    stored: tuple[PdfCache, Path, str], tmp_path: Path
) -> None:
    cache, _, key = stored
    manifest = tmp_path / "cache" / "report" / f"{key}.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["files"] = [["/dev/zero", "0" * 64]]
    manifest.write_text(json.dumps(data), encoding="utf-8")
    assert cache.get("report", key) is None


def test_system_fonts_change_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "fonts"
    folder.mkdir()
    shutil.copy(FONTS / "DejaVuSans.ttf", folder / "Face.ttf")
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f'<?xml version="1.0"?>\n<fontconfig><dir>{folder}</dir>'
        f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    before = system_fonts()
    assert any("Face.ttf" in line for line in before)
    shutil.copy(FONTS / "DejaVuSans-Bold.ttf", folder / "Face.ttf")  # replaced in place
    replaced = system_fonts()
    assert replaced != before
    shutil.copy(FONTS / "DejaVuSans-Oblique.ttf", folder / "Added.ttf")  # a font installed
    assert system_fonts() != replaced


def test_our_pdf_code_changes_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = tmp_path / "pdf"
    shutil.copytree(Path(cache_module.__file__).parent, code)
    monkeypatch.setattr(cache_module, "_OWN_CODE", code)
    before = cache_module.own_code()
    tagging = code / "tagging.py"
    tagging.write_text(tagging.read_text(encoding="utf-8") + "\n# mended\n", encoding="utf-8")
    assert cache_module.own_code() != before


def test_the_key_holds_a_key_kept_outside_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PDF committed into the project's cache under a key worked out elsewhere is
    never published: the fingerprint holds this user's own random key."""
    prints = []
    for machine in ("one", "two"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / machine))
        machine_key.cache_clear()
        cache_module.environment_fingerprint.cache_clear()
        prints.append(cache_module.environment_fingerprint())
    machine_key.cache_clear()
    cache_module.environment_fingerprint.cache_clear()
    assert prints[0] != prints[1]
