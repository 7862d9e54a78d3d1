"""The sources catalogue (data/sources.toml): which chapters exist, and where to read them."""
