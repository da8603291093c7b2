"""The document model: 公文 elements, with no knowledge of YAML, Jinja or points."""
