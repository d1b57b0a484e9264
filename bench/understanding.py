"""How well the offline brain understands callers: the labelled corpus, part by part.

For the development part and the held-out part SEPARATELY: intent accuracy per label
with what the misses were taken as (the confusion between intents), fact recall per
fact, spurious facts, and the brain's decision time on the corpus utterances.

`python -m bench.understanding --dev-failures` also lists every failure of the dev
part. Held-out failures are never listed: that part is the honest yardstick, and
whoever changes the brain must not tune to it.
"""

from __future__ import annotations

import argparse
import statistics
import time

from tests.voiceagent.brain.corpus import PARTS, Score, load, situate, understand
from voiceagent.brain import CallerSaid, decide
from voiceagent.brain import understand as read_utterance

REPEATS = 5
"""Timed decisions per utterance (its first decision, as in a call: the utterance not yet
read, the earlier ones read on their own turns); the fastest counts.

The machines these run on are shared, so a single timing mostly measures who else
was running; the best of a few is what the utterance itself costs the brain."""


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(part: str) -> tuple[Score, list[float]]:
    """Score one part, and time the brain's first decision on each utterance (microseconds)."""
    score, timings = Score(), []
    for entry in load()[part]:
        loop = situate(entry)
        instructions, tools = loop.instructions(), loop.tools()
        history = [*loop.history, CallerSaid(entry.say)]
        samples = []
        earlier = [turn.text for turn in loop.history if isinstance(turn, CallerSaid)]
        for _ in range(REPEATS):
            read_utterance.cache_clear()  # time the reading too, as on the caller's first step,
            for said in earlier:  # with the earlier turns already read, as in a call
                read_utterance(said)
            start = time.perf_counter_ns()
            decide(instructions, history, tools)
            samples.append((time.perf_counter_ns() - start) / 1000)
        timings.append(min(samples))
        score.outcomes.append(understand(entry, loop))
    return score, timings


def _pct(share: float) -> str:
    return f"{100 * share:5.1f}%"


def report(part: str, score: Score, timings: list[float]) -> list[str]:
    """The printed table for one part."""
    lines = [
        f"understanding, {part} part ({len(score.outcomes)} utterances): "
        f"intent {_pct(score.intent_accuracy)}   arguments {_pct(score.argument_accuracy)}   "
        f"facts {_pct(score.fact_recall)}   spurious facts {score.spurious_facts}",
        f"  {'true label':<26}{'right':>6}{'of':>5}{'share':>8}   taken as, when wrong",
    ]
    confusion = score.confusion()
    for label, (right, total) in score.by_label().items():
        wrong = [(taken, n) for taken, n in confusion[label].most_common() if taken != label]
        taken_as = ", ".join(f"{taken} {n}" for taken, n in wrong) or "-"
        lines.append(f"  {label:<26}{right:>6}{total:>5}{_pct(right / total):>8}   {taken_as}")
    lines.append(f"  {'fact':<26}{'taken':>6}{'of':>5}{'share':>8}")
    for fact, (got, total) in score.fact_counts().items():
        lines.append(f"  {fact:<26}{got:>6}{total:>5}{_pct(got / total):>8}")
    median, p95 = statistics.median(timings), _percentile(timings, 0.95)
    lines.append(
        f"  brain decision: median {median:6.1f} us   p95 {p95:6.1f} us   "
        f"max {max(timings):7.1f} us   (per utterance, best of {REPEATS})"
    )
    return lines


def dev_failures(score: Score) -> list[str]:
    """Every failure of the DEV part, one line each (never call this on held-out)."""
    lines = []
    for outcome in score.failures():
        entry = outcome.entry
        verdict = "ok" if outcome.understood else f"taken as {outcome.label}"
        missed = [name for name, ok in outcome.recalled.items() if not ok]
        lines.append(
            f"  {entry.id:<8} {entry.intent:<24} {verdict:<34} missed {missed} "
            f"spurious {list(outcome.spurious)}  {entry.say!r}"
        )
    return lines


def main(argv: list[str] | None = None) -> None:
    """Print the figures for both parts; with --dev-failures, the dev part's failures too."""
    parser = argparse.ArgumentParser(prog="python -m bench.understanding")
    parser.add_argument("--dev-failures", action="store_true", help="list the dev failures")
    arguments = parser.parse_args(argv)
    scores = {}
    for part in PARTS:
        score, timings = measure(part)
        scores[part] = score
        print("\n".join(report(part, score, timings)))
    if arguments.dev_failures:
        print("dev failures:")
        print("\n".join(dev_failures(scores["dev"])))


if __name__ == "__main__":
    main()
