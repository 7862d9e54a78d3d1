"""The jinja2 environment of every report: templates in reports/templates/, shared filters."""

from functools import lru_cache
from pathlib import Path

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)

from crtdiff.compare.headline import member_name, section_name
from crtdiff.compare.wording import (
    attribution_label,
    display_name,
    full_name,
    group_names,
    kind_label,
    place_label,
    plural,
    target_label,
    toll_cell,
    toll_delta,
    toll_figure,
)
from crtdiff.reports.cells import dash, num, pct
from crtdiff.reports.charts import heat_class
from crtdiff.reports.fragments import (
    alignment_html,
    group_link,
    group_links,
    presence_rows,
    quote,
    redline_html,
    sentence_link,
)
from crtdiff.reports.group_lists import (
    chapter_group_items,
    continuing_links,
    continuing_names_markdown,
)
from crtdiff.reports.markdown_text import (
    alignment_markdown,
    incident_rows_markdown,
    md,
    metric_rows_markdown,
)
from crtdiff.reports.pair_tables import incident_rows, metric_rows


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Templates compiled once per user, not in every process: compiling them costs a new
    process (`crtdiff add`, each worker of a run) 0.4 s. Jinja keeps the cache in a folder of
    the temporary directory only its user may read, and checks each entry against its template's
    source; without a usable folder, templates are compiled in memory as before."""
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The shared environment: autoescape on for HTML, strict about undefined names."""
    env = Environment(
        loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
        bytecode_cache=_bytecode_cache(),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # The templates are the package's own: a page rendered never asks the disk whether its
        # template (and the base and macros it uses) changed since loaded, a stat each per page.
        auto_reload=False,
    )
    env.filters.update(
        md=md,
        pct=pct,
        num=num,
        dash=dash,
        kind=kind_label,
        target=target_label,
        attribution=attribution_label,
        toll=toll_figure,
        delta=toll_delta,
    )
    env.globals.update(
        section_name=section_name,
        display_name=display_name,
        full_name=full_name,
        member_name=member_name,
        group_names=group_names,
        plural=plural,
        toll_cell=toll_cell,
        place=place_label,
        heat=heat_class,
        sentence_link=sentence_link,
        redline_html=redline_html,
        presence_rows=presence_rows,
        alignment_html=alignment_html,
        quote=quote,
        group_link=group_link,
        group_links=group_links,
        alignment_markdown=alignment_markdown,
        metric_rows_markdown=metric_rows_markdown,
        incident_rows_markdown=incident_rows_markdown,
        metric_rows=metric_rows,
        incident_rows=incident_rows,
        chapter_group_items=chapter_group_items,
        continuing_links=continuing_links,
        continuing_names_markdown=continuing_names_markdown,
    )
    return env
