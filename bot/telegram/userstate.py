"""Per-person state in PTB's `context.user_data`, kept for the people who wrote most recently.

Handlers keep a person's conversation state in `context.user_data`, as PTB
intends: the language of the last answer, a pending /daerah or /provinsi prompt
and each conversation's last topic. PTB keeps every user's dict for the life of
the process, so memory grew with each distinct person (about 1-2 KiB each, with
no plateau). `RecentUsers` remembers the order people last wrote in; the check
run first for every update (`app.before_everything`) drops the state of whoever
falls out of the most recent USERS_KEPT through PTB's own `drop_user_data`.
Someone who comes back after that many others starts a fresh conversation; their
/bahasa choice is kept in the language store, not here.
"""

from __future__ import annotations

from collections import OrderedDict

USERS_KEPT = 20_000


class RecentUsers:
    """User ids in the order they last wrote, at most `limit`; `seen` returns the ones to forget."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = limit if limit is not None else USERS_KEPT
        self._order: OrderedDict[int, None] = OrderedDict()

    def seen(self, user_id: int) -> list[int]:
        self._order[user_id] = None
        self._order.move_to_end(user_id)
        forgotten = []
        while len(self._order) > self.limit:
            forgotten.append(self._order.popitem(last=False)[0])
        return forgotten

    def __len__(self) -> int:
        return len(self._order)
