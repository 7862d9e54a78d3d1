"""Fetching chapters over http(s): size cap, timeout, conditional requests, clear errors."""
