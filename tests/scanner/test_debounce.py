"""The debouncer reads a file once it is quiet, and at least every `max_wait_s`."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scanner.debounce import Debouncer


def test_a_burst_of_writes_is_read_once_after_it_ends() -> None:
    d = Debouncer(quiet_s=1.0, max_wait_s=30.0)
    for t in (0.0, 0.3, 0.6, 0.9):
        d.touch("/s/a.xlsx", t)
        assert d.due(t) == []
    assert d.next_due() == 1.9
    assert d.due(1.8) == []
    assert d.due(1.9) == ["/s/a.xlsx"]
    assert d.due(5.0) == [] and len(d) == 0


def test_a_file_that_never_stops_changing_is_still_read() -> None:
    d = Debouncer(quiet_s=1.0, max_wait_s=5.0)
    t = 0.0
    while t < 5.0:
        d.touch("/s/log.txt", t)
        assert d.due(t) == []
        t += 0.5
    assert d.due(5.0) == ["/s/log.txt"]


def test_paths_come_out_oldest_first_and_forget_takes_a_whole_directory() -> None:
    d = Debouncer(quiet_s=1.0)
    d.touch("/s/b", 0.2)
    d.touch("/s/a", 0.1)
    d.touch("/s/dir/x", 0.0)
    d.touch("/s/dir/y/z", 0.0)
    d.touch("/s/dir2", 0.0)
    d.forget("/s/dir")
    assert d.due(10.0) == ["/s/dir2", "/s/a", "/s/b"]


@given(st.lists(st.tuples(st.sampled_from("abc"), st.floats(0, 100)), max_size=40))
def test_every_touched_path_falls_due_and_nothing_stays_pending(
    touches: list[tuple[str, float]],
) -> None:
    d = Debouncer(quiet_s=1.0, max_wait_s=10.0)
    out: list[str] = []
    clock = 0.0
    for path, at in sorted(touches, key=lambda x: x[1]):
        clock = at
        out += d.due(clock)
        d.touch(path, clock)
    out += d.due(clock + 10.0)
    assert len(d) == 0
    assert set(out) == {p for p, _ in touches}
