"""The work of a run, as plain functions the Prefect flow wires together."""
