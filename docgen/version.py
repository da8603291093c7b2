"""docgen's version, apart from the package's ``__init__`` so that any module may import it
without importing the Python API (docgen/__init__.py → api.py → the whole pipeline)."""

__version__ = "0.1.0"
