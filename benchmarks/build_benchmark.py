"""How builds scale with the archive, against the floors set by the tools underneath.

Run from the project folder: ``python benchmarks/build_benchmark.py [--sizes 1,10,50,200]
[--no-big-pdf-build] [--inspections generated|copies]``. It makes scratch projects of N
inspections (fictional ones from the example generator, ``yjsreport generate``; or
copies of ``content/inspections/brackenmoor-2022``) and prints, in one run, the ratios
of issue 13's table next to their targets:

* full build, serial (``--jobs 1``) against parallel (one worker per CPU), cold cache;
* full build cold, warm (nothing changed) and with one inspection changed;
* ``yjsreport pdf SLUG`` against bare WeasyPrint writing the same print HTML, laid out
  once, and laid out as many times as our pagination pass needed;
* ``yjsreport pdf SLUG`` and ``json SLUG`` with N inspections present against one;
* ``build --no-pdf`` against a bare ``mkdocs build`` of the same pages (the rendered
  articles as pages, the same theme, no plugin);
* the preview's rebuild after a save (what ``serve`` runs before the browser reloads);
* peak memory of each command, its worker processes included (the proportional set
  size of the whole process tree, sampled every 0.2 s).

Every command runs in its own process, as an author would run it. No assertions:
figures vary by machine; the README quotes them with the machine they came from.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# A published build needs the site's address; the builds timed here inherit this one.
os.environ.setdefault("YJSREPORT_SITE_URL", "https://inspections.example.org/")
EXAMPLE = "brackenmoor-2022"
PYTHON = sys.executable
# Reading the memory of the process tree takes about a millisecond; every 20 ms it
# took enough CPU from two busy PDF workers on two cores to slow a parallel build by
# a tenth (28.9 s against 25.6 s unsampled), so it samples more rarely. A PDF
# worker's memory peaks last seconds.
SAMPLE_EVERY = 0.2

BARE_WEASYPRINT = """
import sys
from weasyprint import HTML
html, base, out = sys.argv[1:]
HTML(string=open(html, encoding="utf-8").read(), base_url=base).write_pdf(
    out, pdf_variant="pdf/ua-1")
"""

# The same, laying the HTML out as many times as the pagination pass did for it (with
# the rules it added each time) before writing: the floor for the same work.
BARE_WEASYPRINT_SAME_LAYOUTS = """
import json, sys
from weasyprint import CSS, HTML
html, base, passes, out = sys.argv[1:]
source = HTML(string=open(html, encoding="utf-8").read(), base_url=base)
document = source.render()
for rules in json.load(open(passes, encoding="utf-8")):
    document = source.render(stylesheets=[CSS(string=rules)])
document.write_pdf(out, pdf_variant="pdf/ua-1")
"""

# The extra rules of each further layout the pagination pass makes, recorded as it runs.
PAGINATION_PASSES = """
import json, sys
from weasyprint import CSS, HTML
from yjsreport.pdf import pagination
html, base, out = sys.argv[1:]
text = open(html, encoding="utf-8").read()
passes = []

class Recorded(CSS):
    def __init__(self, string, **kwargs):
        passes.append(string)
        super().__init__(string=string, **kwargs)

pagination.CSS = Recorded
pagination.paginate(HTML(string=text, base_url=base), pagination.chapter_ids(text))
json.dump(passes, open(out, "w", encoding="utf-8"))
"""

PREVIEW_REBUILD = """
import sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

site, part = sys.argv[1:]

def rebuild():
    config = load_config("mkdocs.yml", site_dir=site)  # as serve's builder does on a save
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")

rebuild()  # the preview's first build, when `serve` starts
times = []
for n in range(3):
    path = Path(part)
    path.write_text(path.read_text(encoding="utf-8") + f"\\nA line saved at {n}.\\n",
                    encoding="utf-8")
    start = time.perf_counter()
    rebuild()
    times.append(time.perf_counter() - start)
print(min(times))
"""


# -- measuring -----------------------------------------------------------------------


def _tree(root: int) -> list[int]:
    """A process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += [child for child, parent in parents.items() if parent == pid]
    return found


