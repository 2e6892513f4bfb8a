"""Loading the state-law layer of a clause library."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..errors import ClauseLibraryError
from ..library.loader import Library
from ..library.yamlio import read_yaml, validate_mapping
from .codes import STATES
from .schema import FederalFile, FederalItemSpec, StatesIndex, StateSpec


class StateData:
    """The state-law layer of a clause library, validated as it is read.

    A build needs one state's file and ``federal.yaml``; ``states`` and ``lint-library``
    read them all. Each file is read and validated at most once.

    Args:
        root: The library folder.

    Raises:
        ClauseLibraryError: A file is invalid; the message names the file and field.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.folder = self.root / "states"
        self._states: dict[str, StateSpec | None] = {}
        self._index: StatesIndex | None = None
        self._federal: FederalFile | None = None

    @property
    def present(self) -> bool:
        """Whether the library has any state data at all."""
        return self.folder.is_dir() or (self.root / "federal.yaml").is_file()

    @property
    def index(self) -> StatesIndex | None:
        """``states/_index.yaml``, or ``None`` if the library has none."""
        path = self.folder / "_index.yaml"
        if self._index is None and path.is_file():
            self._index = _validate(StatesIndex, path, "state index")
        return self._index

    @property
    def known_provisions(self) -> tuple[str, ...]:
        """The fixed provision ids the data may name before the provisions exist."""
        return self.index.known_provisions if self.index else ()

    def get(self, code: str) -> StateSpec | None:
        """One state's entry by two-letter code, or ``None`` if there is no file for it."""
        code = code.upper()
        if code not in self._states:
            path = self.folder / f"{code}.yaml"
            self._states[code] = self._load_state(path) if path.is_file() else None
        return self._states[code]

    @property
    def states(self) -> dict[str, StateSpec]:
        """Every state's entry, by code (reads all the files)."""
        if self.folder.is_dir():
            for path in sorted(self.folder.glob("*.yaml")):
                if not path.name.startswith("_") and path.stem not in self._states:
                    self._states[path.stem] = self._load_state(path)
        return {c: s for c, s in sorted(self._states.items()) if s is not None}

    @property
    def federal(self) -> tuple[FederalItemSpec, ...]:
        """The federal context items (empty if the library has no ``federal.yaml``)."""
        path = self.root / "federal.yaml"
        if self._federal is None:
            if not path.is_file():
                return ()
            self._federal = _validate(FederalFile, path, "federal context file")
        return self._federal.items

    @property
    def federal_as_of(self) -> str:
        """The date of ``federal.yaml``."""
        return self._federal.as_of if self.federal and self._federal else ""

    def _load_state(self, path: Path) -> StateSpec:
        spec: StateSpec = _validate(StateSpec, path, "state file")
        if spec.code != path.stem:
            raise ClauseLibraryError(
                f"{path}: field 'code' is '{spec.code}' but the file is '{path.name}'; "
                "they must match."
            )
        if spec.code not in STATES:
            raise ClauseLibraryError(
                f"{path}: '{spec.code}' is not a state code. Allowed: the two-letter codes "
                "of the 50 states and DC."
            )
        return spec


def _validate(model: type[BaseModel], path: Path, what: str) -> Any:
    data = read_yaml(path, ClauseLibraryError, what)
    return validate_mapping(model, data, path, what, ClauseLibraryError)


def state_data(library: Library) -> StateData:
    """The state-law layer of ``library`` (``states/``, ``federal.yaml``), read on first use.

    Commands that never need it (``--help``, ``build`` for a draft whose flags were never
    asked for) pay nothing for it; it is kept for the life of the library object.
    """
    data = _LOADED.get(id(library))
    if data is None or data[0] is not library:
        data = (library, load_state_data(library.root))
        _LOADED[id(library)] = data
    return data[1]


_LOADED: dict[int, tuple[Library, StateData]] = {}


def load_state_data(root: Path) -> StateData:
    """The (lazily read) state-law data of the library at ``root``."""
    return StateData(root)
