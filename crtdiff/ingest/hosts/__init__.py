"""Page furniture of each host that publishes CRT chapters, one small module per host."""

from crtdiff.ingest.hosts.ecoi import ECOI
from crtdiff.ingest.hosts.flipbook import FLIPBOOK
from crtdiff.ingest.hosts.generic import GENERIC
from crtdiff.ingest.hosts.pdf_text import PDF_TEXT
from crtdiff.ingest.hosts.profile import HostProfile, detect_host
from crtdiff.ingest.hosts.refworld import REFWORLD
from crtdiff.ingest.hosts.state_gov import STATE_GOV
from crtdiff.ingest.hosts.translations import TRANSLATIONS

# Order matters for detection: specific hosts first, the generic fallback last.
HOSTS: tuple[HostProfile, ...] = (
    TRANSLATIONS,
    STATE_GOV,
    REFWORLD,
    ECOI,
    FLIPBOOK,
    PDF_TEXT,
    GENERIC,
)

__all__ = ["HOSTS", "HostProfile", "detect_host"]
