"""The ``docgen`` command line: the typer app (app.py) and the bodies of commands that are
more than a call into one stage."""

from docgen.cli.app import app, main

__all__ = ["app", "main"]
