"""The spec: YAML read safely with positions, and validated into a typed
:class:`~docgen.spec.model.Spec`.  Knows nothing of Jinja or layout: ``docgen.render``
renders its text and ``docgen.render.load_spec`` runs read → render → validate."""
