"""Speed benchmarks for Ordinance Drafter: each figure as a ratio to a baseline measured in the
same run, so the numbers mean the same thing on any machine.

    python benchmarks/bench.py [--runs N] [--quick]

It prints one table. Targets (issue 12):

| what | baseline | target |
|---|---|---|
| `ordinance-drafter build`, comprehensive preset, annotated DOCX | pandoc converting the same ordinance's Markdown to DOCX | <= 0.75 |
| `ordinance-drafter --help` | `--help` of a minimal two-command Typer app in the same environment | <= 1.2 |
| assembly + DOCX in one process | raw python-docx writing the same headings, paragraphs and comments | <= 0.6 |
| every preset x every state x both kinds, one process | - | <= 25 ms a document |
| `build -o x.pdf`, comprehensive, notes inline | a bare `soffice --headless --convert-to pdf` of the same DOCX, its profile kept between runs | <= 1.2 |
| the same build with no cache (`ORDINANCE_DRAFTER_NO_CACHE=1`) | the build with its cache | report |
| lint-library over the whole library | - | report |

A figure and its baseline run in turn, so that a change in the machine's load weighs on
both alike. No test asserts on these timings; run this script and read the table.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

MINIMAL_TYPER_APP = '''
import typer
app = typer.Typer(add_completion=False)

@app.command()
def hello(name: str) -> None:
    """Say hello."""
    print(name)

@app.command()
def bye(name: str) -> None:
    """Say goodbye."""
    print(name)

app()
'''


def median_seconds(fn: Callable[[], object], runs: int, warmup: int = 1) -> float:
    """Median wall time of ``fn`` over ``runs`` runs, after ``warmup`` unmeasured runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired_medians(
    ours: Callable[[], object], base: Callable[[], object], runs: int, warmup: int = 1
) -> tuple[float, float]:
    """Median wall times of ``ours`` and ``base``, run in turn, so that a change in the
    machine's load during the measurement weighs on both alike."""
    for _ in range(warmup):
        ours()
        base()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for fn, acc in ((ours, times[0]), (base, times[1])):
            start = time.perf_counter()
            fn()
            acc.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Callable[[], object]:
    """A callable that runs ``cmd`` (in ``env``, else this one) and fails loudly if it fails."""

    def call() -> None:
        result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, check=False)
        if result.returncode != 0:
            raise SystemExit(f"benchmark command failed: {cmd}\n{result.stderr.decode()}")

    return call


def command() -> list[str]:
    """How to run the installed CLI."""
    exe = shutil.which("ordinance-drafter")
    return [exe] if exe else [PY, "-m", "ordinance_drafter"]


def comprehensive_answers(work: Path) -> Path:
    """An answers file for the largest draft: the comprehensive preset, or every provision."""
    from ordinance_drafter.library.loader import load_library
    from ordinance_drafter.library.yamlio import dump_yaml

    library = load_library()
    data: dict = {
        "jurisdiction": {"name": "Benchmark", "kind": "county", "state": "MN", "jail": "county"},
        "document": {"draft_date": "2026-11-25"},
    }
    if "comprehensive" in library.presets:
        data["preset"] = "comprehensive"
    else:
        data["provisions"] = {
            cid: None
            for cid, c in library.clauses.items()
            if "county" in c.spec.applies_to and not c.spec.conflicts
        }
    path = work / "comprehensive.answers.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    return path


