"""Jinja2 rendering of clause templates, and the light markup they produce.

Clause templates are rendered in Jinja2's sandbox with ``StrictUndefined``. What users type
(a jurisdiction's name, say) reaches a template only as a value in its context, so it is
printed, never run as template code.

A rendered clause is plain text with a small markup:

* A blank line separates paragraphs; other line breaks inside a paragraph are spaces.
* A line starting with ``- `` is a numbered subsection. Two more spaces of indentation
  per level nest it: (a), then (1), then (A), then (i). Assembly assigns the labels, so
  items that a condition leaves out never leave a gap.
* ``{{ anchor('name') }}`` at the start of an item names it, so others can refer to it.
* ``{{ ref('provision_id', 'name') }}`` is a cross-reference, resolved by assembly to
  text such as ``section 5(b)``. ``ref('provision_id')`` refers to the whole section and
  ``ref(label='name')`` to a subsection of the same section.

Anchors and references are written as tokens delimited by control characters, which
user-entered text can never contain (answers are checked for them), so no answer can
forge a reference.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import platformdirs
from jinja2 import (
    BaseLoader,
    FileSystemBytecodeCache,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
    Undefined,
    UndefinedError,
)
from jinja2.bccache import Bucket
from jinja2.exceptions import SecurityError
from jinja2.exceptions import TemplateError as JinjaTemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import TemplateError
from ..files import signals_held
from .reads import NoKey, Reads, reads_of

TOKEN_OPEN = "\x02"


TOKEN_CLOSE = "\x03"


_LABEL_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def anchor_token(name: str) -> str:
    """Return the token that names a subsection (see module docstring)."""
    if not isinstance(name, str) or not _LABEL_NAME_RE.match(name):
        raise JinjaTemplateError(
            f"anchor name {name!r} must be lower-case letters, digits and underscores"
        )
    return f"{TOKEN_OPEN}a:{name}{TOKEN_CLOSE}"


@dataclass(frozen=True)
class _Ref:
    """The template function ``ref`` of one provision: equal for the same provision, so a
    render that used it can be used again (see :mod:`.reads`)."""

    current: str

    def __call__(self, target: str | None = None, label: str | None = None) -> str:
        target = target or self.current
        for part in (target, label or "x"):
            if not isinstance(part, str) or not _LABEL_NAME_RE.match(part):
                raise JinjaTemplateError(f"ref({target!r}, {label!r}): bad provision or label")
        return f"{TOKEN_OPEN}r:{target}#{label or ''}{TOKEN_CLOSE}"


def make_ref(current: str) -> Callable[..., str]:
    """Return the template function ``ref`` for the provision ``current``."""
    return _Ref(current)


class _LibraryLoader(BaseLoader):
    """Loads a clause library's templates: its files, and the texts of its YAML files.

    A file is named by its path inside the library (``provisions/purpose/text.md.j2``), as
    ``{% include %}`` names it; no name reaches outside the library. A template written in
    a YAML file (a caption, a definition, a form's enacting clause) is registered with
    :meth:`add_text` under a name made from its text, so the same text is one template.
    """

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.texts: dict[str, str] = {}

    def add_text(self, source: str) -> str:
        """Register a template text; return the name to load it by."""
        name = f"<text {hashlib.sha256(source.encode('utf-8')).hexdigest()}>"
        self.texts[name] = source
        return name

    def name_of(self, path: Path) -> str:
        """The template name of a file inside the library."""
        return path.resolve().relative_to(self.root).as_posix()

    def get_source(
        self, environment: Any, template: str
    ) -> tuple[str, str | None, Callable[[], bool]]:
        if template in self.texts:
            return self.texts[template], None, lambda: True
        parts = Path(template).parts
        if not parts or any(p in ("..", "") for p in parts) or Path(template).is_absolute():
            raise TemplateNotFound(template)
        path = (self.root / template).resolve()
        if self.root not in path.parents or not path.is_file():
            raise TemplateNotFound(template)
        text = path.read_text(encoding="utf-8")
        mtime = path.stat().st_mtime
        return text, str(path), lambda: path.stat().st_mtime == mtime


class _BytecodeCache(FileSystemBytecodeCache):
    """Jinja2's cache of compiled templates, for which a damaged cache file, or a folder
    that cannot be written, only means compiling afresh."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged file (Jinja2 checks its header and checksum only)
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        # Jinja2 writes a temporary file and renames it, removing it if the write fails (a
        # full disk) or is interrupted; with Ctrl-C held meanwhile, a stop cannot land
        # between creating that file and the code that removes it.
        with signals_held(), contextlib.suppress(OSError):  # a full, read-only or gone folder
            super().dump_bytecode(bucket)


# The options the compiled code depends on besides the source: a change here (or a new
# Jinja2) must not serve code compiled under the old ones. Jinja2 adds Python's version.
_OPTIONS = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": False}
_CACHE_SALT = hashlib.sha256(
    f"{jinja2.__version__}|{ImmutableSandboxedEnvironment.__name__}|{sorted(_OPTIONS.items())}".encode()
).hexdigest()[:12]


def cache_folder() -> Path | None:
    """Where compiled templates are kept between runs, or ``None`` when caching is off.

    The user's cache folder (``platformdirs``: ``~/.cache/ordinance-drafter`` on Linux,
    following ``XDG_CACHE_HOME``); ``ORDINANCE_DRAFTER_NO_CACHE=1`` turns caching off.
    """
    if os.environ.get("ORDINANCE_DRAFTER_NO_CACHE"):
        return None
    return Path(platformdirs.user_cache_dir("ordinance-drafter")) / "templates"


def bytecode_cache() -> FileSystemBytecodeCache | None:
    """Jinja2's bytecode cache in :func:`cache_folder`; ``None`` if off or not creatable."""
    folder = cache_folder()
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _BytecodeCache(str(folder), pattern=f"{_CACHE_SALT}-%s.cache")


def make_environment(root: Path) -> ImmutableSandboxedEnvironment:
    """Build the sandboxed Jinja2 environment for one clause library.

    Templates are loaded through its loader (see :class:`_LibraryLoader`), so that Jinja2's
    bytecode cache keeps their compiled code between runs, like ``.pyc`` files.

    Args:
        root: The library directory; ``{% include %}`` cannot reach outside it.
    """
    env = ImmutableSandboxedEnvironment(
        loader=_LibraryLoader(root),
        undefined=StrictUndefined,
        autoescape=False,
        auto_reload=False,
        bytecode_cache=bytecode_cache(),
        **_OPTIONS,
    )
    env.globals.pop("lipsum", None)
    # A template prints the same text for the same values (its texts are kept: .reads).
    env.filters.pop("random", None)
    env.globals["anchor"] = anchor_token
    env.globals["items"] = list_items
    env.filters["join_and"] = join_and
    env.filters["join_or"] = join_or
    return env


def join_and(items: Any, conj: str = "and") -> str:
    """Join ``["a", "b", "c"]`` as ``a, b, and c`` (a filter for clause templates)."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {conj} {items[1]}"
    return ", ".join(items[:-1]) + f", {conj} " + items[-1]


def list_items(entries: Any, conj: str = "and", end: str = ".", depth: int = 1) -> str:
    """Write a list of subsections with drafting punctuation (a template function).

    ``{{ items(["x", "y", "z"], "or") }}`` gives ``- x;`` / ``- y; or`` / ``- z.``; empty
    entries are skipped, so conditional items never leave a stray "or".

    Args:
        entries: The items' text.
        conj: The word before the last item (``and`` or ``or``), or empty for none.
        end: The punctuation after the last item.
        depth: The nesting level of the items (1 for (a), 2 for (1) ...).
    """
    kept = [
        str(e).strip() for e in entries if not isinstance(e, Undefined) and e and str(e).strip()
    ]
    indent = "  " * (max(int(depth), 1) - 1)
    lines = []
    for n, entry in enumerate(kept):
        if n == len(kept) - 1:
            tail = end
        elif n == len(kept) - 2 and conj:
            tail = f"; {conj}"
        else:
            tail = ";"
        lines.append(f"{indent}- {entry}{tail}")
    return "\n".join(lines)


def join_or(items: Any) -> str:
    """Join a list with ``or`` (a filter for clause templates)."""
    return join_and(items, "or")


#: Texts kept for each template (a batch of drafts starts afresh past this many).
MEMO_SIZE = 256


@dataclass
class CompiledTemplate:
    """A compiled clause template with the file it came from, for error messages.

    A template rendered a second time is read once (:func:`.reads.reads_of`); from then on
    its text is kept under the values it reads, and a context with the same values gets the
    same text without a render (a batch of drafts renders each template for every
    jurisdiction; most read nothing that differs between them).
    """

    template: Any
    path: str
    _renders: int = field(default=0, repr=False)
    _reads: Reads | None = field(default=None, repr=False)
    _memo: dict[tuple[Any, ...], str] = field(default_factory=dict, repr=False)

    def render(self, context: Mapping[str, Any]) -> str:
        """Render the template; turn every Jinja problem into a :class:`TemplateError`."""
        self._renders += 1
        if self._renders == 2 and self.template.is_up_to_date:  # rendered again: worth
            # reading what it reads (in the source it was compiled from: unchanged since)
            env = self.template.environment
            with contextlib.suppress(OSError, JinjaTemplateError):  # gone: render as before
                self._reads = reads_of(env, env.loader.get_source(env, self.template.name)[0])
        if self._reads is None:
            return self._render(context)
        try:
            key = self._reads.key(self.template.environment, context)
        except NoKey:
            return self._render(context)
        text = self._memo.get(key)
        if text is None:
            text = self._render(context)
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = text
        return text

    def _render(self, context: Mapping[str, Any]) -> str:
        try:
            return self.template.render(**context)
        except UndefinedError as exc:
            raise TemplateError(
                f"{self.path}: the template uses an undefined value ({exc}). Templates may "
                "use the jurisdiction ('jur'), 'variant', 'part', the provision's declared "
                "variables, and the functions has(), ref() and anchor()."
            ) from None
        except SecurityError as exc:
            raise TemplateError(
                f"{self.path}: the template tried something the sandbox forbids ({exc}). "
                "Clause templates may only format the values they are given."
            ) from None
        except JinjaTemplateError as exc:
            raise TemplateError(f"{self.path}: the template failed to render: {exc}.") from None
        except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as exc:
            raise TemplateError(
                f"{self.path}: the template failed to render: {type(exc).__name__}: {exc}."
            ) from None
        except RecursionError:
            raise TemplateError(
                f"{self.path}: the template recursed too deeply (an include loop?)."
            ) from None


def load_template(env: Any, name: str, path: str) -> CompiledTemplate:
    """Load the template ``name`` through the environment's loader (``path`` names it in
    messages).

    Raises:
        TemplateError: The template has a syntax error; the message gives file and line.
    """
    try:
        return CompiledTemplate(env.get_template(name), path)
    except TemplateSyntaxError as exc:
        raise TemplateError(
            f"{path}, line {exc.lineno}: template syntax error: {exc.message}. Fix the "
            "Jinja2 tag on that line (every {% if %} needs its {% endif %}, every {{ needs }})."
        ) from None


def compile_template(env: Any, source: str, path: str) -> CompiledTemplate:
    """Compile a template given as text, read from ``path`` (a YAML file's field).

    Raises:
        TemplateError: The template has a syntax error; the message gives file and line.
    """
    return load_template(env, env.loader.add_text(source), path)


CONTROL_CHARS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
