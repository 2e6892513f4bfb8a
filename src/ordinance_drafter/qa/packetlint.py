"""lint-library's checks of the adoption packet's data (``packet/`` and ``packet:`` blocks).

* every provision that a sheriff-run county puts in the companion resolution has rules for
  the sheriff's directive (``packet.directive``), so the directive never has a gap;
* every deadline counts an ``int`` variable of its provision;
* every residents' sentence uses only placeholders it can fill (the provision's variables
  and :data:`~ordinance_drafter.library.packetspec.RESIDENT_NAMES`), in plain words;
* every document's template exists, and each procedure names a form of forms.yaml;
* the library's own translations (``packet/locale/``) translate every message of the
  community summary and keep its placeholders.
"""

from __future__ import annotations

from typing import Any

from ..errors import DrafterError
from ..library.packetspec import RESIDENT_NAMES
from ..packet.i18n import load_translation, messages, placeholders


def lint_packet(library: Any) -> list[str]:
    """The packet's problems in ``library`` (empty when clean, or when it has no packet)."""
    root = library.root / "packet"
    if not (root / "packet.yaml").is_file():
        return []
    problems: list[str] = []
    try:
        packet = library.packet
    except DrafterError as exc:
        return [exc.message]
    for doc in packet.documents:
        if not (root / doc.template).is_file():
            problems.append(f"{root / 'packet.yaml'}: document '{doc.id}': no {doc.template}.")
    forms = {f.id for f in library.forms}
    for fid in packet.procedures:
        if fid not in forms:
            problems.append(
                f"{root / 'packet.yaml'}: procedures.{fid}: no such form in forms.yaml."
            )
    for clause in library.clauses.values():
        spec = clause.spec
        where = f"{clause.directory / 'clause.yaml'}: packet"
        if spec.needs_jail and spec.sheriff == "resolution" and not spec.packet.directive:
            problems.append(
                f"{where}: the provision goes into the companion resolution for a sheriff-run "
                "jail, so it needs 'directive' rules for the sheriff's directive."
            )
        ints = {v.name for v in spec.variables if v.type == "int"}
        for i, due in enumerate(spec.packet.deadlines):
            if due.days not in ints:
                problems.append(
                    f"{where}.deadlines[{i}]: 'days' is {due.days!r}, which is not an int "
                    f"variable of {spec.id} (its int variables: "
                    f"{', '.join(sorted(ints)) or 'none'})."
                )
        names = {v.name for v in spec.variables} | set(RESIDENT_NAMES)
        for i, line in enumerate(spec.packet.residents):
            unknown = placeholders(line.text) - names
            if unknown:
                problems.append(
                    f"{where}.residents[{i}]: unknown placeholder(s) "
                    f"{', '.join(sorted(f'%({n})s' for n in unknown))}; use the provision's "
                    f"variables or {', '.join(RESIDENT_NAMES)}."
                )
            if "{{" in line.text or "{%" in line.text:
                problems.append(
                    f"{where}.residents[{i}]: a residents' sentence is a gettext message, not "
                    "a template; use %(name)s placeholders and 'when' instead of Jinja2."
                )
    locale = root / "locale"
    needed = [text for text, _where in messages(library)]
    for folder in sorted(locale.iterdir()) if locale.is_dir() else ():
        try:
            load_translation(library, folder.name, None, needed)
        except DrafterError as exc:
            problems.append(exc.message)
    return problems
