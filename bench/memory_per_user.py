"""Memory of the running bot as distinct people write to it (prints figures, asserts nothing).

Starts `python -m bot run` (long polling) against the fake Bot API, then has
distinct users ask one question each, in waves of --wave at a time, and prints
the bot process's RSS once ready and after each milestone of distinct users
(default 200, 10,000 and 100,000), with the growth per user since the first.
Flat memory means per-user state is bounded: a person's conversation state
stays for the most recent `userstate.USERS_KEPT` people only.

    python bench/memory_per_user.py                          # 200, 10,000, 100,000 users (about 10 minutes)
    python bench/memory_per_user.py --users 200,5000         # quicker
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from telegram_throughput import memory, start_bot, stop, wait_ready  # noqa: E402

from tests.fake_telegram import FakeTelegram  # noqa: E402

QUESTIONS = ["kab oki ikut ga?", "kohort 2017", "apa itu smart city?", "is kota bandung in the programme?", "kota malang ikut?"]


def ask_wave(fake: FakeTelegram, first_id: int, count: int, timeout: float = 60.0) -> None:
    """`count` new users ask one question each; returns once all are answered."""
    fake.clear_calls()
    for n in range(count):
        person = fake.user(first_id + n, f"U{first_id + n}", language_code="id")
        fake.send_text(person, QUESTIONS[(first_id + n) % len(QUESTIONS)])
    deadline = time.monotonic() + timeout
    while sum(1 for c in fake.calls("sendMessage") if c.ok) < count:
        if time.monotonic() > deadline:
            raise RuntimeError("the bot stopped answering")
        time.sleep(0.01)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", default="200,10000,100000", help="milestones of distinct users (default 200,10000,100000)")
    parser.add_argument("--wave", type=int, default=100, help="users asking at the same time (default 100)")
    parser.add_argument("--knowledge", type=Path, default=REPO / "tests" / "fixtures" / "knowledge")
    args = parser.parse_args()
    milestones = sorted(int(n) for n in args.users.split(","))
    bot_args = argparse.Namespace(knowledge=args.knowledge, flood_limit=0, pin=False)
    print(f"{'users':>8} {'RSS MiB':>8} {'KiB/user since first':>21} {'seconds':>8}")
    with tempfile.TemporaryDirectory() as tmp, FakeTelegram() as fake:
        proc = start_bot("ours", fake, None, 0, Path(tmp), bot_args)
        try:
            wait_ready(fake, None, proc)
            rss, _ = memory(proc.pid)
            print(f"{0:>8} {rss / 1024:>8.1f} {'':>21} {0:>8.1f}")
            asked, start, first = 0, time.monotonic(), None
            for milestone in milestones:
                while asked < milestone:
                    count = min(args.wave, milestone - asked)
                    ask_wave(fake, 1_000_000 + asked, count)
                    asked += count
                rss, _ = memory(proc.pid)
                first = first or (asked, rss)
                growth = (rss - first[1]) / (asked - first[0]) if asked > first[0] else float("nan")
                print(f"{asked:>8} {rss / 1024:>8.1f} {growth:>21.2f} {time.monotonic() - start:>8.1f}", flush=True)
        finally:
            stop(proc)


if __name__ == "__main__":
    main()
