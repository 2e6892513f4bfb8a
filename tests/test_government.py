"""Forms of government: who carries out the ordinance, and what follows from the state's law."""

from __future__ import annotations

import pytest

from ordinance_drafter.library.loader import Library
from ordinance_drafter.statelaw.flags import state_entry
from ordinance_drafter.statelaw.schema import StateSpec


def test_public_defense_is_state_data(library: Library) -> None:
    """Minnesota records a state-run public defense; a state without research records none."""
    assert state_entry(library, "MN").public_defense == "state"
    assert state_entry(library, "WI").public_defense is None


def test_public_defense_accepts_only_its_values(library: Library) -> None:
    """A misspelt value is refused, not read as 'not researched'."""
    raw = state_entry(library, "MN").model_dump()
    raw["public_defense"] = "statewide"
    with pytest.raises(ValueError, match="'state', 'local' or 'mixed'"):
        StateSpec.model_validate(raw)
