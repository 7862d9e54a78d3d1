"""The name of every output under the output folder, decided here and nowhere else.

Names are relative POSIX paths (as the output manifest keeps them; `out_dir / name` is the
file). A country's files are in its folder, named by report year: a chapter `<year>`, a pair
`<old>-<new>`, each followed by `-<chapter>` for a chapter other than the country's own (e.g.
`2016-safe-haven.html`), so the chapters and pairs of a safe-haven never take the names of the
country's. Every part is a slug: a name can never leave the output folder.

Light on purpose (nothing but the slug): settling and the up-to-date check use it too.
"""

from crtdiff.text.normalize import slugify

COUNTRY = "country"
"""The chapter of a country's own, whose files carry no chapter suffix."""


class OutputPaths:
    """Every output's name."""

    INDEX = "index.html"
    INCIDENTS = "incidents.html"
    SEARCH = "search.html"
    GROUPS_INDEX = "groups/index.html"
    YEARS_INDEX = "years/index.html"
    SEARCH_BUNDLE_LIST = "assets/search-bundles.js"
    """The list of the countries' search bundles the search page merges."""
    SEARCH_BUNDLE = "pagefind"
    """A country's search bundle folder, in the country's folder."""
    DATA = "data"
    """The folder of the data tables."""
    EXPLORER_DATA = "data/incidents.js"
    """The incidents explorer's first data script, which names the others (data/incidents-2.js,
    ...): scripts, as a page opened from disk cannot fetch JSON (reports.explorer_files)."""
    RUN_REPORT = "run-report.json"
    COVERAGE = "coverage.html"
    """Every catalogued chapter of the series, read or why not (its table: data_table)."""

    @staticmethod
    def folder(country: str) -> str:
        """A country's folder: its slug."""
        return slugify(country)

    @staticmethod
    def _suffix(chapter: str) -> str:
        return "" if chapter == COUNTRY else f"-{slugify(chapter)}"

    @classmethod
    def chapter_stem(cls, year: int, chapter: str = COUNTRY) -> str:
        """The file stem of a chapter, within its country's folder: `2016`, `2016-safe-haven`."""
        return f"{year}{cls._suffix(chapter)}"

    @classmethod
    def pair_stem(cls, old_year: int, new_year: int, chapter: str = COUNTRY) -> str:
        """The file stem of a pair, within its country's folder: `2015-2016`,
        `2015-2016-safe-haven`."""
        return f"{old_year}-{new_year}{cls._suffix(chapter)}"

    @classmethod
    def report_json(cls, country: str, year: int, chapter: str = COUNTRY) -> str:
        """A chapter's normalised report: `mali/2016.json`."""
        return f"{cls.folder(country)}/{cls.chapter_stem(year, chapter)}.json"

    @classmethod
    def chapter_page(cls, country: str, year: int, chapter: str = COUNTRY) -> str:
        """A chapter's readable copy: `mali/2016.html`."""
        return f"{cls.folder(country)}/{cls.chapter_stem(year, chapter)}.html"

    @classmethod
    def pair_file(
        cls, country: str, old_year: int, new_year: int, chapter: str, extension: str
    ) -> str:
        """A pair's YearDiff (`json`) or change summary (`html`, `md`): `mali/2015-2016.html`."""
        return f"{cls.folder(country)}/{cls.pair_stem(old_year, new_year, chapter)}.{extension}"

    @classmethod
    def pair_pages(cls, country: str, old_year: int, new_year: int, chapter: str) -> list[str]:
        """A pair's change summary in HTML and Markdown."""
        return [cls.pair_file(country, old_year, new_year, chapter, e) for e in ("html", "md")]

    @classmethod
    def country_page(cls, country: str) -> str:
        """A country's timeline: `mali/index.html`."""
        return f"{cls.folder(country)}/index.html"

    @classmethod
    def search_bundle(cls, country: str) -> str:
        """A country's search bundle: `mali/pagefind`."""
        return f"{cls.folder(country)}/{cls.SEARCH_BUNDLE}"

    @classmethod
    def data_table(cls, name: str, extension: str) -> str:
        """A data table: `data/incidents.csv`."""
        return f"{cls.DATA}/{name}.{extension}"
