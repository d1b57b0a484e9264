"""Running scenarios: each is a real scripted call, judged against its expectations.

`voiceagent scenarios PATH...` is how an agency checks a configuration change
before it goes live: the call runs through the same chart, orchestrator and
adapters as a live one, and the result is a pass/fail table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from statecharts import AgencyConfig
from voiceagent.scripted.scenario_files import Scenario
from voiceagent.scripted.simulate import CallFailedError, call_report, run_script
from voiceagent.scripted.turns import parse_turns
from voiceagent.telephony.console import ConsoleTelephony

__all__ = ["ScenarioResult", "expectation_failures", "run_scenario", "table"]


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    """A scenario's verdict, with every failed expectation in words."""

    scenario: Scenario
    failures: tuple[str, ...]
    report: Mapping[str, Any]

    @property
    def passed(self) -> bool:
        """No expectation failed."""
        return not self.failures


def _said(report: Mapping[str, Any]) -> str:
    return " ".join(t["text"] for t in report["transcript"] if t["speaker"] == "agent").lower()


def expectation_failures(expect: Mapping[str, Any], report: Mapping[str, Any]) -> list[str]:
    """Every expectation of a scenario the call report does not meet, in words."""
    failures = []
    outcome = report["outcome"]
    if "outcome" in expect and outcome["kind"] != expect["outcome"]:
        failures.append(f"outcome {outcome['kind']}, expected {expect['outcome']}")
    if "target" in expect:
        wanted, got = expect["target"], outcome["target"]
        if wanted is None and got is not None:
            failures.append(f"target {got}, expected none")
        elif wanted is not None:
            for key, value in wanted.items():
                actual = (got or {}).get(key)
                if str(actual) != str(value) and not (value is None and actual is None):
                    failures.append(f"target {key} {actual!r}, expected {value!r}")
    if "states" in expect and list(report["states"]) != list(expect["states"]):
        failures.append(f"states {report['states']}, expected {expect['states']}")
    missing = [s for s in expect.get("states_include", ()) if s not in report["states"]]
    if missing:
        failures.append(f"states never entered: {', '.join(missing)}")
    said = _said(report)
    failures += [f"never said {p!r}" for p in expect.get("said", ()) if p.lower() not in said]
    failures += [f"said {p!r}" for p in expect.get("never_said", ()) if p.lower() in said]
    for key, value in (expect.get("caller") or {}).items():
        if report["caller"].get(key) != value:
            failures.append(f"caller {key} {report['caller'].get(key)!r}, expected {value!r}")
    return failures


async def run_scenario(config: AgencyConfig, scenario: Scenario) -> ScenarioResult:
    """Run one scenario as a scripted call and judge it."""
    try:
        run = await run_script(
            config,
            scenario.at,
            parse_turns(scenario.turns),
            caller_number=scenario.caller_number,
            telephony=ConsoleTelephony(fail_transfers=scenario.transfers_fail),
        )
    except CallFailedError as failed:
        report = call_report(failed.run, str(failed))
    else:
        report = call_report(run)
    failures = expectation_failures(scenario.expect, report)
    if report["error"]:
        failures.insert(0, f"the call failed: {report['error']}")
    return ScenarioResult(scenario, tuple(failures), report)


def table(results: Sequence[ScenarioResult]) -> str:
    """The pass/fail table, one row a scenario, with the reasons for failures."""
    width = max((len(r.scenario.name) for r in results), default=8)
    rows = [f"{'scenario':<{width}}  result"]
    for result in results:
        verdict = "pass" if result.passed else "FAIL: " + "; ".join(result.failures)
        rows.append(f"{result.scenario.name:<{width}}  {verdict}")
    passed = sum(r.passed for r in results)
    rows.append(f"{passed} passed, {len(results) - passed} failed")
    return "\n".join(rows)
