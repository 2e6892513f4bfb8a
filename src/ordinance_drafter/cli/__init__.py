"""The command line: the only part of the tool that knows argv and the terminal."""

from .app import app, main

__all__ = ["app", "main"]
