"""Any other host: semantic containers and the common furniture of saved pages."""

from crtdiff.ingest.hosts.profile import HostProfile, lines

GENERIC = HostProfile(
    name="plain",
    content_selectors=("main", "article", "[role=main]", "#content", "#main", ".content"),
    leading_lines=lines(r"Country Reports? on Terrorism \d{4}"),
    anywhere_lines=lines(r"Print(?: this page)?|Share(?: this page)?|Back to top"),
)
