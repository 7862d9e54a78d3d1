"""The HRR plugin: the Country Reports on Human Rights Practices, compared along their outline
(data/reference/series/hrr_outline.csv)."""

from crtdiff.reference.outline import load_outline
from crtdiff.reference.series import SeriesDefinition
from crtdiff.series.outline_plugin import OutlinePlugin


def make_plugin(definition: SeriesDefinition) -> OutlinePlugin:
    """The plugin of the HRR series."""
    return OutlinePlugin(definition, load_outline(definition.name))
