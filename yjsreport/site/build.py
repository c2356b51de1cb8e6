"""Building the site so that a failure never leaves a half-written site/.

MkDocs writes into a fresh folder beside site/; only when the whole build
(pages, downloads, PDFs) has succeeded is it swapped in place of the old one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

PLUGIN = "yjsreport"


def build_site(config_file: Path, *, drafts: bool = False, pdf: bool = True) -> Path:
    """Build into a temporary folder, then replace the configured site folder."""
    probe = load_config(str(config_file))
    final = Path(probe.site_dir)
    staging = final.parent / f".site-build-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    config = load_config(str(config_file), site_dir=str(staging))
    plugin = config.plugins[PLUGIN]
    plugin.config.drafts = drafts  # type: ignore[attr-defined]
    plugin.config.pdf = pdf  # type: ignore[attr-defined]
    try:
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = final.parent / f".site-old-{os.getpid()}"
    if final.exists():
        final.rename(previous)
    staging.rename(final)
    shutil.rmtree(previous, ignore_errors=True)
    return final
