"""Time to load and validate the questionnaire files: cold (parse + validate) and warm (cached).

Run: .venv/bin/python bench/bench_load.py [FOLDER]   (default: questionnaires/)
Prints the median of several runs for each, per folder and per file.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zzcheck.questionnaire.legal import load_legal  # noqa: E402
from zzcheck.questionnaire.loader import (  # noqa: E402
    clear_cache,
    load_folder,
    load_text,
    questionnaire_files,
)


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cold(folder: Path) -> None:
    clear_cache()
    load_folder(folder)


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "questionnaires"
    files = questionnaire_files(folder)
    if not files:
        sys.exit(f"no questionnaire files in {folder}")
    loaded = load_folder(folder)  # fails loudly on an invalid file
    questions = sum(len(item.questionnaire.questions) for item in loaded.values())
    print(f"{len(files)} files, {questions} questions in {folder}")
    cold_ms = median_ms(lambda: cold(folder), 20)
    print(f"cold (read + validate, no cache): {cold_ms:8.2f} ms  median of 20")
    load_folder(folder)
    warm_ms = median_ms(lambda: load_folder(folder), 200)
    print(f"warm (cached, stat only):          {warm_ms:8.3f} ms  median of 200")
    facts = load_legal(folder) if (folder / "_legal.yaml").exists() else None
    for path in files:
        text = path.read_text(encoding="utf-8")
        per_file = median_ms(lambda text=text, name=str(path): load_text(text, name, facts), 20)
        print(f"  {path.name:<28} {len(text) / 1024:6.1f} KiB  {per_file:7.2f} ms cold")


if __name__ == "__main__":
    main()
