"""Extraction: incidents, groups, legal measures and organisations, each traced to its sentence."""
