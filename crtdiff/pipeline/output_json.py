"""A report's or diff's output file: its JSON indented by two spaces, and a newline."""

import msgspec
from pydantic import BaseModel

from crtdiff.store.results import encode


def output_json(model: BaseModel, compact: bytes | None = None) -> bytes:
    """`model.model_dump_json(indent=2)` and a newline, as UTF-8.

    Made by indenting the model's compact JSON (`compact` when the caller has just stored it,
    else encoded here): `msgspec.json.format` copies every string and number as it is and only
    lays out the whitespace, as pydantic's indenting serializer does, so the bytes are the same
    for a third of the work (tests hold the two to each other on real reports and diffs and
    on generated values). `compact` must be this model's `encode(model)` of this process."""
    return msgspec.json.format(encode(model) if compact is None else compact, indent=2) + b"\n"
