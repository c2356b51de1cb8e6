"""Charts are drawn once per build: the web page, the chart files, the PDF's print
HTML and the privacy checks all ask for the same charts, and the drawing (most of an
annual report's build time) is made once for each chart's data."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT
from yjsreport.annual import charts
from yjsreport.annual.pdf import print_html
from yjsreport.annual.render import render_annual, write_charts
from yjsreport.annual.site import load_annuals
from yjsreport.project import load_reports

EXAMPLE = ROOT / "examples" / "annual" / "content"


def test_each_chart_is_drawn_once_however_often_the_report_is_rendered(tmp_path: Path) -> None:
    annual = load_annuals(EXAMPLE, load_reports(EXAMPLE), drafts=True)[0]
    charts.forget()
    before = len(charts.DRAWINGS)
    templates = ROOT / "templates"
    render_annual(annual, templates)
    web = write_charts(annual, tmp_path / "web")
    print_html(annual, templates, tmp_path / "print")
    printed = write_charts(annual, tmp_path / "print")
    render_annual(annual, templates)
    drawn = charts.DRAWINGS[before:]
    assert len(web) == len(printed) >= 15
    # the map of the services is written as text beside them, with no matplotlib drawing
    plotted = [p for p in web if p.name != "services-map.svg"]
    assert len(plotted) == len(web) - 1
    assert len(drawn) == len(set(drawn)) == len(plotted)
    for a, b in zip(sorted(web), sorted(printed), strict=True):
        assert a.read_bytes() == b.read_bytes()
    # the same data is the same drawing, whatever the chart object
    again = load_annuals(EXAMPLE, load_reports(EXAMPLE), drafts=True)[0]
    write_charts(again, tmp_path / "again")
    assert len(charts.DRAWINGS) - before == len(plotted)
