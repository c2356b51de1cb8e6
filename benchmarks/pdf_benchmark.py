"""How long the PDF takes, and how much memory, next to WeasyPrint alone.

Run from the project folder: ``python benchmarks/pdf_benchmark.py [SLUG]``. It prints
pages, seconds (fastest of three runs) and peak memory for the full ``write_pdf``
(templates, WeasyPrint, tag repair), then the seconds WeasyPrint alone takes to lay
out the same HTML (``HTML(string=...).render()``) and to write it as PDF/UA
(``write_pdf``), so the cost of our own steps can be read off. No assertions:
figures vary by machine.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from weasyprint import HTML

from yjsreport.pdf.document import PDF_VARIANT, print_html, write_pdf
from yjsreport.project import load_reports

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"


def measure(step: Callable[[], Any], repeat: int = 3) -> tuple[Any, float, float]:
    """Run `step` `repeat` times timed (keeping the fastest: the machine may be busy),
    then once under tracemalloc (which slows it) for the peak of Python-allocated
    memory in MiB. Returns the result, seconds and MiB."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    step()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, best, peak / 2**20


def main(slug: str = "brackenmoor-2022") -> None:
    reports = {r.slug: r for r in load_reports(ROOT / "content", drafts=True)}
    report = reports[slug]
    base = str(TEMPLATES) + "/"
    rows: list[tuple[str, str, float, float]] = []

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"{slug}.pdf"
        cold = time.perf_counter()
        write_pdf(report, TEMPLATES, target)  # warm-up: fontconfig, caches
        cold_seconds = time.perf_counter() - cold
        _, seconds, peak = measure(lambda: write_pdf(report, TEMPLATES, target))
        size = target.stat().st_size
    html, html_seconds, html_peak = measure(lambda: print_html(report, TEMPLATES))
    document, render_seconds, render_peak = measure(
        lambda: HTML(string=html, base_url=base).render()
    )
    pages = len(document.pages)
    _, pdf_seconds, pdf_peak = measure(lambda: document.write_pdf(pdf_variant=PDF_VARIANT))

    rows.append(("yjsreport write_pdf, first call (cold)", str(pages), cold_seconds, 0.0))
    rows.append(("yjsreport write_pdf (all steps, warm)", str(pages), seconds, peak))
    rows.append(("  templates to HTML", "", html_seconds, html_peak))
    rows.append(("  WeasyPrint HTML(...).render()", str(pages), render_seconds, render_peak))
    rows.append(("  WeasyPrint write_pdf (PDF/UA-1)", "", pdf_seconds, pdf_peak))
    weasy = render_seconds + pdf_seconds
    rows.append(("  WeasyPrint alone (render + write)", "", weasy, max(render_peak, pdf_peak)))
    rows.append(("  ours (write_pdf minus WeasyPrint alone)", "", seconds - weasy, 0.0))

    print(f"{slug}: {pages} pages, {size / 1024:.0f} KiB")
    print(f"{'step':44} {'pages':>5} {'seconds':>8} {'peak MiB':>9}")
    for name, page_count, secs, mib in rows:
        shown = f"{mib:9.1f}" if mib else f"{'':9}"
        print(f"{name:44} {page_count:>5} {secs:8.2f} {shown}")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak resident memory (maxrss): {maxrss:.0f} MiB")
    print("peak MiB: Python allocations (tracemalloc, measured in a second, untimed run);")
    print("maxrss also counts Pango, HarfBuzz and font memory.")


if __name__ == "__main__":
    main(*sys.argv[1:])
