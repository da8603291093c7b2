"""The ``docgen`` command line: the typer app (app.py) and the bodies of commands that are
more than a call into one stage."""

from __future__ import annotations

from typing import Any


def main() -> None:
    """The ``docgen`` command (app.py), its start-up free of the cycle collector's passes
    (collector.py): they are paid for by importing the libraries, before app.py loads."""
    from docgen import collector

    collector.hold()
    from docgen.cli.app import main as run

    run()


def __getattr__(name: str) -> Any:
    if name == "app":  # the typer app, loaded when asked for (tests, shell completion)
        from docgen.cli.app import app

        return app
    raise AttributeError(name)


__all__ = ["app", "main"]
