"""MkDocs plugin: inspections become pages, so `mkdocs build` and
`yjsreport build` give the same site.

Content is loaded and the PDFs are made (in worker processes, through the PDF
cache) in on_pre_build, before MkDocs empties the site folder, so bad content or
a failing PDF stops a build with the previous site untouched, under a bare
`mkdocs build` too; the PDFs wait in a scratch folder beside the cache and are
copied into the site in on_post_build. Under `serve`,
drafts are shown and a content error becomes a page in the browser while the
server keeps running.
"""

from __future__ import annotations

import datetime as dt
import html as html_text
import logging
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml
from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory

from yjsreport.annual import site as annual_site
from yjsreport.content.dates import long_date
from yjsreport.content.inspection import find_inspections, slug_problem
from yjsreport.engine.result_schema import FILE_NAME as RESULT_SCHEMA_FILE
from yjsreport.engine.result_schema import SUPPRESSION_REASONS, schema
from yjsreport.errors import ContentError, PdfError, Problem, unexpected
from yjsreport.project import Report, load_reports
from yjsreport.render import data_package
from yjsreport.render.compiled_templates import compiled_templates
from yjsreport.render.data_package import DataFile
from yjsreport.render.downloads import CHARACTERISTIC_COLUMNS, QUESTION_COLUMNS
from yjsreport.render.downloads_info import describe, fill_pdf_slot
from yjsreport.render.report import (
    Links,
    environment,
    render_article,
    render_data_annex,
    render_glossary,
    report_title,
)
from yjsreport.render.workbook import keep_workbooks
from yjsreport.render.workbook_cache import workbook_cache
from yjsreport.resources import TEMPLATES, THEME_FOLDER
from yjsreport.site import data_files, feed, metadata, pages, search
from yjsreport.site.authored import site_problems
from yjsreport.site.incremental import ReportStore, fingerprint
from yjsreport.site.preview import PreviewState
from yjsreport.site.site_address import address_problem, is_placeholder
from yjsreport.site.site_folder import STAGING_PREFIX, site_folder_problem, write_record
from yjsreport.site.statement import (
    STANDARD,
    STATEMENT_FILE,
    Holds,
    Statement,
    applicable,
    compliance,
    load_statement,
    reflow_fails,
)

if TYPE_CHECKING:
    from yjsreport.annual.model import AnnualReport
    from yjsreport.pdf.cache import PdfCache

log = logging.getLogger("mkdocs.plugins.yjsreport")

# Themes that print a page's HTML as it is and titles without escaping them; with these
# the report pages take the report stylesheets as extra CSS. Other themes are refused.
OTHER_THEMES = ("mkdocs", "readthedocs", "material")
REPORT_CSS = ("report.css", "annual.css")  # in the theme's assets/ folder


class InspectionsConfig(base.Config):  # type: ignore[no-untyped-call]
    content = c.Type(str, default="content")
    templates = c.Type(str, default="templates")
    drafts = c.Type(bool, default=False)
    pdf = c.Type(bool, default=True)
    jobs = c.Type(int, default=0)  # PDF worker processes; 0: one per CPU
    cache = c.Type(bool, default=True)  # the PDF build cache in .yjsreport-cache/


_overrides: dict[str, Any] = {}


@contextmanager
def command_line(
    *, jobs: int | None = None, cache: bool = True, content: Path | None = None
) -> Iterator[None]:
    """The command line's --jobs, --no-cache and --content for builds (and a preview)
    run inside this block."""
    _overrides.update(jobs=jobs, cache=cache, content=content)
    try:
        yield
    finally:
        _overrides.clear()


