from crtdiff.ingest.blocks import BlockKind
from crtdiff.ingest.hosts.generic import GENERIC
from crtdiff.ingest.hosts.state_gov import STATE_GOV
from crtdiff.ingest.html_blocks import parse_html_page


def test_bold_lead_lists_and_entities() -> None:
    html = (
        "<html><head><title>T</title></head><body><nav>Menu</nav><main>"
        "<p><strong>Overview:</strong>&nbsp; The <em>Government</em> of Mali.</p>"
        "<ul><li><p>On May 1, an attack.</p><p>More on it.</p></li><li>On May 2, another.</li></ul>"
        "<h3>Countering Violent Extremism</h3><p>Text&rsquo;s end.</p>"
        "</main><footer>Privacy Policy</footer></body></html>"
    )
    page = parse_html_page(html, GENERIC)
    assert page.title == "T"
    assert [(b.kind, b.text) for b in page.blocks] == [
        (BlockKind.PARAGRAPH, "Overview: The Government of Mali."),
        (BlockKind.BULLET, "On May 1, an attack."),
        (BlockKind.PARAGRAPH, "More on it."),
        (BlockKind.BULLET, "On May 2, another."),
        (BlockKind.HEADING, "Countering Violent Extremism"),
        (BlockKind.PARAGRAPH, "Text’s end."),
    ]
    assert page.blocks[0].bold_lead == "Overview:"
    assert page.blocks[4].level == 3


def test_deeply_nested_html_does_not_overflow() -> None:
    depth = 20000
    html = "<div>" * depth + "<p>Overview: deep text.</p>" + "</div>" * depth
    page = parse_html_page(html, GENERIC)
    assert [b.text for b in page.blocks] == ["Overview: deep text."]


def test_state_gov_container_and_canonical_url() -> None:
    html = (
        '<html><head><link rel="canonical" href="https://www.state.gov/x/"></head><body>'
        '<div class="header_banner_container">An official website of the United States '
        "Government</div><h1>Country Reports on Terrorism 2019: Niger</h1>"
        '<div class="report__content"><section class="entry-content"><p>Body.</p></section>'
        "</div></body></html>"
    )
    page = parse_html_page(html, STATE_GOV)
    assert page.canonical_url == "https://www.state.gov/x/"
    assert page.headline == "Country Reports on Terrorism 2019: Niger"
    assert [b.text for b in page.blocks] == ["Body."]


def test_removed_metadata_is_kept_as_label_value_lines() -> None:
    from crtdiff.ingest.hosts.refworld import REFWORLD

    html = (
        "<html><body><table class='docMeta'><tr><td>Country</td><td>Kenya</td></tr>"
        "<tr><td>Publication Date</td><td>31 July 2012</td></tr></table>"
        "<dl class='document-meta'><dt>Country:</dt> <dd>Niger</dd><dt>Date:</dt><dd>1 May</dd></dl>"
        "<main><p>Overview: Kenya remained a partner.</p></main></body></html>"
    )
    page = parse_html_page(html, REFWORLD)
    assert {"Country: Kenya", "Publication Date: 31 July 2012", "Country: Niger"} <= set(
        page.metadata
    )
    assert [b.text for b in page.blocks] == ["Overview: Kenya remained a partner."]
