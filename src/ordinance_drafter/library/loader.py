"""Load and validate a clause library.

A clause library is a directory of data (see ``docs/clause-format.md``)::

    library.yaml                      name, version, categories
    forms.yaml                        enacting clause and signature block by state and type
    governments.yaml                  forms of government: who carries out the ordinance
    provisions/<id>/clause.yaml       metadata: title, variants, variables, terms, sources
    provisions/<id>/text.md.j2        the provision's text (Jinja2)
    provisions/<id>/note.md.j2        its explanatory note (Jinja2)
    provisions/<id>/request.md.j2     optional: its request to an elected sheriff (Jinja2)
    provisions/<id>/samples/*.answers.yaml and *.expected.md
    definitions/<id>.yaml             one defined term each
    presets/<id>.yaml                 starting points
    questions.yaml                    the interview's questions (the built-in file if absent)

Everything is validated once, here, into typed objects; later stages never read YAML.
Templates are compiled lazily, only when a draft or the linter needs them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..errors import ClauseLibraryError, DrafterError
from ..files import kind_of
from .checks import check_references, check_unique, check_variable
from .documentspec import DocumentSpec, FormsFile, FormSpec, GovernmentsFile, LibraryMeta
from .governments import Governments
from .packetspec import PacketFile
from .questions import QuestionsFile, QuestionSpec, check_questions
from .schema import (
    ClauseSpec,
    DefinitionSpec,
    PresetSpec,
)
from .yamlio import did_you_mean, read_yaml, validate_mapping


@dataclass
class Clause:
    """A provision: its validated metadata plus where its templates live."""

    spec: ClauseSpec
    directory: Path
    library: Library = field(repr=False)

    @property
    def id(self) -> str:
        """The provision id."""
        return self.spec.id

    @cached_property
    def text_path(self) -> Path:
        """The text template's file."""
        return self.directory / "text.md.j2"

    @cached_property
    def note_path(self) -> Path:
        """The note template's file."""
        return self.directory / "note.md.j2"

    @cached_property
    def yaml_path(self) -> Path:
        """The provision's ``clause.yaml``."""
        return self.directory / "clause.yaml"

    @cached_property
    def text_template(self) -> Any:
        """The compiled text template."""
        return self.library.compile(self.text_path)

    @cached_property
    def note_template(self) -> Any:
        """The compiled note template."""
        return self.library.compile(self.note_path)

    @cached_property
    def request_path(self) -> Path:
        """The optional request template (``sheriff: request`` provisions)."""
        return self.directory / "request.md.j2"

    @cached_property
    def request_template(self) -> Any | None:
        """The compiled request to the sheriff, or None when the provision has none.

        A provision with ``sheriff: request`` may say in ``request.md.j2`` what the companion
        resolution asks of the sheriff; without it the resolution lists the section among
        those the sheriff is asked to follow in full.
        """
        return self.library.compile(self.request_path) if self.request_path.is_file() else None

    @cached_property
    def caption_template(self) -> Any:
        """The compiled caption (defaults to the title)."""
        source = self.spec.caption or self.spec.title
        return self.library.compile_string(source, f"{self.directory / 'clause.yaml'} (caption)")

    @cached_property
    def cover_template(self) -> Any | None:
        """The compiled cover sentence, or None when the provision has none."""
        if not self.spec.cover:
            return None
        where = f"{self.directory / 'clause.yaml'} (cover)"
        return self.library.compile_string(self.spec.cover, where)

    def samples(self) -> list[tuple[Path, Path]]:
        """Pairs of (answers file, expected text) under ``samples/``."""
        folder = self.directory / "samples"
        pairs = []
        for answers in sorted(folder.glob("*.answers.yaml")):
            expected = answers.with_name(answers.name.replace(".answers.yaml", ".expected.md"))
            pairs.append((answers, expected))
        return pairs


