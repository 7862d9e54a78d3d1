"""`crtdiff serve` (the scheduled deployments) and `crtdiff schemas` (the JSON Schema files)."""

import os
from typing import Annotated

import typer

from crtdiff.cli.app import app, fail
from crtdiff.cli.options import CatalogOpt, OutOpt, StoreOpt
from crtdiff.errors import ConfigError
from crtdiff.paths import DEFAULT_CATALOG, DEFAULT_OUTPUT, DEFAULT_STORE


@app.command()
def serve(
    catalog: CatalogOpt = DEFAULT_CATALOG,
    out: OutOpt = DEFAULT_OUTPUT,
    store: StoreOpt = DEFAULT_STORE,
    annual_cron: Annotated[
        str, typer.Option(metavar="CRON", help="Cron of the full `annual` run.")
    ] = "0 6 1 12 *",
    watch_cron: Annotated[
        str, typer.Option(metavar="CRON", help="Cron of the `watch` probe.")
    ] = "0 7 * * 1",
    timezone: Annotated[
        str, typer.Option(metavar="ZONE", help="Time zone of both schedules.")
    ] = "UTC",
    watch_base_url: Annotated[
        str, typer.Option(metavar="URL", help="Site `watch` probes.")
    ] = "https://www.state.gov",
) -> None:
    """Serve the `annual` and `watch` deployments on a Prefect server.

    The server is the one in PREFECT_API_URL. Stop with SIGTERM or Ctrl-C.
    """
    if not os.environ.get("PREFECT_API_URL"):
        fail(
            ConfigError(
                "crtdiff serve",
                "needs a Prefect server: start one with `prefect "
                "server start --host 127.0.0.1` and set PREFECT_API_URL (see README)",
            )
        )
    from crtdiff.flows.settings import configure_prefect

    configure_prefect()
    from crtdiff.flows.deploy import Schedule, serve_deployments

    schedule = Schedule(
        catalog=str(catalog.resolve()),
        out_dir=str(out.resolve()),
        store_dir=str(store.resolve()),
        annual_cron=annual_cron,
        watch_cron=watch_cron,
        timezone=timezone,
        watch_base_url=watch_base_url,
    )
    serve_deployments(schedule, lambda line: typer.echo(line, err=True))


@app.command()
def schemas(
    check: Annotated[
        bool, typer.Option("--check", help="Only report stale schema files (exit 1 if any).")
    ] = False,
) -> None:
    """Export the JSON Schema files under schemas/json/."""
    from crtdiff.schemas.export import JSON_DIR, schema_texts, stale_schemas, write_schemas

    if check:
        stale = stale_schemas()
        for name in stale:
            typer.echo(
                f"stale: schemas/json/{name} (run `crtdiff schemas` to rewrite it)", err=True
            )
        if not stale:
            typer.echo(f"schemas/json: {len(schema_texts())} schema files up to date")
        raise typer.Exit(1 if stale else 0)
    for path in write_schemas():
        typer.echo(f"wrote {path.relative_to(JSON_DIR.parent.parent)}")
