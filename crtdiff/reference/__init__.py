"""Reference tables under data/reference/, loaded and validated."""
