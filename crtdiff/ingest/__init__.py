"""Ingest: raw bytes of a chapter (text or HTML, any host, any era) to a CountryReport."""
