"""Report series: CRT and its sister series, each data (data/reference/series/) plus a plugin."""
