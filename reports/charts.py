"""Inline SVG charts: nothing loaded at view time, every label escaped."""

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from crtdiff.compare.wording import NOT_GIVEN, plural

BAR_WIDTH = 34
GAP = 26
PLOT_HEIGHT = 140
MARGIN_LEFT = 56
MARGIN_BOTTOM = 40
MARGIN_TOP = 38


@dataclass(frozen=True)
class YearPoint:
    """Incidents and minimum toll of one report year."""

    year: int
    incidents: int
    killed_min: int | None
    """None when no incident of the year gives a figure (shown as `not given`, never 0)."""
    illustrative: bool


def incidents_chart(points: list[YearPoint]) -> Markup:
    """Bars of incidents per year, with the minimum number killed written above each bar."""
    if not points:
        return Markup("")
    top = max(max(p.incidents for p in points), 1)
    width = MARGIN_LEFT + len(points) * (BAR_WIDTH + GAP) + GAP
    height = MARGIN_TOP + PLOT_HEIGHT + MARGIN_BOTTOM + 10
    base = MARGIN_TOP + PLOT_HEIGHT
    mid = MARGIN_TOP + PLOT_HEIGHT / 2
    parts = [
        f'<svg role="img" aria-label="Incidents and minimum killed per year" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{MARGIN_LEFT}" y1="{base}" x2="{width}" y2="{base}" stroke="#888"/>',
        f'<line x1="{MARGIN_LEFT}" y1="{MARGIN_TOP}" x2="{MARGIN_LEFT}" y2="{base}" '
        'stroke="#888"/>',
        f'<text x="{MARGIN_LEFT - 6}" y="{MARGIN_TOP + 4}" text-anchor="end">{top}</text>',
        f'<text x="{MARGIN_LEFT - 6}" y="{base + 4}" text-anchor="end">0</text>',
        f'<text class="axis-label" x="14" y="{mid}" text-anchor="middle" '
        f'transform="rotate(-90 14 {mid})">incidents</text>',
        f'<text class="axis-label" x="{(MARGIN_LEFT + width) / 2}" y="{height - 4}" '
        'text-anchor="middle">report year</text>',
    ]
    for index, point in enumerate(points):
        x = MARGIN_LEFT + GAP + index * (BAR_WIDTH + GAP)
        bar = round(PLOT_HEIGHT * point.incidents / top)
        y = base - bar
        fill = "#9aa7b4" if point.illustrative else "#1f4e8c"
        killed = (
            f"at least {point.killed_min} killed"
            if point.killed_min is not None
            else f"killed {NOT_GIVEN}"
        )
        title = f"{point.year}: {plural(point.incidents, 'incident')}, {killed}" + (
            " (illustrative text)" if point.illustrative else ""
        )
        toll = NOT_GIVEN if point.killed_min is None else f"{point.killed_min}†"
        parts += [
            f'<rect x="{x}" y="{y}" width="{BAR_WIDTH}" height="{bar}" fill="{fill}">'
            f"<title>{escape(title)}</title></rect>",
            f'<text x="{x + BAR_WIDTH / 2}" y="{y - 18}" text-anchor="middle" '
            f'class="toll">{toll}</text>',
            f'<text x="{x + BAR_WIDTH / 2}" y="{y - 4}" text-anchor="middle">'
            f"{point.incidents}</text>",
            f'<text x="{x + BAR_WIDTH / 2}" y="{base + 16}" text-anchor="middle">'
            f"{point.year}</text>",
        ]
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class GroupSpan:
    """The years a group is named in one country's chapters."""

    name: str
    years: list[int]
    former: list[int] = field(default_factory=list)
    """Years it is named only as the former name of a renamed group."""
    note: str = ""
    """Renames and mergers, in words ("renamed Katiba Macina in 2017")."""
    group_id: str = ""

    @property
    def active_years(self) -> list[int]:
        """Years it is named under its own standing (not as a former name)."""
        return [y for y in self.years if y not in self.former]


def groups_timeline(spans: list[GroupSpan], years: list[int]) -> Markup:
    """One row per group: a line from its first to its last year, a dot each year it is named."""
    if not spans or not years:
        return Markup("")
    label_width, step, row, note_width = 230, 56, 22, 300
    width = label_width + step * len(years) + note_width
    height = row * (len(spans) + 1) + 10
    x_of = {year: label_width + step * i + step / 2 for i, year in enumerate(years)}
    parts = [
        f'<svg role="img" aria-label="Groups named per year" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    parts += [f'<text x="{x_of[y]}" y="14" text-anchor="middle">{y}</text>' for y in years]
    for index, span in enumerate(spans):
        y = row * (index + 1) + 12
        active = span.active_years or span.years
        first, last = x_of[min(active)], x_of[max(active)]
        label = escape(span.name if len(span.name) <= 34 else span.name[:33] + "…")
        parts += [
            f'<text x="4" y="{y + 4}">{label}</text>',
            f'<line x1="{first}" y1="{y}" x2="{last}" y2="{y}" stroke="#9aa7b4" stroke-width="3"/>',
        ]
        for year in span.years:
            if year in span.former:
                parts.append(
                    f'<circle cx="{x_of[year]}" cy="{y}" r="5" fill="#ffffff" stroke="#1f4e8c" '
                    f'stroke-width="2" stroke-dasharray="2 2"><title>{escape(span.name)} named in '
                    f"{year} only as a former name ({escape(span.note)})</title></circle>"
                )
            else:
                parts.append(
                    f'<circle cx="{x_of[year]}" cy="{y}" r="6" fill="#1f4e8c">'
                    f"<title>{escape(span.name)} named in {year}</title></circle>"
                )
        if span.note:
            note_x = label_width + step * len(years) + 4
            parts.append(f'<text class="note" x="{note_x}" y="{y + 4}">{escape(span.note)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


HEAT_CLASSES = 8


def heat_class(value: float | None) -> str:
    """CSS class of a similarity cell: diverging scale from most changed to unchanged (eight
    classes of width 1/8; no class is grey, which means "missing")."""
    if value is None:
        return "heat-none"
    return f"heat-{min(HEAT_CLASSES - 1, int(value * HEAT_CLASSES))}"


@dataclass(frozen=True)
class LegendItem:
    """One swatch of the heatmap's legend: its CSS class and the values it stands for."""

    css: str
    label: str


def heat_legend() -> list[LegendItem]:
    """The heatmap's legend, from the same classes the cells use."""
    items = [
        LegendItem(f"heat-{i}", f"{i / HEAT_CLASSES:.2f}–{(i + 1) / HEAT_CLASSES:.2f}")
        for i in range(HEAT_CLASSES)
    ]
    return [*items, LegendItem("heat-none", "n/a: section missing in one of the two years")]


def change_class(share_changed: float | None) -> str:
    """CSS class of a site-index cell by the share of text that changed."""
    if share_changed is None:
        return "cell-0"
    return f"cell-{min(5, int(share_changed * 6))}"
