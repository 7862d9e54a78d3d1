"""Any other host: semantic containers and the common furniture of saved pages."""

from crtdiff.ingest.hosts.profile import HostProfile

GENERIC = HostProfile(
    name="plain",
    content_selectors=("main", "article", "[role=main]", "#content", "#main", ".content"),
)
