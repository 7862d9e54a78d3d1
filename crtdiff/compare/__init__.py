"""Comparison of two chapters of one country: facts first, then the text."""
