"""The spec: YAML in, a validated :class:`~docgen.spec.model.Spec` out. Knows nothing of layout."""

from docgen.spec.loader import LoadedSpec, load_spec

__all__ = ["LoadedSpec", "load_spec"]
