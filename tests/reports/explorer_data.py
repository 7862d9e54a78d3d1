"""The incidents explorer's scripts read back in Python: each row made again as the page makes
it (site.js, Incidents.record), and as its CSV export writes it, for tests to compare with
incident_record, the definition of a row."""

import json
from typing import Any

HEAD = "window.CRTDIFF_INCIDENTS = "
FURTHER = "(window.CRTDIFF_INCIDENT_ROWS = window.CRTDIFF_INCIDENT_ROWS || []).push("


def _json(text: str, prefix: str, suffix: str) -> Any:
    assert text.startswith(prefix) and text.endswith(suffix), text[:80]
    return json.loads(text.removeprefix(prefix).removesuffix(suffix))


def read_scripts(scripts: list[bytes]) -> tuple[list[str], list[dict[str, Any]]]:
    """The further scripts the first names, and every row of all of them, in order."""
    assert all(b"<" not in s and b">" not in s for s in scripts)
    names_line, build_line, head_line = scripts[0].decode().split("\n", 2)
    names = _json(names_line, "window.CRTDIFF_INCIDENT_SCRIPTS = ", ";")
    build = _json(build_line, "window.CRTDIFF_INCIDENT_BUILD = ", ";")
    data = _json(head_line, HEAD, ";\n")
    assert len(names) == len(scripts) - 1
    columns = {k: list(v) for k, v in data["rows"].items()}
    for script in scripts[1:]:
        part = _json(script.decode(), FURTHER, ");\n")
        assert part["start"] == len(columns["date"]) and part["build"] == build
        for k, v in part["rows"].items():
            columns[k] += v
    assert len(columns["date"]) == data["total"]
    return names, [_record(data, columns, i) for i in range(data["total"])]


def _record(data: dict[str, Any], rows: dict[str, list[Any]], i: int) -> dict[str, Any]:
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
