"""What the web app's threads share to draw: `Once`, a memo in which concurrent first callers of
a key wait for one computation instead of each drawing it, and `DrawPool`, which bounds how many
drawings run at once and serves pages before drawing ahead."""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import Future
from typing import Generic, TypeVar

V = TypeVar("V")


class Once(Generic[V]):
    """Values by key, each computed once; with `size`, the least recently used go beyond it.

    A computation that raises is not kept: its waiters get the error, the next call computes again.
    """

    def __init__(self, size: int | None = None) -> None:
        self._size = size
        self._values: OrderedDict[Hashable, Future[V]] = OrderedDict()
        self._lock = threading.Lock()
        self.computed = 0  # how many computations were started (for tests and benches)

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        with self._lock:
            future = self._values.get(key)
            owner = future is None
            if future is None:
                future = self._values[key] = Future()
                self.computed += 1
                if self._size is not None and len(self._values) > self._size:
                    self._values.popitem(last=False)
            else:
                self._values.move_to_end(key)
        if owner:
            try:
                future.set_result(compute())
            except BaseException as error:  # noqa: BLE001 - handed to every waiter, raised by result() below
                with self._lock:
                    if self._values.get(key) is future:
                        del self._values[key]
                future.set_exception(error)
        return future.result()

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            future = self._values.get(key)
        return future is not None and future.done() and future.exception() is None

    def __len__(self) -> int:
        return len(self._values)


class DrawPool:
    """At most `size` drawings at once. matplotlib's work holds the GIL: more drawings at once
    would only slow each other and every page. Drawing ahead (`ahead()`) waits while a page
    draws (`page()`) or waits to, for `patience` seconds at most (a page may be waiting for
    that very drawing)."""

    def __init__(self, size: int, patience: float = 1.0) -> None:
        self._patience = patience
        self._free = size
        self._pages = 0  # drawing or waiting to
        self._changed = threading.Condition()

    @contextlib.contextmanager
    def page(self) -> Iterator[None]:
        with self._changed:
            self._pages += 1
            try:
                self._changed.wait_for(lambda: self._free > 0)
                self._free -= 1
            except BaseException:
                self._pages -= 1
                raise
        try:
            yield
        finally:
            with self._changed:
                self._pages -= 1
                self._free += 1
                self._changed.notify_all()

    @contextlib.contextmanager
    def ahead(self) -> Iterator[None]:
        with self._changed:
            if not self._changed.wait_for(lambda: self._free > 0 and not self._pages, self._patience):
                self._changed.wait_for(lambda: self._free > 0)
            self._free -= 1
        try:
            yield
        finally:
            with self._changed:
                self._free += 1
                self._changed.notify_all()
