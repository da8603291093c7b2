"""Many documents at once: mail-merge rows (data.py), the items of a batch with their
shards and collisions (plan.py), making them in this process or a pool (run.py), the
progress shown (progress.py) and the manifest of what was written (manifest.py)."""