def _cpu_of(pid: int) -> float:
    """Seconds of CPU (user and system) a live process has used so far."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _memory(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm", encoding="utf-8") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # seconds of CPU, user and system, the command and its workers
    mib: float  # peak resident memory of the process tree
    out: str


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run(cmd: Sequence[str], cwd: Path) -> Run:
    """One command in its own process: wall and CPU time, peak memory, its output.
    CPU time is the fairer figure on a shared machine; wall time shows parallelism."""
    cpu_before = _cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak = 0
    seen: dict[int, float] = {}  # CPU of each process of the tree when last sampled
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            tree = _tree(proc.pid)
            peak = max(peak, sum(_memory(pid) for pid in tree))
            seen.update({pid: _cpu_of(pid) for pid in tree})
            done.wait(SAMPLE_EVERY)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{out}\n{err}")
    # Workers forked by a fork server are not the command's children, so their CPU
    # never reaches its resource usage: the sampled CPU of the whole tree counts them
    # (to within the last sampling interval of each).
    return Run(seconds, max(_cpu() - cpu_before, sum(seen.values())), peak / 2**20, out)


def best(cmd: Sequence[str], cwd: Path, repeat: int = 3) -> Run:
    """The fastest of a few runs (the machine may be busy), with the highest peak."""
    runs = [run(cmd, cwd) for _ in range(repeat)]
    return Run(
        min(r.wall for r in runs), min(r.cpu for r in runs), max(r.mib for r in runs), runs[0].out
    )


def both(r: Run) -> str:
    return f"{r.wall:.2f} wall, {r.cpu:.2f} CPU"


def ratio(a: Run, b: Run) -> str:
    return f"{a.wall / b.wall:.2f}x wall, {a.cpu / b.cpu:.2f}x CPU"


# -- scratch projects ----------------------------------------------------------------


def make_inspections(folder: Path, count: int, kind: str) -> list[Path]:
    """`count` inspection folders to fill projects from, the first N for a project of N
    (so the inspection measured in each is the same one): fictional inspections from
    the example generator (varied ratings, samples and frameworks), or copies of the
    example under new slugs (the issue's first measurements)."""
    if kind == "generated":
        from yjsreport.authoring.fictional import generate

        return sorted(generate(count, 2022, folder, frameworks=ROOT / "content/frameworks"))
    return [ROOT / "content/inspections" / EXAMPLE] * count


def make_project(folder: Path, inspections: list[Path]) -> Path:
    """Templates, config, frameworks and these inspections (copies named -copy-NNN
    where they are all the same one)."""
    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "templates", folder / "templates")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "content/frameworks", folder / "content/frameworks")
    for n, source in enumerate(inspections):
        shutil.copytree(source, folder / "content/inspections" / slug(n))
    return folder


SLUGS: list[str] = []  # the scratch projects' inspections, in order


def slug(n: int = 0) -> str:
    return SLUGS[n]


def yjsreport(*args: str) -> list[str]:
    return [PYTHON, "-m", "yjsreport", *args]


