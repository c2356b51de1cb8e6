"""How long a four-year archive with its annual report takes to build, and to build
again with nothing changed.

Run from the project folder: ``python benchmarks/archive_benchmark.py [--count 150]
[--no-pdf] [--jobs N] [--keep FOLDER]``. It writes a scratch project of fictional
inspections from the example generator (``yjsreport generate``: with 150, 85 published
in the year to September 2022 and the rest over the four years before, both
frameworks) and the example's 2022 annual report over them (its chapters, figures,
three earlier years' history and images), then times, each command in its own
process as an author would run it:

* the first build (cold: no build cache, no site);
* a build with nothing changed (PDFs, their text for the privacy check and the
  annual report's charts come from the build cache);
* a build after one inspection's report text changed (its PDF is made again).

The annual report's chapters quote figures that a small archive withholds (with a
handful of inspections the build stops on them, as it should), so keep the count
near 150.

Issue 20 sets the target for the build with nothing changed: under 30 s for about
150 inspections. CPU time counts the PDF workers and is the fairer figure on a
shared machine; wall time shows the parallel work. No assertions: figures vary by
machine; the README quotes them with the machine they came from.
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
TARGET = 30.0  # seconds, for a build with nothing changed (issue 20)
CONFIG = "archive/mkdocs.yml"
MKDOCS = """site_name: Youth justice inspection reports (archive benchmark)
site_url: !ENV [YJSREPORT_SITE_URL, "https://reports.example.invalid/"]
docs_dir: ../templates/pages
site_dir: site
use_directory_urls: true
strict: true
theme:
  name: null
  custom_dir: ../templates/site
  locale: en_GB
plugins:
  - yjsreport:
      content: content
      templates: ../templates
"""


def make_project(folder: Path, count: int) -> Path:
    """Templates, frameworks, `count` generated inspections and the example's annual
    report, with a configuration like the annual example's."""
    from yjsreport.authoring.fictional import generate

    shutil.copytree(ROOT / "templates", folder / "templates")
    content = folder / "archive" / "content"
    generate(count, 2022, content, frameworks=ROOT / "content" / "frameworks")
    shutil.copytree(
        ROOT / "examples" / "annual" / "content" / "annual" / "2022",
        content / "annual" / "2022",
    )
    (folder / CONFIG).write_text(MKDOCS, encoding="utf-8")
    return folder


def build(project: Path, pdf: bool, jobs: int | None) -> Run:
    cmd = [PYTHON, "-m", "yjsreport", "build", "--config", CONFIG]
    if not pdf:
        cmd.append("--no-pdf")
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    return run(cmd, project)


def report(label: str, r: Run, target: float | None = None) -> None:
    verdict = ""
    if target is not None:
        verdict = f" ({'within' if r.cpu < target else 'over'} the {target:.0f} s target, CPU)"
    print(
        f"{label:<28}{both(r)} s, peak {r.mib:.0f} MiB, load {os.getloadavg()[0]:.1f}{verdict}",
        flush=True,
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=150, help="inspections (default: 150)")
    parser.add_argument("--no-pdf", action="store_true", help="build the web pages only")
    parser.add_argument("--jobs", type=int, default=None, help="PDF workers (default: CPUs)")
    parser.add_argument("--keep", type=Path, default=None, help="make the project here, kept")
    args = parser.parse_args(argv)
    pdf = not args.no_pdf
    print(
        f"archive of {args.count} inspections with the 2022 annual report, "
        f"{'with' if pdf else 'without'} PDFs; {platform.processor() or '?'}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory(prefix="yjs-archive-bench-") as scratch:
        folder = args.keep or Path(scratch)
        project = make_project(folder, args.count)
        report("first build (cold)", build(project, pdf, args.jobs))
        report("nothing changed", build(project, pdf, args.jobs), TARGET)
        inspections = sorted((project / "archive/content/inspections").iterdir())
        report_text = inspections[len(inspections) // 2] / "report" / "foreword.md"
        report_text.write_text(
            report_text.read_text(encoding="utf-8") + "\nOne more sentence of prose.\n",
            encoding="utf-8",
        )
        report("one inspection changed", build(project, pdf, args.jobs))


if __name__ == "__main__":
    main()
