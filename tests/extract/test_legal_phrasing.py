"""Legal measures of real phrasing (the gold chapters kenya-2015, jordan-2016, burkina-
faso-2016): accounts frozen, a sanctions list circulated, a law that remained the country's law,
a parliament's vote on a law about freezing assets."""

import pytest

from crtdiff.extract.legal import read_measure
from crtdiff.schemas import LegalMeasureKind, LegalStatus


@pytest.mark.parametrize(
    ("sentence", "kind", "status"),
    [
        (
            "On April 7, the Central Bank of Kenya froze the accounts of 86 individuals and "
            "entities suspected of financing al-Shabaab.",
            LegalMeasureKind.ASSET_FREEZE,
            LegalStatus.IMPLEMENTED,
        ),
        (
            "The Central Bank of Jordan circulated the UN 1267/2253 ISIL (Da'esh) and al-Qa'ida "
            "sanctions list to banks.",
            LegalMeasureKind.ASSET_FREEZE,
            LegalStatus.IMPLEMENTED,
        ),
        (
            "The Prevention of Terrorism Act of 2012, as amended, remained Kenya's principal "
            "counterterrorism law.",
            LegalMeasureKind.LAW,
            LegalStatus.IN_FORCE,
        ),
        (
            "On May 2, parliament passed amendments to the Anti-Money Laundering and Counter "
            "Terrorist Financing Law of 2007 that extended asset-freezing powers to prosecutors.",
            LegalMeasureKind.ASSET_FREEZE,
            LegalStatus.PASSED,
        ),
    ],
)
def test_legal_statuses_of_real_phrasing(
    sentence: str, kind: LegalMeasureKind, status: LegalStatus
) -> None:
    reading = read_measure(sentence, 2016)
    assert reading is not None and (reading.kind, reading.status) == (kind, status)
