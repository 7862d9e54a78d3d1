"""On-disk stores: atomic writes and content-addressed raw snapshots."""
