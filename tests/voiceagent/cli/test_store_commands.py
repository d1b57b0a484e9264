"""`voiceagent calls` and `voiceagent messages` as a person and a script use them."""

from __future__ import annotations

import asyncio
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from statecharts import Intent, Message, MessageKind, Outcome, OutcomeKind, Target, TargetKind
from voiceagent.cli.main import main
from voiceagent.store.location import open_store

pytestmark = pytest.mark.cli

NOW = datetime.now(UTC).replace(microsecond=0)
LOUIS = Target(TargetKind.PERSON, "Louis", "Lewis", extension="7017")
MESSAGE = Message(
    kind=MessageKind.CALLBACK,
    for_target=LOUIS,
    caller_name="Kelly Urban",
    phone_number="407-555-0123",
    insurance_type="personal",
    identifier="Urban",
    intent=Intent.NEW_QUOTE,
    text="Please call me about a car quote.",
    notes="",
)


@pytest.fixture(autouse=True)
def _no_configured_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test names its store; nothing comes from the machine's environment."""
    monkeypatch.delenv("VOICEAGENT_STORE", raising=False)


async def fill(location: str) -> str:
    """Two calls (one a week old) and a message, one delivery parked; the new call's id."""
    async with open_store(location) as store:
        await store.start_call("old", NOW - timedelta(days=7), "+14075550199", "Harry Levine")
        await store.start_call("new", NOW - timedelta(minutes=5), "+14075550123", "Harry Levine")
        await store.record_utterance("new", NOW, "caller", "I need a quote for my car")
        await store.record_event("new", NOW, "request", {"intent": "new_quote"}, ["triage"])
        await store.record_event(
            "new", NOW, "provide_details", {"first_name": "Kelly", "phone": "4075550123"}, []
        )
        await store.record_message("new", NOW, MESSAGE)
        await store.record_message("new", NOW, MESSAGE)
        async with store.claim_delivery(NOW, NOW) as claim:
            assert claim is not None
            await claim.parked(NOW, "DeliveryRejectedError: webhook refused the message with 410")
        caller = {"first_name": "Kelly", "last_name": "Urban", "phone_number": "4075550123"}
        await store.finish_call(
            "new", NOW, Outcome(OutcomeKind.MESSAGE, LOUIS), caller, ["greeting", "ended"]
        )
    return "new"


