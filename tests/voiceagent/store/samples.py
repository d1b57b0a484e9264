"""Sample data for the store's tests, importable without pytest (worker processes use it)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from statecharts import Intent, Message, MessageKind, Target, TargetKind

T0 = datetime(2026, 3, 2, 14, 30, tzinfo=UTC)
LOUIS = Target(
    kind=TargetKind.PERSON,
    name="Louis",
    spoken_name="Lewis",
    extension="7017",
    destination="sip:7017@pbx.example.invalid",
    voicemail="sip:vm7017@pbx.example.invalid",
    reason="primary",
)
MESSAGE = Message(
    kind=MessageKind.CALLBACK,
    for_target=LOUIS,
    caller_name="Jane Doe",
    phone_number="407-555-0100",
    insurance_type="personal",
    identifier="Doe",
    intent=Intent.MAKE_CHANGE,
    text="Please call me back about adding a driver.",
    notes="lunch callback",
)


class Clock:
    """A clock the test moves by hand, starting at T0."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