def raw_python_docx(ordinance) -> bytes:
    """The baseline: python-docx writing the same headings, paragraphs and comments directly."""
    import docx

    doc = docx.Document()
    doc.add_paragraph(ordinance.title)
    if ordinance.findings:
        for p in ordinance.findings.paragraphs:
            doc.add_paragraph(p.labelled_text)
    doc.add_paragraph(ordinance.enacting_clause)
    for section in ordinance.sections:
        heading = doc.add_heading(section.heading, level=2)
        for p in section.paragraphs:
            doc.add_paragraph(p.labelled_text)
        if section.note:
            comment = doc.add_comment(heading.runs, text=section.note.title, author="x")
            for part in section.note.parts:
                for para in part.paragraphs:
                    comment.add_paragraph(para)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="measured runs per figure")
    parser.add_argument("--quick", action="store_true", help="3 runs, skip the slow figures")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs

    import compileall

    import ordinance_drafter
    from ordinance_drafter.answers.sources import resolve_file
    from ordinance_drafter.library.loader import load_library
    from ordinance_drafter.pipeline import draft_ordinance, render_bytes
    from ordinance_drafter.render import RenderOptions

    # Measure the tool as an installation runs it: pip writes .pyc files when it installs a
    # package, but an editable install under PYTHONDONTWRITEBYTECODE would compile every
    # module from source on every run.
    compileall.compile_dir(str(Path(ordinance_drafter.__file__).parent), quiet=1)

    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="od-bench-") as tmp:
        work = Path(tmp)
        (work / "minimal_app.py").write_text(MINIMAL_TYPER_APP)
        answers = comprehensive_answers(work)
        env_cmd = command()
        build_cmd = [*env_cmd, "build", str(answers), "-o", str(work / "b.docx"), "--force"]
        library = load_library()
        resolved = resolve_file(answers, library)
        ordinance = draft_ordinance(library, resolved)

        # 1. the comprehensive build vs pandoc converting the same ordinance's Markdown
        pandoc = shutil.which("pandoc")
        if pandoc:
            md = work / "c.md"
            md.write_bytes(render_bytes(ordinance, "md", RenderOptions(notes="appendix")))
            pandoc_cmd = [pandoc, str(md), "-o", str(work / "p.docx")]
            ours, base = paired_medians(run(build_cmd, work), run(pandoc_cmd, work), runs)
            rows.append(
                (
                    "build, comprehensive, annotated DOCX",
                    f"{ours * 1000:.0f} ms",
                    f"{base * 1000:.0f} ms (pandoc, the same ordinance's Markdown to DOCX)",
                    _ratio(ours, base, 0.75),
                )
            )
        else:
            rows.append(
                ("build, comprehensive, annotated DOCX", "-", "pandoc not installed", "skipped")
            )

        # 2. --help vs a minimal Typer app's
        ours, base = paired_medians(
            run([*env_cmd, "--help"], work),
            run([PY, str(work / "minimal_app.py"), "--help"], work),
            runs,
        )
        rows.append(
            (
                "ordinance-drafter --help",
                f"{ours * 1000:.0f} ms",
                f"{base * 1000:.0f} ms (minimal Typer app --help)",
                _ratio(ours, base, 1.2),
            )
        )

        # 3. in-process assembly + DOCX vs raw python-docx
        def ours_inproc() -> bytes:
            return render_bytes(draft_ordinance(library, resolved), "docx", RenderOptions())

        ours, base = paired_medians(ours_inproc, lambda: raw_python_docx(ordinance), runs * 2)
        rows.append(
            (
                "assembly + DOCX in one process",
                f"{ours * 1000:.1f} ms",
                f"{base * 1000:.1f} ms (raw python-docx, same content)",
                _ratio(ours, base, 0.6),
            )
        )

        # 4. every preset x state x kind
        if not args.quick:
            per_doc, cpu_per_doc, count = batch_seconds(library)
            rows.append(
                (
                    f"every preset x state x kind ({count} docs)",
                    f"{per_doc * 1000:.1f} ms/doc",
                    f"- (CPU time: {cpu_per_doc * 1000:.1f} ms/doc)",
                    _limit(per_doc * 1000, 25, "ms/doc"),
                )
            )

        # 5. what the cache of compiled templates is worth
        cold_env = {**os.environ, "ORDINANCE_DRAFTER_NO_CACHE": "1"}
        cold, warm = paired_medians(run(build_cmd, work, cold_env), run(build_cmd, work), runs)
        rows.append(
            (
                "  the same build, no cache",
                f"{cold * 1000:.0f} ms",
                f"{warm * 1000:.0f} ms (with the cache)",
                f"{cold / warm:.2f} (report)",
            )
        )

        # 7. a PDF build vs a bare LibreOffice conversion of the same DOCX (the notes inline,
        # as a PDF prints them); both with a profile kept between runs
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice:
            docx = work / "pdf-source.docx"
            inline = ["--notes", "inline", "--force"]
            run([*env_cmd, "build", str(answers), "-o", str(docx), *inline], work)()
            pdf_cmd = [*env_cmd, "build", str(answers), "-o", str(work / "b.pdf"), *inline]
            bare = [
                soffice,
                f"-env:UserInstallation={(work / 'lo-profile').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work / "bare"),
                str(docx),
            ]
            ours, base = paired_medians(run(pdf_cmd, work), run(bare, work), max(3, runs // 2))
            rows.append(
                (
                    "build to PDF, comprehensive, notes inline",
                    f"{ours * 1000:.0f} ms",
                    f"{base * 1000:.0f} ms (bare soffice --convert-to pdf, same DOCX)",
                    _ratio(ours, base, 1.2),
                )
            )
        else:
            rows.append(("build to PDF", "-", "LibreOffice not installed", "skipped"))

        # 6. lint-library
        lint_time = median_seconds(
            run([*env_cmd, "lint-library"], work), max(1, runs // 3), warmup=0
        )
        rows.append(("lint-library (whole library)", f"{lint_time * 1000:.0f} ms", "-", "report"))

    _print(rows, runs)


def batch_seconds(library) -> tuple[float, float, int]:
    """Wall and CPU seconds a document, drafting and writing DOCX for every preset x state x
    kind, and the number of documents. On a machine busy with other work the CPU time is
    the closer to what the batch takes on an idle one."""
    from ordinance_drafter.answers.resolve import resolve
    from ordinance_drafter.answers.schema import Answers, JurisdictionAnswers
    from ordinance_drafter.pipeline import draft_ordinance, render_bytes
    from ordinance_drafter.render import RenderOptions
    from ordinance_drafter.statelaw.codes import STATES

    count = 0
    start, cpu = time.perf_counter(), time.process_time()
    for preset, spec in library.presets.items():
        for state in STATES:
            for kind in ("city", "county"):
                if spec.jurisdiction.get("kind", kind) != kind:
                    continue  # a preset written for the other kind
                answers = Answers(
                    jurisdiction=JurisdictionAnswers(name="Bench", kind=kind, state=state),
                    preset=preset,
                )
                resolved = resolve(answers, library, "bench")
                render_bytes(draft_ordinance(library, resolved), "docx", RenderOptions())
                count += 1
    return (time.perf_counter() - start) / count, (time.process_time() - cpu) / count, count


def _ratio(ours: float, base: float, target: float) -> str:
    ratio = ours / base if base else float("inf")
    verdict = "ok" if ratio <= target else "MISSES TARGET"
    return f"{ratio:.2f} (target <= {target}: {verdict})"


def _limit(value: float, target: float, unit: str) -> str:
    verdict = "ok" if value <= target else "MISSES TARGET"
    return f"target <= {target} {unit}: {verdict}"


def _print(rows: list[tuple[str, str, str, str]], runs: int) -> None:
    widths = [
        max(len(r[i]) for r in [("what", "ours", "baseline", "ratio"), *rows]) for i in range(4)
    ]
    header = ("what", "ours", "baseline", "ratio")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"Ordinance Drafter benchmarks (median of {runs} runs; Python "
        f"{sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load})"
    )
    print(" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
