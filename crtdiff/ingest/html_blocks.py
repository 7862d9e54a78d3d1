"""HTML to blocks: pick the chapter container of the page's host and walk it iteratively."""

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from crtdiff.ingest.blocks import (
    Block,
    BlockKind,
    bullet_body,
    collapse_spaces,
    split_run_together,
)
from crtdiff.ingest.hosts.profile import HostProfile
from crtdiff.ingest.provenance import Provenance, meta_provenance
from crtdiff.text.normalize import normalize_text

_SKIP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "object",
        "embed",
        "form",
        "button",
        "select",
        "input",
        "textarea",
        "nav",
        "header",
        "footer",
        "aside",
        "head",
        "title",
        "meta",
        "link",
        "canvas",
        "video",
        "audio",
        "picture",
        "map",
    ]
)
_BLOCK = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tr",
        "td",
        "th",
        "figure",
        "figcaption",
        "hr",
        "address",
        "center",
    ]
)
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_BOLD = frozenset({"strong", "b"})
_GLOBAL_FURNITURE = ("[aria-hidden=true]", "[role=navigation]", "[role=banner]", "[hidden]")


@dataclass
class HtmlPage:
    """What an HTML page offers the ingester: its titles, canonical URL and body blocks."""

    title: str | None
    headline: str | None
    canonical_url: str | None
    provenance: Provenance = field(default_factory=Provenance)
    """Official URL and publication date the page's head states."""
    blocks: list[Block] = field(default_factory=list)
    metadata: list[str] = field(default_factory=list)
    """Lines of the furniture elements removed (a mirror's "Countries:", "Published:")."""


@dataclass
class _Builder:
    blocks: list[Block] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    kind: BlockKind = BlockKind.PARAGRAPH
    level: int | None = None
    bold_from: int | None = None
    bold_lead: str | None = None

    def start(self, kind: BlockKind, level: int | None = None) -> None:
        self.flush()
        self.kind, self.level = kind, level

    def text(self, value: str) -> None:
        self.parts.append(value)

    def empty(self) -> bool:
        return not "".join(self.parts).strip()

    def open_bold(self) -> None:
        if self.empty() and self.bold_lead is None:
            self.bold_from = len(self.parts)

    def close_bold(self) -> None:
        if self.bold_from is not None:
            bold = normalize_text("".join(self.parts[self.bold_from :]))
            self.bold_lead = collapse_spaces(bold) or None
            self.bold_from = None

    def flush(self) -> None:
        raw = "".join(self.parts)
        lines = [collapse_spaces(line) for line in normalize_text(raw).split("\n")]
        lines = [line for line in lines if line]
        bold, kind, level = self.bold_lead, self.kind, self.level
        self.parts, self.bold_from, self.bold_lead = [], None, None
        self.kind, self.level = BlockKind.PARAGRAPH, None
        for index, line in enumerate(lines):
            body = bullet_body(line)
            if body is not None and kind is not BlockKind.HEADING:
                self.blocks.extend(
                    Block(BlockKind.BULLET, collapse_spaces(t)) for t in split_run_together(body)
                )
                continue
            this_kind = kind if index == 0 or kind is BlockKind.BULLET else BlockKind.PARAGRAPH
            self.blocks.append(Block(this_kind, line, bold if index == 0 else None, level))


def _children(node: LexborNode) -> list[LexborNode]:
    out: list[LexborNode] = []
    child = node.first_child
    while child is not None:
        out.append(child)
        child = child.next
    return out


def _open(builder: _Builder, tag: str) -> None:
    if tag in _HEADINGS:
        builder.start(BlockKind.HEADING, _HEADINGS[tag])
    elif tag == "li":
        builder.start(BlockKind.BULLET)
    elif tag in _BLOCK:
        # A <p> opening a list item continues the bullet instead of starting a paragraph.
        if not (builder.kind is BlockKind.BULLET and builder.empty()):
            builder.start(BlockKind.PARAGRAPH)
    elif tag in _BOLD:
        builder.open_bold()


def _close(builder: _Builder, tag: str) -> None:
    if tag in _BOLD:
        builder.close_bold()
    elif tag in _BLOCK:
        builder.flush()


def _walk(root: LexborNode) -> list[Block]:
    """Depth-first walk with an explicit stack, so deeply nested pages cannot overflow."""
    builder = _Builder()
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag
        if closing:
            _close(builder, tag or "")
        elif node.is_text_node:
            builder.text(node.text_content or "")
        elif not node.is_element_node or tag is None or tag in _SKIP:
            continue
        elif tag == "br":
            builder.text("\n")
        else:
            _open(builder, tag)
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(_children(node)))
    builder.flush()
    return builder.blocks


def _meta(tree: LexborHTMLParser, selector: str, attribute: str) -> str | None:
    node = tree.css_first(selector)
    value = node.attributes.get(attribute) if node is not None else None
    return collapse_spaces(value) if value else None


def _metadata_lines(node: LexborNode) -> list[str]:
    """A furniture element's lines, with table rows and definition lists as `label: value`."""
    text = node.text(separator="\n") or ""
    lines = [line for raw in text.splitlines() if (line := collapse_spaces(raw))]
    for row in node.css("tr"):
        cells = [collapse_spaces(c.text(deep=True) or "") for c in row.css("td, th")]
        if len(cells) == 2 and all(cells):
            lines.append(f"{cells[0].rstrip(':')}: {cells[1]}")
    for term in node.css("dt"):
        value = term.next
        while value is not None and value.tag != "dd" and not value.is_element_node:
            value = value.next
        if value is not None and value.tag == "dd":
            label = collapse_spaces(term.text(deep=True) or "").rstrip(":")
            lines.append(f"{label}: {collapse_spaces(value.text(deep=True) or '')}")
    return lines


def _container(tree: LexborHTMLParser, host: HostProfile) -> LexborNode | None:
    for selector in host.content_selectors:
        nodes = tree.css(selector)
        if nodes:
            # Several matches (state.gov repeats .entry-content): take the one with most text.
            return max(nodes, key=lambda n: len(n.text(deep=True) or ""))
    return tree.body


def parse_html_page(html: str, host: HostProfile, data: bytes = b"") -> HtmlPage:
    """Parse a page: titles and canonical URL first, then furniture removal and the body walk."""
    tree = LexborHTMLParser(html)
    title_node = tree.css_first("title")
    h1 = tree.css_first("h1")
    page = HtmlPage(
        title=collapse_spaces(title_node.text()) if title_node is not None else None,
        headline=collapse_spaces(h1.text(deep=True)) if h1 is not None else None,
        canonical_url=_meta(tree, "link[rel=canonical]", "href")
        or _meta(tree, "meta[property='og:url']", "content"),
        provenance=meta_provenance(tree, data),
    )
    for selector in (*_GLOBAL_FURNITURE, *host.remove_selectors):
        for node in tree.css(selector):
            page.metadata += _metadata_lines(node)
            node.decompose()
    root = _container(tree, host)
    if root is None:
        return page
    page.blocks = _walk(root)
    return page