def bare_mkdocs_project(project: Path, floor: Path) -> Path:
    """The pages `build --no-pdf` wrote (its articles as Markdown pages), in a plain
    MkDocs project with the same theme and no plugin."""
    shutil.copytree(project / "templates/site", floor / "theme")
    docs = floor / "docs"
    site = project / "site"
    for page in sorted(site.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        article = html[html.index('<main id="main"') :]
        article = article[article.index(">") + 1 : article.index("</main>")]
        target = docs / page.relative_to(site).with_suffix(".md")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(article, encoding="utf-8")
    (floor / "mkdocs.yml").write_text(
        "site_name: Youth justice inspection reports\n"
        "docs_dir: docs\nsite_dir: site\nuse_directory_urls: true\n"
        "theme:\n  name: null\n  custom_dir: theme\n  locale: en_GB\nplugins: []\n",
        encoding="utf-8",
    )
    return floor


# -- the table -----------------------------------------------------------------------


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []

    def add(self, measure: str, value: str, target: str = "") -> None:
        """A row, with the load average when it was taken: figures from a shared
        machine mean little without it."""
        self.rows.append((measure, value, target))
        load = "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
        print(f"  {measure:58} {value:>30}   {target:34} {load}", flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,10,50,200")
    parser.add_argument(
        "--no-big-pdf-build",
        action="store_true",
        help="skip the cold PDF build at the largest size (minutes on two cores)",
    )
    parser.add_argument(
        "--inspections",
        choices=("generated", "copies"),
        default="generated",
        help=f"fictional inspections from the example generator (default), or copies of {EXAMPLE}",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    cpus = len(os.sched_getaffinity(0))
    print(
        f"machine: {platform.node()}, {platform.processor() or platform.machine()}, "
        f"{cpus} CPUs, Python {platform.python_version()}, {platform.system()}"
    )
    table = Table()
    with tempfile.TemporaryDirectory(prefix="yjsreport-bench-") as scratch:
        sources = make_inspections(Path(scratch) / "all", max(sizes), args.inspections)
        if args.inspections == "generated":
            SLUGS.extend(folder.name for folder in sources)
        else:
            SLUGS.extend(f"{EXAMPLE}-copy-{n:03d}" for n in range(max(sizes)))
        projects = {n: make_project(Path(scratch) / f"n{n}", sources[:n]) for n in sizes}
        smallest = projects[min(sizes)]
        print(f"inspections: {args.inspections}; the one measured alone: {slug()}")

        # one PDF against bare WeasyPrint on the same HTML
        print(f"\nOne inspection ({min(sizes)} present)")
        html = Path(scratch) / "print.html"
        subprocess.run(
            [
                PYTHON,
                "-c",
                "import sys; from pathlib import Path;"
                "from yjsreport.project import load_report;"
                "from yjsreport.pdf.document import print_html;"
                "r = load_report(Path('content'), sys.argv[1]);"
                "Path(sys.argv[2]).write_text(print_html(r, Path('templates').resolve()))",
                slug(),
                str(html),
            ],
            cwd=smallest,
            check=True,
        )
        base = str((smallest / "templates").resolve()) + "/"
        passes = Path(scratch) / "passes.json"
        subprocess.run(
            [PYTHON, "-c", PAGINATION_PASSES, str(html), base, str(passes)],
            cwd=smallest,
            check=True,
        )
        layouts = 1 + len(json.loads(passes.read_text(encoding="utf-8")))
        bare = best([PYTHON, "-c", BARE_WEASYPRINT, str(html), base, "bare.pdf"], smallest)
        same = best(
            [PYTHON, "-c", BARE_WEASYPRINT_SAME_LAYOUTS, str(html), base, str(passes), "b.pdf"],
            smallest,
        )
        ours = best(yjsreport("pdf", slug(), "--no-cache", "-o", "ours.pdf"), smallest)
        warm = best(yjsreport("pdf", slug(), "-o", "ours.pdf"), smallest)
        table.add("bare WeasyPrint, same print HTML, one layout (s)", both(bare))
        table.add(f"bare WeasyPrint, the same {layouts} layouts (s)", both(same))
        table.add("`yjsreport pdf SLUG --no-cache` (s)", both(ours))
        table.add("  against bare WeasyPrint, one layout", ratio(ours, bare), "target <= 1.1x")
        table.add(f"  against bare WeasyPrint, {layouts} layouts", ratio(ours, same))
        table.add("`yjsreport pdf SLUG`, cache warm (s)", both(warm))
        table.add(
            "peak memory, one PDF / bare WeasyPrint (MiB)", f"{ours.mib:.0f} / {bare.mib:.0f}"
        )
        json_one = best(yjsreport("json", slug(), "-o", "out.json"), smallest)
        table.add("`yjsreport json SLUG` (s)", both(json_one))

        for n in sizes:
            project = projects[n]
            print(f"\n{n} inspection(s)")
            if project is not smallest:
                t_json = best(yjsreport("json", slug(), "-o", "out.json"), project)
                table.add(
                    f"`json SLUG` with {n} present / with {min(sizes)}",
                    ratio(t_json, json_one),
                    "target: independent of N (1.0x)",
                )
                t_pdf = best(yjsreport("pdf", slug(), "--no-cache", "-o", "o.pdf"), project, 1)
                table.add(
                    f"`pdf SLUG --no-cache` with {n} present / with {min(sizes)}",
                    ratio(t_pdf, ours),
                    "target: independent of N (1.0x)",
                )
            nopdf = best(yjsreport("build", "--no-pdf"), project, 2)
            floor = bare_mkdocs_project(project, Path(scratch) / f"floor{n}")
            bare_mk = best([PYTHON, "-m", "mkdocs", "build", "--quiet"], floor, 2)
            table.add("`build --no-pdf` (s)", both(nopdf))
            table.add("bare `mkdocs build`, same pages (s)", both(bare_mk))
            table.add("  ratio", ratio(nopdf, bare_mk), "target <= 1.5x")
            table.add("peak memory, `build --no-pdf` (MiB)", f"{nopdf.mib:.0f}")

            if n == 10:
                serial = run(yjsreport("build", "--jobs", "1", "--no-cache"), project)
                par = run(yjsreport("build", "--no-cache"), project)
                table.add("full build, serial, no cache (s)", both(serial))
                table.add(f"full build, {cpus} workers, no cache (s)", both(par))
                table.add("  parallel / serial", ratio(par, serial), "target <= 0.55x wall")
                table.add(
                    "peak memory serial / parallel (MiB)", f"{serial.mib:.0f} / {par.mib:.0f}"
                )

            big = n == max(sizes) and n > 50
            if n >= 50 and not (big and args.no_big_pdf_build):
                shutil.rmtree(project / ".yjsreport-cache", ignore_errors=True)
                cold = run(yjsreport("build"), project)
                unchanged = run(yjsreport("build"), project)
                part = project / f"content/inspections/{slug(1)}/report/foreword.md"
                part.write_text(part.read_text(encoding="utf-8") + "\nOne more line.\n")
                changed = run(yjsreport("build"), project)
                target = "target <= 150 s" if n == 50 else ""
                table.add(f"full build, cold cache, {cpus} workers (s)", both(cold), target)
                table.add("full build, nothing changed (s)", both(unchanged), "target <= 10 s")
                table.add(
                    "full build, one inspection changed (s)",
                    both(changed),
                    f"~ one PDF ({ours.wall:.1f}) + no-pdf build ({nopdf.wall:.1f})",
                )
                table.add(
                    "peak memory, full cold build, workers included (MiB)",
                    f"{cold.mib:.0f}",
                    "target < 1024",
                )
            if n >= 50:
                part = project / f"content/inspections/{slug(2)}/report/background.md"
                site = str(Path(scratch) / f"serve{n}")
                rebuild = run([PYTHON, "-c", PREVIEW_REBUILD, site, str(part)], project)
                target = "target <= 0.5 s" if n == 50 else ""
                table.add("preview: save to rebuilt site (s)", f"{float(rebuild.out):.2f}", target)


if __name__ == "__main__":
    main()