@dataclass
class Definition:
    """A defined term with its compiled templates."""

    spec: DefinitionSpec
    path: Path
    library: Library = field(repr=False)

    @property
    def id(self) -> str:
        """The definition id."""
        return self.spec.id

    @cached_property
    def term_template(self) -> Any:
        """The compiled term."""
        return self.library.compile_string(self.spec.term, f"{self.path} (term)")

    @cached_property
    def means_template(self) -> Any:
        """The compiled definition text."""
        return self.library.compile_string(self.spec.means, f"{self.path} (means)")


def _validate(model: type[BaseModel], data: Any, path: Path, what: str) -> Any:
    return validate_mapping(model, data, path, what, ClauseLibraryError)


class Library:
    """A loaded, validated clause library.

    Args:
        root: The library directory.

    Raises:
        ClauseLibraryError: Any file is missing or invalid; the message names it.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        if not self.root.is_dir():
            raise ClauseLibraryError(_not_a_library_folder(self.root))
        meta_path = self.root / "library.yaml"
        if not meta_path.is_file():
            raise ClauseLibraryError(
                f"{self.root}: this is not a clause library (it has no library.yaml)."
            )
        self.meta: LibraryMeta = _validate(
            LibraryMeta,
            self.read(meta_path, "library file"),
            meta_path,
            "library file",
        )
        self._env: Any = None
        self._compiled: dict[str, Any] = {}
        self._parsed_when: set[str] = set()  # 'when' expressions already found valid
        self._packet: PacketFile | None = None
        self.clauses: dict[str, Clause] = self._load_clauses()
        self.definitions: dict[str, Definition] = self._load_definitions()
        self.presets: dict[str, PresetSpec] = self._load_presets()
        forms_path = self.root / "forms.yaml"
        self.forms: tuple[FormSpec, ...] = _validate(
            FormsFile,
            self.read(forms_path, "forms file"),
            forms_path,
            "forms file",
        ).forms
        governments_path = self.root / "governments.yaml"
        self.governments = Governments(
            _validate(
                GovernmentsFile,
                self.read(governments_path, "forms of government file"),
                governments_path,
                "forms of government file",
            ),
            governments_path,
        )
        self.questions: tuple[QuestionSpec, ...] = self._load_questions()
        check_references(self)

    def read(self, path: Path, what: str) -> Any:
        """Read one of the library's YAML files.

        Raises:
            ClauseLibraryError: The file is missing, unreadable or not valid YAML.
        """
        return read_yaml(path, ClauseLibraryError, what)

    @property
    def version(self) -> str:
        """The library version."""
        return self.meta.version

    @property
    def meta_document(self) -> DocumentSpec:
        """Document-level wording: title, disclaimer, definitions intro ..."""
        return self.meta.document

    @property
    def default_preset(self) -> str:
        """The preset used when answers name neither a preset nor provisions."""
        return self.meta.default_preset

    def default_preset_for(self, kind: str, jail: str) -> str:
        """The default preset for a kind of jurisdiction and who runs its jail.

        The first preset whose ``default_for`` fits, else ``default_preset``.
        """
        for preset in self.presets.values():
            rule = preset.default_for
            if rule is not None and kind in rule.kind and jail in rule.jail:
                return preset.id
        return self.default_preset

    def form_for(self, state: str, kind: str, city_type: str, county_type: str = "") -> FormSpec:
        """The first form in ``forms.yaml`` that fits the jurisdiction."""
        for form in self.forms:
            if form.when.matches(state, kind, city_type, county_type):
                return form
        raise ClauseLibraryError(
            f"{self.root / 'forms.yaml'}: no form fits a {kind} in {state}; add a last form "
            "with an empty 'when' as the fallback."
        )

    @property
    def packet(self) -> PacketFile:
        """The adoption packet's documents and procedures (``packet/packet.yaml``), read on
        first use: a library without the folder can still draft ordinances.

        Raises:
            ClauseLibraryError: The file is missing or invalid.
        """
        if self._packet is None:
            path = self.root / "packet" / "packet.yaml"
            if not path.is_file():
                raise ClauseLibraryError(
                    f"{path}: this clause library has no adoption packet (packet/packet.yaml). "
                    "Use the built-in library, or copy its packet/ folder into this one."
                )
            self._packet = _validate(
                PacketFile, self.read(path, "packet file"), path, "packet file"
            )
        return self._packet

    @property
    def category_ids(self) -> tuple[str, ...]:
        """The category ids in display order."""
        return tuple(c.id for c in self.meta.categories)

    def category_title(self, cid: str) -> str:
        """The display title of a category."""
        return next((c.title for c in self.meta.categories if c.id == cid), cid)

    def _load_clauses(self) -> dict[str, Clause]:
        folder = self.root / "provisions"
        if not folder.is_dir():
            raise ClauseLibraryError(f"{self.root}: the library has no provisions/ folder.")
        clauses: list[Clause] = []
        for directory in sorted(p for p in folder.iterdir() if p.is_dir()):
            path = directory / "clause.yaml"
            if not path.is_file():
                raise ClauseLibraryError(
                    f"{directory}: a provision folder must hold clause.yaml, text.md.j2 and "
                    "note.md.j2."
                )
            spec: ClauseSpec = _validate(
                ClauseSpec,
                self.read(path, "clause file"),
                path,
                "clause file",
            )
            if spec.id != directory.name:
                raise ClauseLibraryError(
                    f"{path}: field 'id' is '{spec.id}' but the folder is '{directory.name}'; "
                    "they must match."
                )
            if spec.category not in self.category_ids:
                raise ClauseLibraryError(
                    f"{path}: field 'category' is '{spec.category}', which library.yaml does "
                    f"not list.{did_you_mean(spec.category, self.category_ids)} Allowed: "
                    f"{', '.join(self.category_ids)}."
                )
            for name in ("text.md.j2", "note.md.j2"):
                if not (directory / name).is_file():
                    raise ClauseLibraryError(f"{directory}: the provision has no {name}.")
            check_unique(path, "variants", [v.id for v in spec.variants])
            check_unique(path, "variables", [v.name for v in spec.variables])
            for var in spec.variables:
                check_variable(path, var)
            clauses.append(Clause(spec, directory, self))
        clauses.sort(key=lambda c: (c.spec.order, c.id))
        return {c.id: c for c in clauses}

    def _load_definitions(self) -> dict[str, Definition]:
        folder = self.root / "definitions"
        out: dict[str, Definition] = {}
        if not folder.is_dir():
            return out
        for path in sorted(folder.glob("*.yaml")):
            spec: DefinitionSpec = _validate(
                DefinitionSpec,
                self.read(path, "definition file"),
                path,
                "definition file",
            )
            if spec.id != path.stem:
                raise ClauseLibraryError(
                    f"{path}: field 'id' is '{spec.id}' but the file is '{path.name}'; "
                    "they must match."
                )
            out[spec.id] = Definition(spec, path, self)
        return out

    def _load_presets(self) -> dict[str, PresetSpec]:
        folder = self.root / "presets"
        out: dict[str, PresetSpec] = {}
        if not folder.is_dir():
            return out
        for path in sorted(folder.glob("*.yaml")):
            spec: PresetSpec = _validate(
                PresetSpec,
                self.read(path, "preset file"),
                path,
                "preset file",
            )
            if spec.id != path.stem:
                raise ClauseLibraryError(
                    f"{path}: field 'id' is '{spec.id}' but the file is '{path.name}'."
                )
            out[spec.id] = spec
        return out

    def _load_questions(self) -> tuple[QuestionSpec, ...]:
        """The interview's questions: the library's ``questions.yaml``, else the built-in one."""
        path = self.root / "questions.yaml"
        if not path.is_file():
            path = builtin_library_path() / "questions.yaml"
        questions: tuple[QuestionSpec, ...] = _validate(
            QuestionsFile, self.read(path, "questions file"), path, "questions file"
        ).questions
        check_questions(path, questions)
        self.questions_path = path
        return questions

    # -- templates ------------------------------------------------------------------

    @property
    def env(self) -> Any:
        """The library's sandboxed Jinja2 environment (created on first use)."""
        if self._env is None:
            from .templates import make_environment

            self._env = make_environment(self.root)
        return self._env

    def compile(self, path: Path) -> Any:
        """Load the template file ``path`` through the environment's loader (cached)."""
        key = str(path)
        if key not in self._compiled:
            from jinja2 import TemplateNotFound

            from .templates import load_template

            try:
                name = self.env.loader.name_of(path)
                self._compiled[key] = load_template(self.env, name, key)
            except (OSError, UnicodeDecodeError, ValueError, TemplateNotFound) as exc:
                raise ClauseLibraryError(f"{path}: cannot read the template ({exc}).") from None
        return self._compiled[key]

    def compile_string(self, source: str, where: str) -> Any:
        """Compile a template given as text (cached); ``where`` names it in errors."""
        key = f"src:{where}:{source}"
        if key not in self._compiled:
            from .templates import compile_template

            self._compiled[key] = compile_template(self.env, source, where)
        return self._compiled[key]

    def evaluate(self, expression: str, context: dict[str, Any], where: str) -> bool:
        """Evaluate a ``when:`` expression in the sandbox.

        The expression is compiled as a one-line template, so that it is kept in the same
        compiled-template cache as the clause texts (a build compiles nothing twice).
        """
        if any(mark in expression for mark in ("{%", "%}", "{{", "}}", "{#", "#}")):
            raise ClauseLibraryError(
                f"{where}: the 'when' expression {expression!r} is not valid: write the "
                "expression alone, without template tags."
            )
        source = "{% if " + expression + " %}1{% endif %}"
        from jinja2 import TemplateSyntaxError

        if source not in self._parsed_when:  # parsed once: it names a problem plainly
            try:
                self.env.parse(source)
            except TemplateSyntaxError as exc:
                raise ClauseLibraryError(
                    f"{where}: the 'when' expression {expression!r} is not valid: {exc.message}."
                ) from None
            self._parsed_when.add(source)
        compiled = self.compile_string(source, f"{where} (when)")
        try:
            return compiled.render(context) == "1"
        except DrafterError as exc:
            raise ClauseLibraryError(
                f"{where}: the 'when' expression {expression!r} failed: {exc.message}"
            ) from None


