"""docgen: Chinese official documents (公文) in the GB/T 9704-2012 layout.

The pipeline runs one way:
spec (YAML) → validated model → Jinja → document model (公文 elements) → layout → writers.
"""

__version__ = "0.1.0"
