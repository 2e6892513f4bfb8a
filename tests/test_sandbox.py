"""A custom clause library cannot read files, run code or reach Python internals.

Known server-side template-injection payloads are planted in a library's templates; each must
either fail with a one-paragraph error or render harmlessly, and must never run a command, read a
file outside the library, or leak Python objects.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import build_clause_library
from ordinance_drafter.cli.app import app

ANSWERS = "jurisdiction: {name: Northfield, kind: city, state: MN}\npreset: essentials\n"

PAYLOADS = {
    "mro-subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler-globals-os": "{{ cycler.__init__.__globals__.os.system('touch PWNED') }}",
    "joiner-globals": "{{ joiner.__init__.__globals__['os'].popen('id').read() }}",
    "namespace-globals": (
        "{{ namespace.__init__.__globals__.sys.modules.os.system('touch PWNED') }}"
    ),
    "self-context": "{{ self._TemplateReference__context }}",
    "jur-internals": "{{ jur.__class__.__init__.__globals__ }}",
    "has-closure": "{{ has.__closure__ }}",
    "ref-globals": "{{ ref.__globals__['__builtins__']['open']('/etc/passwd').read() }}",
    "format-string": "{{ '{0.__class__.__init__.__globals__}'.format(jur) }}",
    "attr-filter": "{{ jur|attr('__class__')|attr('__mro__') }}",
    "include-parent": "{% include '../../../../etc/passwd' %}",
    "include-absolute": "{% include '/etc/passwd' %}",
    "import-os": "{% import 'os' as os %}{{ os.system('touch PWNED') }}",
    "range-dos": "{{ range(10**9)|list|length }}",
    "list-mutation": "{% set x = [] %}{{ x.append(1) }}",
}


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_injection_payloads_are_contained(payload: str, tmp_path: Path, monkeypatch):
    """The payload errors out cleanly or renders inertly; nothing escapes the sandbox."""
    monkeypatch.chdir(tmp_path)
    lib = build_clause_library(
        tmp_path / "lib",
        {
            "provisions/purpose/text.md.j2": f"The purpose of this ordinance is {payload} x.\n",
        },
    )
    (tmp_path / "a.yaml").write_text(ANSWERS)
    result = CliRunner().invoke(
        app, ["build", "a.yaml", "-o", "out.md", "--library", str(lib)], catch_exceptions=False
    )
    assert "Traceback" not in result.output
    assert not (tmp_path / "PWNED").exists()
    if result.exit_code == 0:
        text = (tmp_path / "out.md").read_text()
        for leak in ("root:x:0:0", "uid=", "<class", "<function", "__globals__", "<module"):
            assert leak not in text
    else:
        message = " ".join(result.stderr.split())
        assert message.startswith("Error:")
        assert "purpose" in message
        assert not (tmp_path / "out.md").exists()


def test_include_inside_the_library_works(tmp_path, monkeypatch):
    """An include of another file inside the library is allowed (shared wording)."""
    monkeypatch.chdir(tmp_path)
    lib = build_clause_library(
        tmp_path / "lib",
        {
            "shared/clause_intro.j2": "Shared wording from the library.",
            "provisions/purpose/text.md.j2": "{% include 'shared/clause_intro.j2' %}\n",
        },
    )
    (tmp_path / "a.yaml").write_text(ANSWERS)
    result = CliRunner().invoke(app, ["build", "a.yaml", "-o", "out.md", "--library", str(lib)])
    assert result.exit_code == 0, result.output
    assert "Shared wording from the library." in (tmp_path / "out.md").read_text()


def test_yaml_is_loaded_safely(tmp_path, monkeypatch):
    """A YAML tag that would construct a Python object is rejected, not executed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(
        "jurisdiction: !!python/object/apply:os.system ['touch PWNED']\n"
    )
    result = CliRunner().invoke(app, ["build", "a.yaml", "-o", "out.docx"])
    assert result.exit_code != 0
    assert not (tmp_path / "PWNED").exists()
    assert "a.yaml" in result.stderr