class InspectionsPlugin(BasePlugin[InspectionsConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.serving = False
        self.reports: list[Report] = []
        self.annuals: list[AnnualReport] = []
        self.error: ContentError | None = None
        self.broken: dict[str, list[Problem]] = {}  # under serve: inspections with problems
        self.broken_annuals: dict[str, list[Problem]] = {}  # under serve: annual years
        self.root = Path.cwd()
        self.store = ReportStore()  # kept across a preview's rebuilds
        self.pdfs: dict[str, Path] = {}  # finished PDFs, in self.scratch until post_build
        self.scratch: tempfile.TemporaryDirectory[str] | None = None
        self.templates_stamp: object = None
        self.staged = False  # set by `yjsreport build`, which checks the final site folder
        self.own_theme = True  # the yjsreport theme, which escapes what it prints
        self.generated: set[str] = set()  # the pages made here; the rest are the authors'
        self.indexed: dict[str, search.IndexedPage] = {}  # src -> page, for the search index
        self.statement: Statement | None = None  # the accessibility statement's facts
        self.statement_problems: tuple[Problem, ...] = ()  # under serve: why it is missing

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        from yjsreport.site.published_folders import exposure_problem, foreign_file_problem

        self.root = Path(config.config_file_path).resolve().parent
        problem = exposure_problem(config, self.content)  # docs_dir: content would publish it
        problem = problem or foreign_file_problem(config)  # docs_dir: /etc would publish it
        if problem is None:  # the configuration and the pages MkDocs publishes as written
            problem = next(
                iter(site_problems(Path(config.config_file_path), Path(config.docs_dir))), None
            )
        if problem is None and not self.serving and not self.staged:  # plain `mkdocs build`
            problem = site_folder_problem(config, Path(config.config_file_path))
        if problem is not None:
            self._refuse(problem)
        theme = config.theme
        own = (self.templates / THEME_FOLDER).resolve()
        dirs = [Path(d).resolve() for d in theme.dirs]
        if theme.name == "yjsreport" and own.is_dir() and own not in dirs:
            theme.dirs.insert(0, str(own))  # the project's theme files first, as custom_dir
            dirs.insert(0, own)
        main = next((d for d in dirs if (d / "main.html").is_file()), None)
        self.own_theme = main in (own, TEMPLATES / THEME_FOLDER)
        if not self.own_theme:
            if theme.name not in OTHER_THEMES:
                raise PluginError(
                    f"theme {theme.name or theme.custom_dir!r} cannot show the report pages: "
                    "they are HTML made by yjsreport, which a theme must print as it is, and "
                    "only the yjsreport theme and the mkdocs, readthedocs and material themes "
                    "are known to do so; set `theme: name: yjsreport` (or one of those) in "
                    "mkdocs.yml"
                )
            config.extra_css.extend(f"yjsreport/{name}" for name in REPORT_CSS)
        config.theme.static_templates.add("404.html")
        config.extra["yjsreport_site_url"] = self._site_url(config)
        return config

    def _refuse(self, problem: Problem) -> None:
        """Stop the build with a located problem; the site folder is left as it was."""
        if self.staged or self.serving:
            raise ContentError([problem])
        log.error(str(problem))
        raise PluginError("the site folder was not changed")

    def _check_address(self, config: MkDocsConfig) -> None:
        """A published build needs its real address; a preview may go without one."""
        if self.drafts:
            return
        problem = address_problem(Path(config.config_file_path), config.site_url)
        if problem is not None:
            log.error(str(problem))
            raise PluginError(str(problem)) from ContentError([problem])

    @staticmethod
    def _site_url(config: MkDocsConfig) -> str | None:
        """The site's address, or None for a preview built with the placeholder."""
        return None if is_placeholder(config.site_url) else config.site_url

    @property
    def content(self) -> Path:
        return _overrides.get("content") or self.root / self.config.content

    @property
    def templates(self) -> Path:
        return self.root / self.config.templates

    @property
    def drafts(self) -> bool:
        return self.config.drafts or self.serving

    @property
    def writes_pdf(self) -> bool:
        """PDFs take seconds each, too slow for a preview that reloads on every save."""
        return self.config.pdf and not self.serving

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.error = None
        self.broken = {}
        self.broken_annuals = {}
        self._drop_pdfs()
        self.indexed = {}
        self._check_address(config)
        self.templates_stamp = fingerprint(self.templates)
        keep_workbooks(workbook_cache(self.root) if self._uses_cache else None)
        self.statement, self.statement_problems = None, ()
        try:  # read first: a build never stops half-way for a bad statement file
            self.statement = load_statement(self.templates)
        except ContentError as exc:
            if not self.serving:
                for problem in exc.problems:
                    log.error(str(problem))
                raise PluginError(
                    f"{len(exc.problems)} content problem(s); the site was not changed"
                ) from exc
            for problem in exc.problems:  # the preview shows them on the statement's page
                print(f"yjsreport: {problem}", file=sys.stderr)
            self.statement_problems = exc.problems
        if self.serving:
            self._preview(self.store.preview(self.content))
            return
        try:
            self.reports = load_reports(self.content, drafts=self.drafts)
            self.annuals = annual_site.load_annuals(self.content, self.reports, drafts=self.drafts)
            annual_site.keep_drawings(self.annuals, self.root if self._uses_cache else None)
        except ContentError as exc:
            if not self.serving:
                for problem in exc.problems:  # shown by `mkdocs build`; `yjsreport build`
                    log.error(str(problem))  # prints them itself from the ContentError
                raise PluginError(
                    f"{len(exc.problems)} content problem(s); the site was not changed"
                ) from exc
            # Printed, not logged: MkDocs' strict mode would abort the rebuild on a
            # logged error and the preview would hang instead of showing the problem.
            for problem in exc.problems:
                print(f"yjsreport: {problem}", file=sys.stderr)
            self.error = exc
            return
        if not _staged(config):  # a bare `mkdocs build`: look before site/ is emptied
            from yjsreport.site.published_ids import check_rendering

            self._stop_for(
                check_rendering(
                    self.content,
                    self.templates,
                    Path(config.config_file_path),
                    self.reports,
                    self.annuals,
                    pdf=self.writes_pdf,
                )
            )
        if self.writes_pdf:
            self.pdfs = self._make_pdfs()

    def _make_pdfs(self) -> dict[str, Path]:
        """Every PDF, made before MkDocs cleans the site folder; a failure stops the build.
        The files wait in a scratch folder (beside the cache when there is one), not in
        memory: two hundred PDFs are tens of megabytes."""
        from yjsreport.pdf.pool import make_pdfs

        jobs = _overrides.get("jobs") or self.config.jobs or None
        cache = self._pdf_cache()
        beside = None
        if cache is not None:
            cache.folder.parent.mkdir(parents=True, exist_ok=True)
            beside = cache.folder.parent
        self.scratch = tempfile.TemporaryDirectory(prefix="pdfs-", dir=beside)
        try:
            return make_pdfs(
                self.reports, self.templates, Path(self.scratch.name), jobs=jobs, cache=cache
            )
        except PdfError as exc:
            self._drop_pdfs()
            log.error(f"a PDF could not be made: {exc}")
            raise PluginError(f"a PDF could not be made: {exc}") from exc
        except BaseException:
            self._drop_pdfs()
            raise

    def _drop_pdfs(self) -> None:
        """Forget the finished PDFs and remove their scratch folder."""
        self.pdfs = {}
        if self.scratch is not None:
            self.scratch.cleanup()
            self.scratch = None

    def on_build_error(self, *, error: Exception) -> None:
        self._drop_pdfs()
        keep_workbooks(None)

    def _pdf_cache(self) -> PdfCache | None:
        """The PDF build cache, as --no-cache and the config say (None: not used)."""
        from yjsreport.pdf.cache import PdfCache, default_folder

        return PdfCache(default_folder(self.root)) if self._uses_cache else None

    @property
    def _uses_cache(self) -> bool:
        """The build cache is used, as --no-cache and the config say."""
        return bool(_overrides.get("cache", self.config.cache))

    def _preview(self, state: PreviewState) -> None:
        """Each inspection on its own: a broken one shows its problems, the rest render.
        Printed, not logged: MkDocs' strict mode would abort the rebuild on a logged
        error and the preview would hang instead of showing the problem."""
        self.reports = state.reports
        self.broken = state.broken
        for problem in [*state.general, *(p for ps in state.broken.values() for p in ps)]:
            print(f"yjsreport: {problem}", file=sys.stderr)
        if state.general:
            self.error = ContentError(state.general)
        # an annual report with problems shows them on its own page, like an inspection
        self.annuals, self.broken_annuals = annual_site.preview_annuals(self.content, self.reports)
        annual_site.keep_drawings(self.annuals, self.root if self._uses_cache else None)
        for line in sorted({str(p) for ps in self.broken_annuals.values() for p in ps}):
            print(f"yjsreport: {line}", file=sys.stderr)

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """MkDocs' theme environment does not escape by default; a title such as
        'Brack</title><script>' must print as text, so in the yjsreport theme escaping
        is switched on and the theme marks the page's own HTML as safe. Other themes
        print the page's HTML as it is, so they are left as they are and get titles
        escaped beforehand (see on_files)."""
        if self.own_theme:
            env.autoescape = True
        # An author's own pages are linked from every page's footer (the theme has no
        # navigation menu), by their file's address so the site works from disk too.
        env.globals["authored_pages"] = {
            f.src_uri: f.dest_uri
            for f in files.documentation_pages()
            if f.src_uri not in self.generated
        }
        env.bytecode_cache = compiled_templates(self.root)  # checked against each source
        return env

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        from yjsreport.site.hosts import guard_hosts

        for folder in (self.content, self.templates):
            if folder.is_dir():  # a content repository need not have templates of its own
                server.watch(str(folder))
        server.set_app(guard_hosts(server.get_app(), config.dev_addr.host))  # DNS rebinding
        return server

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        # the statement's facts are read by the build, not published beside the theme
        facts = files.get_file_from_path(STATEMENT_FILE.name)
        if facts is not None and not facts.is_documentation_page():
            files.remove(facts)
        titles = {
            pages.HOME: config.site_name,
            pages.ACCESSIBILITY: "Accessibility statement",
            pages.SEARCH: "Search the reports",
            pages.DATA: "About the data",
        }
        if self.error is None:
            titles.update({pages.report_src(r.slug): report_title(r) for r in self.reports})
            for r in self.reports:
                if r.inspection.format.data_annex:
                    titles[pages.data_annex_src(r.slug)] = f"Data annex: {report_title(r)}"
                    titles[pages.glossary_src(r.slug)] = f"Glossary: {report_title(r)}"
            titles.update({pages.report_src(slug): "Content problems" for slug in self.broken})
            titles.update({annual_site.page_src(a.year): a.source.meta.title for a in self.annuals})
            titles.update(
                {annual_site.page_src(y): "Content problems" for y in self.broken_annuals}
            )
        else:  # keep every report's address alive so the browser shows the problem
            for folder in _safe_folders(self.content):
                titles[pages.report_src(folder.name)] = "Content problems"
        self.generated = set(titles)
        for src, title in titles.items():
            if not self.own_theme:  # it prints titles as they are
                title = html_text.escape(title)
            files.append(File.generated(config, src, content=_front_matter(title)))
        if not self.own_theme:
            for name in REPORT_CSS:
                css = _theme_file(self.templates, f"assets/{name}")
                files.append(File.generated(config, f"yjsreport/{name}", abs_src_path=str(css)))
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # Dates come from the content, never the clock, so that a rebuild of the
        # same content (sitemap included) is byte-identical. An author's own page was
        # screened with the configuration (yjsreport/site/authored.py).
        written = page.file.src_uri not in self.generated
        report = self._report_for(page)
        annual = annual_site.page_for(self.annuals, page.file.src_uri)
        if annual is not None:
            page.meta.update(draft=annual.is_draft, annual=True)
            meta = annual.source.meta
            page.meta["description"] = metadata.annual_description(
                meta.title,
                len(annual.figures.results),
                long_date(meta.period_start),
                long_date(meta.period_end),
            )
        if report is not None:
            page.meta["draft"] = report.is_draft
            page.meta["description"] = metadata.report_description(report)
            page.meta["og_type"] = "article"
            # a full date for MkDocs, also where the report gives only a month (2022-05-01)
            page.update_date = dt.date.isoformat(report.inspection.meta.publication_date)
        elif self.reports:
            newest = max(r.inspection.meta.publication_date for r in self.reports)
            page.update_date = dt.date.isoformat(newest)
        else:
            page.update_date = "1970-01-01"
        return markdown if written else ""

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        made = self._page_content(html, page, config)
        if not self.own_theme and page.meta.get("draft"):  # the yjsreport theme says so itself
            strip = environment(self.templates).get_template(f"{THEME_FOLDER}/draft_strip.html")
            return strip.render() + made
        return made

    def _page_content(self, html: str, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri not in self.generated:  # an author's own page, as written
            if self.error is None:  # searchable like every other page
                self.indexed[page.file.src_uri] = search.IndexedPage(
                    page.file.dest_uri, page.title or "", html
                )
            return html
        env = environment(self.templates)
        if page.file.src_uri == pages.ACCESSIBILITY:
            if self.statement is None:
                return env.get_template("site/problems.html").render(
                    problems=self.statement_problems
                )
            holds: set[Holds] = set()
            if self.annuals:
                holds.add("annual report")
            if any(r.inspection.meta.reinspection_of for r in self.reports):
                holds.add("reinspection")
            failures = applicable(self.statement, holds)
            return env.get_template("site/accessibility.html").render(
                site_name=config.site_name,
                contact=config.extra.get("contact_email", ""),
                statement=self.statement,
                failures=failures,
                status=compliance(failures),
                reflow_fails=reflow_fails(failures),
                standard=STANDARD,
            )
        if page.file.src_uri == pages.SEARCH:
            return env.get_template("site/search.html").render(index=pages.SEARCH_INDEX)
        if page.file.src_uri == pages.DATA:
            return env.get_template("site/data.html").render(
                schema=schema(),
                schema_file=RESULT_SCHEMA_FILE,
                reasons=SUPPRESSION_REASONS,
                tables={
                    "questions": QUESTION_COLUMNS,
                    "characteristics": CHARACTERISTIC_COLUMNS,
                },
                package=pages.PACKAGE,
            )
        html = self._page_html(page, config, env)
        if self.error is None and page.file.src_uri != pages.HOME:
            self.indexed[page.file.src_uri] = search.IndexedPage(
                pages.page_href(page.file.src_uri), page.title or "", html
            )
        return html

    def _page_html(self, page: Page, config: MkDocsConfig, env: Environment) -> str:
        if self.error is not None:
            return env.get_template("site/problems.html").render(problems=self.error.problems)
        broken = next((s for s in self.broken if page.file.src_uri == pages.report_src(s)), None)
        if broken is not None:
            return env.get_template("site/problems.html").render(problems=self.broken[broken])
        broken_year = next(
            (y for y in self.broken_annuals if page.file.src_uri == annual_site.page_src(y)), None
        )
        if broken_year is not None:
            return env.get_template("site/problems.html").render(
                problems=self.broken_annuals[broken_year]
            )
        annual = annual_site.page_for(self.annuals, page.file.src_uri)
        if annual is not None:
            if not self.serving:
                return annual_site.page_html(annual, self.templates, self.writes_pdf)
            try:  # e.g. an annual template being edited: show it, keep serving
                return annual_site.page_html(annual, self.templates, self.writes_pdf)
            except Exception as exc:
                problem = unexpected(self.templates, exc)
                print(f"yjsreport: {problem}", file=sys.stderr)
                return env.get_template("site/problems.html").render(problems=[problem])
        beside = self._beside_report(page)
        if beside is not None:
            return self._beside_html(*beside)
        report = self._report_for(page)
        if report is None:
            return env.get_template("site/home.html").render(
                reports=self.reports,
                pages=pages,
                drafts=self.drafts,
                annuals=self.annuals,
                annual_pages=annual_site,
            )
        made = self._downloads(report)
        links = Links(
            pdf=pages.pdf_name(report.slug) if self.writes_pdf else None,
            json=made.results.path,
            csv=made.questions.path,
            json_meta=describe("json", made.results.data),
            csv_meta=describe("csv", made.questions.data),
            csv_workbook=made.questions_workbook.path,
            csv_workbook_meta=describe("xlsx", made.questions_workbook.data),
            characteristics=made.characteristics.path,
            characteristics_meta=describe("csv", made.characteristics.data),
            characteristics_workbook=made.characteristics_workbook.path,
            characteristics_workbook_meta=describe("xlsx", made.characteristics_workbook.data),
            package=pages.PACKAGE,
            dictionary=f"../../{pages.page_href(pages.DATA)}",
            schema=f"../../{data_package.schema_path()}",
            **_beside_links(report),
        )

        def make() -> str:
            return render_article(report, self.templates, "web", links)

        if not self.serving:
            return make()
        try:  # a preview keeps the article of a report that did not change
            return self.store.made(report, "article", (self.templates_stamp, links), make)
        except Exception as exc:  # e.g. a template being edited: show it, keep serving
            problem = unexpected(self.templates, exc)
            print(f"yjsreport: {problem}", file=sys.stderr)
            return env.get_template("site/problems.html").render(problems=[problem])

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.error is not None:
            return
        site = Path(config.site_dir)
        for annual in self.annuals:
            annual_site.write_files(
                annual,
                site,
                self.templates,
                self.writes_pdf,
                self._pdf_cache() if self.writes_pdf else None,
            )
        site_url = self._site_url(config)
        archive: dict[str, list[DataFile]] = {}
        for report in self.reports:
            folder = site / pages.report_dir(report.slug)
            folder.mkdir(parents=True, exist_ok=True)
            files = archive[report.slug] = list(self._downloads(report))
            for file in files:
                (folder / file.path).write_bytes(file.data)
            (folder / pages.PACKAGE).write_text(
                data_files.report_package(report, files, site_url), encoding="utf-8"
            )
            if report.slug in self.pdfs:
                shutil.copyfile(self.pdfs[report.slug], folder / pages.pdf_name(report.slug))
                _describe_pdf(folder / "index.html", folder / pages.pdf_name(report.slug))
            annex = pages.annex_pdf_name(report.slug)
            if annex.removesuffix(".pdf") in self.pdfs:
                shutil.copyfile(self.pdfs[annex.removesuffix(".pdf")], folder / annex)
        self._drop_pdfs()
        for annual in self.annuals:
            data_files.write_annual(annual, site / annual_site.page_dir(annual.year), site_url)
        data_files.write_schema(site)
        (site / pages.PACKAGE).write_text(
            data_files.archive_package(config.site_name, archive, site_url), encoding="utf-8"
        )
        (site / pages.SEARCH_INDEX).write_text(
            search.index_script(self.indexed[src] for src in sorted(self.indexed)),
            encoding="utf-8",
        )
        if site_url is not None:
            (site / pages.FEED).write_text(self._feed(config, site_url), encoding="utf-8")
        annual_site.release_drawings(self.annuals)  # every chart of this build is drawn
        kept = keep_workbooks(None)
        if kept is not None and not self.serving:  # a preview keeps unchanged ones in memory
            kept.prune()  # every download of this build is made
        if not self.serving:
            self._check_published(site, config)  # before the record: a failed search writes none
            write_record(site)  # last: every file the build wrote, so the next may replace it

    def _check_published(self, site: Path, config: MkDocsConfig) -> None:
        """No case id a reader could find in the written site (a staging folder under
        `yjsreport build`, which is then not swapped in) or its PDFs."""
        from yjsreport.site.pdf_text_cache import cached_reader, text_cache
        from yjsreport.site.published_ids import check_site
        from yjsreport.site.reader_text import file_texts

        kept = text_cache(self.root) if self._uses_cache else None
        problems = check_site(
            site,
            self.content,
            Path(config.config_file_path),
            self.templates,
            self.reports,
            self.annuals,
            file_texts if kept is None else cached_reader(kept),
        )
        if kept is not None and self.writes_pdf:  # a build without PDFs keeps their texts
            kept.prune()  # every published file was read: the texts of older ones go
        if problems and not _staged(config):
            clean_directory(str(site))  # a bare `mkdocs build` wrote straight into site/
        self._stop_for(problems)

    def _stop_for(self, problems: list[Problem]) -> None:
        if problems:
            for problem in problems:
                log.error(str(problem))
            message = f"{len(problems)} case id(s) in what is published"
            raise PluginError(message) from ContentError(problems)

    def _feed(self, config: MkDocsConfig, site_url: str) -> str:
        """Published reports and annual reports only: never a draft, even in a preview."""
        base = site_url.rstrip("/") + "/"
        entries = [
            feed.Entry(
                report_title(r),
                base + pages.report_dir(r.slug) + "/",
                r.inspection.meta.publication_date,
                metadata.report_description(r),
            )
            for r in self.reports
            if not r.is_draft
        ]
        entries += [
            feed.Entry(
                a.source.meta.title,
                base + annual_site.page_dir(a.year) + "/",
                a.source.meta.publication_date,
                metadata.annual_description(
                    a.source.meta.title,
                    len(a.figures.results),
                    long_date(a.source.meta.period_start),
                    long_date(a.source.meta.period_end),
                ),
            )
            for a in self.annuals
            if not a.is_draft
        ]
        return feed.atom(config.site_name, base, base + pages.FEED, entries)

    def _downloads(self, report: Report) -> data_files.ReportDownloads:
        """The CSV and workbook downloads and the JSON, made once per loaded report
        (kept by a preview)."""
        made: data_files.ReportDownloads = self.store.made(
            report, "downloads", None, lambda: data_files.report_downloads(report)
        )
        return made

    def _beside_report(self, page: Page) -> tuple[Report, str] | None:
        """The report whose data annex or glossary this page is, and which it is."""
        for r in self.reports:
            if page.file.src_uri == pages.data_annex_src(r.slug):
                return r, "data-annex"
            if page.file.src_uri == pages.glossary_src(r.slug):
                return r, "glossary"
        return None

    def _beside_html(self, report: Report, which: str) -> str:
        annex_pdf = f"../{pages.annex_pdf_name(report.slug)}" if self.writes_pdf else None
        links = Links(report=pages.REPORT_LINK, pdf=annex_pdf)
        if which == "glossary":
            return render_glossary(report, self.templates, links)
        return render_data_annex(report, self.templates, "web", links)

    def _report_for(self, page: Page) -> Report | None:
        return next(
            (r for r in self.reports if page.file.src_uri == pages.report_src(r.slug)), None
        )


def _staged(config: MkDocsConfig) -> bool:
    """Built by `yjsreport build` into a staging folder, swapped in only if all is well."""
    return Path(config.site_dir).name.startswith(STAGING_PREFIX)


def _beside_links(report: Report) -> dict[str, str]:
    """Links from a report to the data annex and glossary its format publishes beside it."""
    if not report.inspection.format.data_annex:
        return {}
    return {"data_annex": pages.DATA_ANNEX_LINK, "glossary": pages.GLOSSARY_LINK}


def _theme_file(templates: Path, name: str) -> Path:
    """A file of the yjsreport theme: the project's own, else the packaged one."""
    own = templates / THEME_FOLDER / name
    return own if own.is_file() else TEMPLATES / THEME_FOLDER / name


def _describe_pdf(page: Path, pdf: Path) -> None:
    """Fill the report page's PDF description from the written file's bytes."""
    from yjsreport.pdf.info import page_count

    data = pdf.read_bytes()
    html = page.read_text(encoding="utf-8")
    page.write_text(fill_pdf_slot(html, describe("pdf", data, page_count(data))), encoding="utf-8")


def _front_matter(title: str) -> str:
    """The generated page's front-matter, dumped by YAML so that any title (quotes,
    backslashes, markup) comes back exactly; the theme escapes it when printed."""
    return "---\n" + yaml.safe_dump({"title": title}, allow_unicode=True, width=10**6) + "---\n"


def _safe_folders(content: Path) -> list[Path]:
    """Inspection folders whose names can be web addresses (others are reported)."""
    try:
        return [f for f in find_inspections(content) if slug_problem(f) is None]
    except ContentError:
        return []
