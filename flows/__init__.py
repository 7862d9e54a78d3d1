"""Prefect wiring: flows and thin tasks around crtdiff's pure functions.

Import `flows.settings.configure_prefect()` before anything imports prefect.
"""
