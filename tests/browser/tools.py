"""Finding the external checkers: Chromium, Java, axe-core, HTML_CodeSniffer and the Nu
HTML Checker.

On a developer's machine a missing tool skips its tests with the reason; under
CI (the CI variable set) it fails them, so a green CI always means the checks ran.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

from tests.browser.project import ROOT

NODE_MODULES = ROOT / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
HTMLCS_SCRIPT = NODE_MODULES / "html_codesniffer" / "build" / "HTMLCS.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
NPM_HINT = (
    "run `npm ci` at the repository root (package.json pins axe-core, html_codesniffer and vnu-jar)"
)
APT_HINT = "install it with `bash .ci/system-packages testing`"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(what: str, hint: str) -> NoReturn:
    message = f"{what} not found: {hint}"
    if in_ci():
        pytest.fail(f"{message} (CI is set, so this fails rather than skips)", pytrace=False)
    pytest.skip(message)


def chromium() -> str:
    """Debian's Chromium; never a browser downloaded by a test tool."""
    override = os.environ.get("YJS_CHROMIUM")
    found = override or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found or not Path(found).exists():
        missing("Chromium", APT_HINT)
    return found


def java() -> str:
    found = shutil.which("java")
    if not found:
        missing("Java", APT_HINT)
    return found


def axe_script() -> Path:
    if not AXE_SCRIPT.is_file():
        missing(f"axe-core ({AXE_SCRIPT.relative_to(ROOT)})", NPM_HINT)
    return AXE_SCRIPT


def htmlcs_script() -> Path:
    if not HTMLCS_SCRIPT.is_file():
        missing(f"HTML_CodeSniffer ({HTMLCS_SCRIPT.relative_to(ROOT)})", NPM_HINT)
    return HTMLCS_SCRIPT


def vnu_jar() -> Path:
    if not VNU_JAR.is_file():
        missing(f"the Nu HTML Checker ({VNU_JAR.relative_to(ROOT)})", NPM_HINT)
    return VNU_JAR


def playwright_available() -> None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing("the Python package playwright", 'pip install -e ".[test]"')