@pytest.fixture
def sqlite_store(tmp_path: Path) -> str:
    location = str(tmp_path / "calls.sqlite3")
    asyncio.run(fill(location))
    return location


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_calls_lists_newest_first_with_callers_masked(
    sqlite_store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The table shows each call's outcome and target; names and numbers are masked."""
    status, out, _ = run(capsys, "calls", "--store", sqlite_store)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == [
        "STARTED", "(UTC)", "CALL", "ID", "OUTCOME", "TARGET", "CALLER", "NUMBER", "PATH"
    ]  # fmt: skip
    assert [line.split()[2] for line in lines[1:]] == ["new", "old"]
    assert lines[1].split()[3:5] == ["message", "Louis"]
    assert "K**********" in lines[1]
    assert "***-***-0123" in lines[1]
    assert "Kelly" not in out
    assert "555" not in out


def test_show_pii_and_json_for_scripts(
    sqlite_store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """--json prints one array; --show-pii shows the caller's real name and number."""
    status, out, _ = run(capsys, "calls", "--store", sqlite_store, "--json", "--limit", "1")
    assert status == 0
    (masked,) = json.loads(out)
    assert (masked["call_id"], masked["caller_name"]) == ("new", "K**********")
    assert masked["caller"]["first_name"] == "K****"
    assert masked["outcome"] == {
        "kind": "message",
        "target": {"name": "Louis", "extension": "7017", "group": None},
    }
    _, out, _ = run(capsys, "calls", "--store", sqlite_store, "--json", "--show-pii")
    shown = json.loads(out)
    assert (shown[0]["caller_name"], shown[0]["caller_number"]) == ("Kelly Urban", "+14075550123")


def test_since_takes_a_span_or_a_date(sqlite_store: str, capsys: pytest.CaptureFixture[str]):
    """--since 1d leaves out the week-old call; an ISO date keeps both."""
    _, out, _ = run(capsys, "calls", "--store", sqlite_store, "--json", "--since", "1d")
    assert [call["call_id"] for call in json.loads(out)] == ["new"]
    week_ago = (NOW - timedelta(days=8)).date().isoformat()
    _, out, _ = run(capsys, "calls", "--store", sqlite_store, "--json", "--since", week_ago)
    assert [call["call_id"] for call in json.loads(out)] == ["new", "old"]


def test_messages_show_delivery_and_a_parked_one_visibly(
    sqlite_store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A parked message says so, with why; text and caller are masked unless asked."""
    status, out, _ = run(capsys, "messages", "--store", sqlite_store)
    assert status == 0
    assert "PARKED after 1 attempt: DeliveryRejectedError: webhook refused" in out
    assert out.splitlines()[-1].startswith("1 message(s) parked, waiting for a person")
    assert "pending" in out
    assert "(33 characters)" in out
    assert "Kelly" not in out
    assert "car quote" not in out
    _, out, _ = run(
        capsys, "messages", "--store", sqlite_store, "--status", "parked", "--json", "--limit", "1"
    )
    (parked,) = json.loads(out)  # the parked one, though a newer message is pending
    assert parked["delivery"]["status"] == "parked"
    assert (parked["from"]["name"], parked["text"]) == ("K**********", None)
    _, out, _ = run(capsys, "messages", "--store", sqlite_store, "--json", "--show-pii")
    assert {m["text"] for m in json.loads(out)} == {MESSAGE.text}


def test_a_parked_message_is_retried_on_request(
    sqlite_store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`messages retry KEY` puts a parked message back in the queue; an unknown key is refused."""
    _, out, _ = run(capsys, "messages", "--store", sqlite_store, "--status", "parked", "--json")
    (parked,) = json.loads(out)
    assert parked["key"] in run(capsys, "messages", "--store", sqlite_store)[1]
    status, out, _ = run(capsys, "messages", "retry", parked["key"], "--store", sqlite_store)
    assert (status, out) == (0, "1 message(s) queued for staff again\n")
    _, out, _ = run(capsys, "messages", "--store", sqlite_store, "--status", "parked", "--json")
    assert json.loads(out) == []
    status, _, err = run(capsys, "messages", "--store", sqlite_store, "retry", "nope")
    assert status == 2
    assert err == "voiceagent messages: error: no undelivered message with key nope\n"


def test_calls_show_one_call_step_by_step(
    sqlite_store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`calls show` prints the call and its timeline; words hidden, arguments masked."""
    status, out, _ = run(capsys, "calls", "--store", sqlite_store, "show", "new")
    assert status == 0
    assert "outcome message to Louis" in out
    assert "caller: (25 characters)" in out
    assert '[provide_details] {"first_name": "K****", "phone": "***-***-0123"}' in out
    _, out, _ = run(capsys, "calls", "show", "new", "--store", sqlite_store, "--show-pii")
    assert "caller: I need a quote for my car" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["calls", "show", "nobody"], "no call 'nobody' in the store"),
        (["calls", "--since", "last tuesday"], "--since 'last tuesday' is neither"),
        (["calls", "--limit", "0"], "--limit must be at least 1"),
    ],
)
def test_bad_input_is_one_line(
    sqlite_store: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """An unknown call, a bad --since or --limit: one line on stderr and status 2."""
    status, _, err = run(capsys, *argv, "--store", sqlite_store)
    assert status == 2
    assert message in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("store", "message"),
    [
        ("{tmp}/missing.sqlite3", "no call store at {tmp}/missing.sqlite3"),
        ("mysql://db/calls", "--store: 'mysql://' is not supported"),
        ("postgresql://agency:pw@/calls?host={tmp}/nowhere",
         "cannot reach the call store at postgresql://agency:***@/calls"),
    ],
)  # fmt: skip
def test_a_store_that_is_not_there_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], store: str, message: str
) -> None:
    """A missing file (not created), a wrong scheme, an unreachable server: one line, status 2."""
    status, out, err = run(capsys, "messages", "--store", store.format(tmp=tmp_path))
    assert status == 2
    assert message.format(tmp=tmp_path) in err
    assert err.count("\n") == 1
    assert out == ""
    assert not (tmp_path / "missing.sqlite3").exists()


def test_the_commands_read_postgres_and_the_configured_store(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With VOICEAGENT_STORE set to a PostgreSQL URL, no --store is needed."""
    asyncio.run(fill(postgres_url))
    monkeypatch.setenv("VOICEAGENT_STORE", postgres_url)
    _, out, _ = run(capsys, "calls", "--json")
    assert [call["call_id"] for call in json.loads(out)] == ["new", "old"]
    _, out, _ = run(capsys, "messages", "--json")
    assert sorted(m["delivery"]["status"] for m in json.loads(out)) == ["parked", "pending"]


def test_a_console_call_goes_into_a_postgres_store(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`call --store postgresql://...` records the call there, with what was said."""
    monkeypatch.setattr("sys.stdin", io.StringIO("What are your hours?\nthat's all, thanks\n"))
    status, out, _ = run(capsys, "call", "--at", "2026-11-24T19:30", "--store", postgres_url)
    assert status == 0
    assert "[call ended: answered]" in out
    _, out, _ = run(capsys, "calls", "--store", postgres_url, "--json")
    (call,) = json.loads(out)
    assert call["outcome"]["kind"] == "answered"
    _, out, _ = run(capsys, "calls", "show", call["call_id"], "--store", postgres_url, "--show-pii")
    assert "caller: What are your hours?" in out
