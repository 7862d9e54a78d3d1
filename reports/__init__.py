"""Rendering of change summaries: jinja2 templates (reports/templates/) and render functions."""
