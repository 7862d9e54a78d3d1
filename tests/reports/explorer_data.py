"""The incidents explorer's scripts read back in Python: each row made again as the page makes
it (site.js, Incidents.record), and as its CSV export writes it, for tests to compare with
incident_record, the definition of a row."""

import json
import zlib
from typing import Any

HEAD = "window.CRTDIFF_INCIDENTS = "
FURTHER = "(window.CRTDIFF_INCIDENT_ROWS = window.CRTDIFF_INCIDENT_ROWS || []).push("


def _json(text: str, prefix: str, suffix: str) -> Any:
    assert text.startswith(prefix) and text.endswith(suffix), text[:80]
    return json.loads(text.removeprefix(prefix).removesuffix(suffix))


def read_scripts(scripts: list[bytes]) -> tuple[list[str], list[dict[str, Any]]]:
    """The further scripts the first names, and every row of all of them, in order (each
    script's rows read with its own tables). Each further script holds the build the first
    gives for it, a checksum of the rest of it."""
    assert all(b"<" not in s and b">" not in s for s in scripts)
    names_line, builds_line, head_line = scripts[0].decode().split("\n", 2)
    names = _json(names_line, "window.CRTDIFF_INCIDENT_SCRIPTS = ", ";")
    builds = _json(builds_line, "window.CRTDIFF_INCIDENT_BUILDS = ", ";")
    data = _json(head_line, HEAD, ";\n")
    assert len(names) == len(builds) == len(scripts) - 1
    records = [_record(data, i) for i in range(len(data["rows"]["date"]))]
    for script, build in zip(scripts[1:], builds, strict=True):
        part = _json(script.decode(), FURTHER, ");\n")
        assert part.pop("build") == build == checksum(script)
        assert part["rows"]["date"], "a further script holds rows"
        records += [_record(part, i) for i in range(len(part["rows"]["date"]))]
    assert len(records) == data["total"]
    return names, records


def checksum(script: bytes) -> str:
    """The build of a further script: the CRC-32 and length of its JSON without the build."""
    prefix = FURTHER.encode() + b'{"build":"'
    assert script.startswith(prefix) and script.endswith(b");\n")
    body = b"{" + script[len(prefix) + 16 + 2 : -3]
    return f"{zlib.crc32(body):08x}{len(body):08x}"


def _record(data: dict[str, Any], i: int) -> dict[str, Any]:
    rows = data["rows"]
    s, ch, c = data["strings"], data["chapters"], rows["chapter"][i]
    url, published = ch["official_url"][c], ch["published"][c]
    return {
        "date": rows["date"][i],
        "date_end": s[rows["date_end"][i]],
        "report_year": ch["year"][c],
        "country": s[ch["country"][c]],
        "incident_country": s[rows["incident_country"][i]],
        "place": s[rows["place"][i]],
        "kind": s[rows["kind"][i]],
        "target": s[rows["target"][i]],
        "perpetrators": [data["groups"][g] for g in data["perpetrators"][rows["perpetrators"][i]]],
        "attribution": s[rows["attribution"][i]],
        "killed_min": rows["killed"][i],
        "wounded_min": rows["wounded"][i],
        "kidnapped_min": rows["kidnapped"][i],
        "illustrative": ch["illustrative"][c],
        "official_url": None if url is None else s[url],
        "published": None if published is None else s[published],
        "evidence": rows["evidence"][i],
        "page": f"{ch['page'][c]}#s{rows['sentence'][i]}",
    }


def as_json(record: dict[str, Any]) -> dict[str, Any]:
    """A record (incident_record's) as JSON gives it back: enums as their values, tuples as
    lists."""
    loaded: dict[str, Any] = json.loads(json.dumps(record))
    return loaded


def csv_row(record: dict[str, Any]) -> dict[str, str]:
    """A record as the explorer's CSV export writes it (site.js csvField), read by a CSV
    reader: perpetrators by name, none as "", booleans as JavaScript writes them, text that
    starts like a formula kept as text."""

    def field(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        text = str(value)
        if isinstance(value, str) and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + text
        return text

    named = {**record, "perpetrators": "; ".join(p[1] for p in record["perpetrators"])}
    return {k: field(v) for k, v in named.items()}


def haystack(record: dict[str, Any]) -> str:
    """What the explorer's text filter searches in a record (site.js, Incidents.haystack)."""
    return " ".join(
        [
            *(record[k] for k in ("date", "country", "incident_country", "place")),
            record["kind"].replace("_", " "),
            record["target"].replace("_", " "),
            record["attribution"],
            record["evidence"],
            " ".join(p[1] for p in record["perpetrators"]),
        ]
    ).lower()
