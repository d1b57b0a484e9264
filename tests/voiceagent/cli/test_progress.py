"""Progress through many calls: a bar on a terminal, plain lines elsewhere, none for a few."""

from __future__ import annotations

import io

import pytest

from voiceagent.cli.progress import Progress

pytestmark = pytest.mark.unit


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_redrawn_in_place_and_cleared() -> None:
    """The bar redraws on one line (at most ten times a second) and is wiped at the end."""
    stream, now = Terminal(), [0.0]
    progress = Progress(0, "replaying calls", stream=stream, clock=lambda: now[0])
    progress.start(4)
    for _ in range(4):
        now[0] += 0.2
        progress.advance()
    progress.close()
    text = stream.getvalue()
    assert "\rreplaying calls " in text
    assert "4/4 (100%)" in text
    assert "\n" not in text
    assert text.endswith("\r\033[K")


def test_a_terminal_bar_is_not_redrawn_more_than_ten_times_a_second() -> None:
    """Calls done in the same instant draw once (and the last one always)."""
    stream = Terminal()
    progress = Progress(1000, "replaying calls", stream=stream, clock=lambda: 5.0)
    for _ in range(1000):
        progress.advance()
    assert stream.getvalue().count("\r") == 2


def test_a_file_gets_a_plain_line_each_tenth_of_the_way() -> None:
    """Not a terminal: ten plain lines for a thousand calls, nothing for a handful."""
    many, few = io.StringIO(), io.StringIO()
    big, small = Progress(1000, "replaying calls", stream=many), Progress(5, "x", stream=few)
    for _ in range(1000):
        big.advance()
    for _ in range(5):
        small.advance()
    lines = many.getvalue().splitlines()
    assert len(lines) == 10
    assert lines[0] == "replaying calls: 100 of 1000"
    assert lines[-1] == "replaying calls: 1000 of 1000"
    assert few.getvalue() == ""


def test_the_bar_says_the_time_left_once_the_pace_is_known() -> None:
    """Nothing in the first second; then the time left at the pace so far; none when done."""
    stream, now = Terminal(), [0.0]
    progress = Progress(0, "replaying calls", stream=stream, clock=lambda: now[0])
    progress.start(300)
    now[0] = 0.5
    progress.advance(10)
    assert stream.getvalue().endswith("10/300 (3%)\033[K")
    now[0] = 2.0
    progress.advance(10)  # 20 calls in 2 s: the other 280 take 28 s
    assert stream.getvalue().endswith("20/300 (7%), about 28 s left\033[K")
    now[0] = 10.0
    progress.advance(20)  # 40 calls in 10 s: the other 260 take 65 s
    assert stream.getvalue().endswith("40/300 (13%), about 65 s left\033[K")
    now[0] = 20.0
    progress.start(3000)  # the pace starts again with the new total
    now[0] = 24.0
    progress.advance(100)  # 100 calls in 4 s: the other 2900 take 116 s, about 2 min
    assert stream.getvalue().endswith("100/3000 (3%), about 2 min left\033[K")
    now[0] = 30.0
    progress.advance(2900)
    assert stream.getvalue().endswith("3000/3000 (100%)\033[K")
