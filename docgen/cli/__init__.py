"""The ``docgen`` command line: the typer app and its commands (commands.py), and the
bodies of commands that are more than a call into one stage."""

from __future__ import annotations

from typing import Any


def main() -> None:
    """The ``docgen`` command (commands.py).  Before the libraries are imported, the cycle
    collector is held off (collector.py) and, for what looks like a build, the layout
    helper is started (forked.py), so that it imports the layout's libraries beside the
    command's own; the build command ends it if it has no use for it."""
    import sys

    from docgen import collector

    collector.hold()
    if "build" in sys.argv[1:4]:  # a guess: the build command decides whether to use it
        from docgen import forked

        forked.start()
    from docgen.cli.commands import main as run

    run()


def __getattr__(name: str) -> Any:
    if name == "app":  # the typer app, loaded when asked for (tests, shell completion)
        from docgen.cli.commands import app

        return app
    raise AttributeError(name)


__all__ = ["app", "main"]