def _not_a_library_folder(root: Path) -> str:
    """Why ``root``, which is not a folder, cannot be a clause library."""
    if not root.exists():
        return (
            f"{root}: the clause library folder does not exist. Give --library the folder "
            "that holds library.yaml."
        )
    if root.name == "library.yaml" and root.is_file():
        return (
            f"{root}: is a clause library's library.yaml file, not the library folder. Give "
            f"--library the folder that holds it: {root.parent}."
        )
    return (
        f"{root}: is {kind_of(root)}, not a folder. Give --library the clause library "
        "folder: the one that holds library.yaml and the provision folders."
    )


def builtin_library_path() -> Path:
    """The clause library shipped with the tool.

    In a normal install it is packaged inside ``ordinance_drafter/clauses``; in a source
    checkout (and an editable install) it is the top-level ``clauses/`` folder.
    """
    packaged = Path(str(resources.files("ordinance_drafter"))) / "clauses"
    if (packaged / "library.yaml").is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "clauses"


_CACHE: dict[str, Library] = {}


def load_library(path: Path | str | None = None) -> Library:
    """Load (and cache for this process) the library at ``path``, or the built-in one."""
    root = Path(path) if path else builtin_library_path()
    key = str(root.resolve()) if root.exists() else str(root)
    if key not in _CACHE:
        _CACHE[key] = Library(root)
    return _CACHE[key]


def slug(text: str) -> str:
    """A file-name-safe slug of ``text`` (keeps letters of any script)."""
    out = re.sub(r"[^\w]+", "-", text.strip().lower(), flags=re.UNICODE).strip("-_")
    return out[:80] or "ordinance"
