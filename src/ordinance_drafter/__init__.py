"""Ordinance Drafter: draft local separation ordinances from a vetted clause library.

The pipeline runs one way: clause library -> interview -> answers -> assembly (the document
model) -> renderers. See :mod:`ordinance_drafter.build` for the library entry points.
"""

__version__ = "0.1.0"
