"""How long the annual example takes to build, and to build again with nothing changed.

Run from the project folder: ``python benchmarks/annual_benchmark.py [--no-pdf]
[--jobs N]``. It copies the annual example (``examples/annual``: 44 fictional
inspections and the annual report over 33 of them) with the templates and framework
files into a scratch project, then times, each command in its own process as an
author would run it:

* the first build (cold: no build cache, no site);
* a build with nothing changed (the PDFs, the chart drawings, the workbooks and the
  published PDFs' and workbooks' text for the privacy check come from the build
  cache);
* a build after one annual chapter's prose changed.

Issue 20 sets the target for the build with nothing changed: under 10 s. No
assertions: figures vary by machine; the README quotes them with the machine they
came from.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_benchmark import PYTHON, ROOT, Run, both, run

# A published build needs the site's address; the builds timed here inherit this one.
os.environ.setdefault("YJSREPORT_SITE_URL", "https://inspections.example.org/")
TARGET = 10.0  # seconds, for a build with nothing changed (issue 20)


def make_project(folder: Path) -> Path:
    """The annual example as an author's project: its own templates and frameworks."""
    shutil.copytree(ROOT / "templates", folder / "templates")
    shutil.copytree(ROOT / "content" / "frameworks", folder / "content" / "frameworks")
    shutil.copytree(
        ROOT / "examples" / "annual",
        folder / "examples" / "annual",
        symlinks=True,
        ignore=shutil.ignore_patterns("site", ".yjsreport-cache"),
    )
    return folder


def build(project: Path, pdf: bool, jobs: int | None) -> Run:
    cmd = [PYTHON, "-m", "yjsreport", "build", "--config", "examples/annual/mkdocs.yml"]
    if not pdf:
        cmd.append("--no-pdf")
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    return run(cmd, project)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-pdf", action="store_true", help="build the web pages only")
    parser.add_argument("--jobs", type=int, default=None, help="PDF workers (default: CPUs)")
    args = parser.parse_args(argv)
    pdf = not args.no_pdf
    print(
        f"annual example, {'with' if pdf else 'without'} PDFs; {platform.processor() or '?'}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory(prefix="yjs-annual-bench-") as scratch:
        project = make_project(Path(scratch))
        cold = build(project, pdf, args.jobs)
        print(f"first build (cold)        {both(cold)} s, peak {cold.mib:.0f} MiB")
        again = build(project, pdf, args.jobs)
        verdict = "within" if again.wall < TARGET else "over"
        print(
            f"nothing changed            {both(again)} s, peak {again.mib:.0f} MiB "
            f"({verdict} the {TARGET:.0f} s target)"
        )
        chapter = project / "examples/annual/content/annual/2022/chapters/01-overview.md"
        chapter.write_text(
            chapter.read_text(encoding="utf-8") + "\nOne more sentence of prose.\n",
            encoding="utf-8",
        )
        edited = build(project, pdf, args.jobs)
        print(f"one chapter changed        {both(edited)} s, peak {edited.mib:.0f} MiB")


if __name__ == "__main__":
    main()
