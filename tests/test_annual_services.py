"""Services are counted once: where a service is inspected and reinspected in the same
period, the figures about services count it once, at its reinspection, and the
ratings matrix, which lists both reports, says how many services they are for."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.conftest import ROOT
from yjsreport.annual import aggregates as agg
from yjsreport.annual.exhibits.registry import REGISTRY
from yjsreport.annual.model import AnnualReport
from yjsreport.annual.render import render_annual
from yjsreport.annual.site import load_annuals
from yjsreport.project import load_reports

EXAMPLE = ROOT / "examples" / "annual" / "content"
FIRST = "hollinfold-2021"
AGAIN = "hollinfold-2022-reinspection"


@pytest.fixture(scope="module")
def twice(tmp_path_factory: pytest.TempPathFactory) -> AnnualReport:
    """The example, with one of its services inspected again within the period."""
    content = tmp_path_factory.mktemp("twice") / "content"
    shutil.copytree(EXAMPLE, content)
    folder = content / "inspections" / AGAIN
    shutil.copytree(content / "inspections" / FIRST, folder)
    meta = folder / "inspection.yaml"
    text = meta.read_text(encoding="utf-8")
    for key, value in (
        ("fieldwork_start", "2022-06-06"),
        ("fieldwork_end", "2022-06-10"),
        ("publication_date", "2022-09-20"),
    ):
        text = re.sub(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.M)
    # the first is itself the reinspection of a consortium known from history
    text = re.sub(r"^reinspection_of: .*\n", "", text, flags=re.M)
    meta.write_text(text + f"reinspection_of: {FIRST}\n", encoding="utf-8")
    return load_annuals(content, load_reports(content), drafts=True)[0]


def test_a_service_inspected_twice_in_the_period_counts_once(twice: AnnualReport) -> None:
    f = twice.figures
    slugs = [r.slug for r in f.results]
    assert FIRST in slugs and AGAIN in slugs
    assert len(f.services) == len(f.results) - 1
    assert [r.slug for r in f.services].count(AGAIN) == 1 and FIRST not in {
        r.slug for r in f.services
    }
    # overall and standard ratings count services, each at its latest inspection
    assert sum(f.overall.values()) == len(f.services)
    assert f.overall == agg.overall_distribution([r for r in f.results if r.slug != FIRST])
    assert sum(f.distributions["1.1"].values()) == len(f.services)
    _, latest = f.by_year[-1]
    assert sum(latest.values()) == len(f.services)
    # the matrix lists every report, and its heading says how many services they are for
    matrix = REGISTRY["ratings-matrix"](f)
    assert len(matrix.tables[0].body) == len(f.results)
    n = len(f.results)
    assert matrix.heading == f"Ratings of the {n} inspection reports, for {n - 1} services"
    html = render_annual(twice, ROOT / "templates")
    assert f"We published {n} inspection reports in the period, on {n - 1} services." in html


def test_services_are_counted_once_along_a_chain_of_reinspections() -> None:
    results = [r.result for r in load_reports(EXAMPLE)]
    by_slug = {r.slug: r for r in results}
    both = [by_slug["brindleholme-2018"], by_slug["brindleholme-2022-reinspection"]]
    assert agg.latest_per_service(both) == [both[1]]
    # apart, each is a service of its own
    assert agg.latest_per_service(both[:1]) == both[:1]
    assert len(agg.latest_per_service(results)) == len(results) - 1


def test_the_example_says_services_and_reports_alike() -> None:
    annual = load_annuals(EXAMPLE, load_reports(EXAMPLE), drafts=True)[0]
    f = annual.figures
    assert len(f.services) == len(f.results) == 33  # its reinspection follows a 2018 report
    assert REGISTRY["ratings-matrix"](f).heading == "Ratings of the 33 services inspected"
