"""What the web app's threads share to draw (`bilan.rendering.drawing`): one computation per
key for concurrent callers, and a pool that serves pages before drawing ahead."""

from __future__ import annotations

import threading

import pytest

from bilan.rendering.drawing import DrawPool, Once


def test_concurrent_callers_of_a_key_share_one_computation() -> None:
    once: Once[int] = Once()
    started, release = threading.Event(), threading.Event()
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        started.set()
        release.wait(10)
        return 42

    results: list[int] = []
    first = threading.Thread(target=lambda: results.append(once.get("k", compute)))
    first.start()
    assert started.wait(10)
    waiters = [threading.Thread(target=lambda: results.append(once.get("k", compute))) for _ in range(5)]
    for waiter in waiters:
        waiter.start()
    assert "k" not in once  # still being computed
    release.set()
    for thread in (first, *waiters):
        thread.join(10)
    assert results == [42] * 6 and len(calls) == 1 and once.computed == 1
    assert "k" in once and once.get("k", lambda: 0) == 42


def test_a_failed_computation_is_not_kept_and_the_oldest_go_beyond_the_size() -> None:
    once: Once[str] = Once(size=2)

    def fail() -> str:
        raise ValueError("no chart")

    with pytest.raises(ValueError, match="no chart"):
        once.get("bad", fail)
    assert "bad" not in once and once.get("bad", lambda: "drawn") == "drawn"
    once.get("a", lambda: "a")
    once.get("bad", lambda: "again")  # used: kept before "a"
    once.get("b", lambda: "b")
    assert "a" not in once and "bad" in once and "b" in once and len(once) == 2


def test_drawing_ahead_waits_while_a_page_draws() -> None:
    pool = DrawPool(2, patience=60)
    order: list[str] = []
    page_in, page_out = threading.Event(), threading.Event()

    def page() -> None:
        with pool.page():
            order.append("page in")
            page_in.set()
            page_out.wait(10)
            order.append("page out")

    def ahead() -> None:
        with pool.ahead():
            order.append("ahead in")

    drawing = threading.Thread(target=page)
    drawing.start()
    assert page_in.wait(10)
    behind = threading.Thread(target=ahead)
    behind.start()
    behind.join(0.3)
    assert behind.is_alive() and order == ["page in"]  # a free slot, but a page is drawing
    page_out.set()
    drawing.join(10)
    behind.join(10)
    assert order == ["page in", "page out", "ahead in"]


def _hold(pool: DrawPool, kind: str, order: list[str], leave: threading.Event) -> threading.Thread:
    def run() -> None:
        with pool.page() if kind == "page" else pool.ahead():
            order.append(f"{kind} in")
            leave.wait(10)
        order.append(f"{kind} out")

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_pages_draw_at_most_size_at_once() -> None:
    pool = DrawPool(1)
    order: list[str] = []
    first_leaves, second_leaves = threading.Event(), threading.Event()
    first = _hold(pool, "page", order, first_leaves)
    while order != ["page in"]:
        first.join(0.01)
    second = _hold(pool, "page", order, second_leaves)
    second.join(0.3)
    assert order == ["page in"]  # the one slot is taken
    first_leaves.set()
    second_leaves.set()
    first.join(10)
    second.join(10)
    assert order == ["page in", "page out", "page in", "page out"]


def test_drawing_ahead_stops_deferring_after_its_patience() -> None:
    pool = DrawPool(2, patience=0.05)
    order: list[str] = []
    page_leaves, ahead_leaves = threading.Event(), threading.Event()
    page = _hold(pool, "page", order, page_leaves)
    while order != ["page in"]:
        page.join(0.01)
    ahead_leaves.set()
    ahead = _hold(pool, "ahead", order, ahead_leaves)
    ahead.join(10)  # a page may be waiting for what it draws: it goes on, in the free slot
    assert order == ["page in", "ahead in", "ahead out"]
    page_leaves.set()
    page.join(10)
