"""Throughput and latency of the Telegram bot against the fake Bot API (prints figures, asserts nothing).

For each bot (ours: `python -m bot run`; the baseline: bench/echo_bot.py),
each mode (long polling; webhook, with updates posted the way Telegram does,
up to 40 at a time) and each number of simulated users (1, 10, 200), users
talk in a closed loop for a fixed time: each sends a question, waits for the
answer, sends the next. Reported per run: answers per second, p50/p99 latency
(from the update being queued or posted to the bot's sendMessage being
answered), the bot process's CPU time per answer (user + system, all its
threads), and its RSS once ready (before the load), after the load, and peak.
Then, per configuration, ours against echo: both rates, their ratio, both
p50s and both bots' RSS at start and end (the median run of --repeat).

    python bench/telegram_throughput.py                     # everything, 5 s per run
    python bench/telegram_throughput.py --repeat 3          # medians of 3 runs, bots alternating
    python bench/telegram_throughput.py --bots ours --modes polling --users 1,10 --duration 3
    python bench/telegram_throughput.py --pin               # driver on CPU 0, bot on CPU 1

Our bot runs with TELEGRAM_MESSAGES_PER_SECOND=0 (no flood limit) unless
--flood-limit is given: with Telegram's 30 messages/s it would measure that.
The fake server and this driver share one Python process, and the machine has
2 cores: absolute figures are bounded by them, and runs on a shared machine
vary by 20-30%; compare ours with the echo baseline, over several runs. Everything stays on 127.0.0.1.
Nagle's algorithm is switched off in the fake
server's handler (see below) so that its two-part writes do not add a delayed-ACK
40 ms to every call.
"""

from __future__ import annotations

import argparse
import collections
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.fake_telegram import FakeTelegram  # noqa: E402
from tests.fake_telegram.httpserver import Handler  # noqa: E402

# The fake writes a response's headers and body in two sends; with Nagle's algorithm on, the
# body then waits for the client's delayed ACK (~40 ms on Linux) and every Bot API call would
# look 40 ms slow. Telegram's servers do not behave like that, so the bench turns Nagle off.
Handler.disable_nagle_algorithm = True

QUESTIONS = ["kab oki ikut ga?", "kohort 2017", "apa itu smart city?", "is kota bandung in the programme?", "smart living itu apa"]
SECRET = "bench-secret"
WEBHOOK_SENDERS = 40  # Telegram's default max_connections


@dataclass
class Result:
    bot: str
    mode: str
    users: int
    answered: int
    seconds: float
    latencies: list[float]
    rss_start_kib: int  # once the bot is ready, before the load
    rss_kib: int  # after the load
    peak_kib: int
    cpu_seconds: float  # the bot process's user+system CPU during the load

    @property
    def rate(self) -> float:
        return self.answered / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        lat = sorted(self.latencies)
        if not lat:
            return float("nan")
        return (statistics.median(lat) if share == 0.5 else lat[min(len(lat) - 1, int(len(lat) * share))]) * 1000

    def row(self) -> str:
        cpu_ms = self.cpu_seconds * 1000 / self.answered if self.answered else float("nan")
        return (f"{self.bot:<5} {self.mode:<8} {self.users:>5} {self.answered:>8} {self.rate:>9.1f} "
                f"{self.percentile(0.5):>8.1f} {self.percentile(0.99):>8.1f} {cpu_ms:>8.2f} "
                f"{self.rss_start_kib / 1024:>9.1f} {self.rss_kib / 1024:>8.1f} {self.peak_kib / 1024:>8.1f}")


HEADER = (f"{'bot':<5} {'mode':<8} {'users':>5} {'answered':>8} {'per sec':>9} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'CPU ms/a':>8} {'RSS0 MiB':>9} {'RSS MiB':>8} {'peak MiB':>8}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def memory(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of a process in KiB (0 where /proc is not available)."""
    values = {"VmRSS": 0, "VmHWM": 0}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in values:
                values[key] = int(rest.split()[0])
    except OSError:
        pass
    return values["VmRSS"], values["VmHWM"]


def start_bot(
    bot: str, fake: FakeTelegram, webhook: str | None, port: int, workdir: Path, args: argparse.Namespace
) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(fake.bot_env(), LOG_LEVEL="WARNING", DATA_DIR=str(workdir / "data"), KNOWLEDGE_DIR=str(args.knowledge),
               TELEGRAM_MESSAGES_PER_SECOND=str(args.flood_limit), PYTHONUNBUFFERED="1")
    if webhook:
        env.update(WEBHOOK_URL=webhook, WEBHOOK_SECRET=SECRET, WEBHOOK_LISTEN="127.0.0.1", PORT=str(port))
    command = [sys.executable, "-m", "bot", "run"] if bot == "ours" else [sys.executable, str(REPO / "bench" / "echo_bot.py")]
    log = (workdir / f"{bot}.log").open("ab")
    proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    if args.pin:
        os.sched_setaffinity(proc.pid, {args.bot_cpu})  # threads it starts inherit this
    return proc


def wait_ready(fake: FakeTelegram, webhook: str | None, proc: subprocess.Popen[bytes], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"bot exited with {proc.returncode}")
        if (webhook and fake.webhook_info()["url"] == webhook) or (not webhook and fake.calls("getUpdates")):
            time.sleep(0.3)  # let it reach its steady state
            return
        time.sleep(0.05)
    raise RuntimeError("bot did not start")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far, in seconds (0 where /proc is not available)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def drive(fake: FakeTelegram, users: int, duration: float, webhook: str | None) -> tuple[int, float, list[float]]:
    """Closed-loop users for `duration` seconds; returns (answers, seconds, latencies)."""
    people = [fake.user(100000 + i, f"U{i}", language_code="id") for i in range(users)]
    for person in people:
        fake.private_chat(person)
    outstanding: dict[int, collections.deque[float]] = collections.defaultdict(collections.deque)
    counter = collections.Counter[int]()
    pool = ThreadPoolExecutor(WEBHOOK_SENDERS) if webhook else None

    def send(person: dict[str, Any]) -> None:
        text = QUESTIONS[counter[person["id"]] % len(QUESTIONS)]
        counter[person["id"]] += 1
        outstanding[person["id"]].append(time.time())
        if pool is None or webhook is None:
            fake.send_text(person, text)
        else:
            update = fake.text_update(person, text)
            pool.submit(fake.post_to_webhook, webhook, update, SECRET)

    by_id = {p["id"]: p for p in people}
    fake.clear_calls()
    start = time.time()
    end = start + duration
    for person in people:
        send(person)
    latencies: list[float] = []
    seen: set[int] = set()
    low = 0
    last = start
    drain_until = end + 10
    while True:
        now = time.time()
        waiting = sum(len(q) for q in outstanding.values())
        if (now >= end and waiting == 0) or now >= drain_until:
            break
        calls = fake.calls()
        for call in calls[low:]:
            if call.index in seen or not call.done:
                continue
            seen.add(call.index)
            if call.method != "sendMessage" or not call.ok:
                continue
            chat = int(call.params.get("chat_id", 0))
            if outstanding.get(chat):
                sent = outstanding[chat].popleft()
                if call.finished is not None and call.finished <= end:
                    latencies.append(call.finished - sent)
                    last = max(last, call.finished)
                if time.time() < end:
                    send(by_id[chat])
        while low < len(calls) and low in seen:
            low += 1
        time.sleep(0.002)
    if pool is not None:
        pool.shutdown(wait=True)
    return len(latencies), last - start, latencies


def run_one(bot: str, mode: str, users: int, args: argparse.Namespace) -> Result:
    webhook_port = free_port()
    webhook = f"http://127.0.0.1:{webhook_port}/hook" if mode == "webhook" else None
    with tempfile.TemporaryDirectory() as tmp, FakeTelegram() as fake:
        proc = start_bot(bot, fake, webhook, webhook_port, Path(tmp), args)
        try:
            wait_ready(fake, webhook, proc)
            rss_start, _ = memory(proc.pid)
            cpu_start = cpu_seconds(proc.pid)
            answered, seconds, latencies = drive(fake, users, args.duration, webhook)
            cpu = cpu_seconds(proc.pid) - cpu_start
            rss, peak = memory(proc.pid)
        finally:
            stop(proc)
    return Result(bot, mode, users, answered, seconds, latencies, rss_start, rss, peak, cpu)


def median_run(results: list[Result]) -> Result:
    """The run with the median rate (the lower middle one for an even count)."""
    ordered = sorted(results, key=lambda r: r.rate)
    return ordered[(len(ordered) - 1) // 2]


def paired_ratio(ours: list[Result], echo: list[Result]) -> float:
    """Median of ours/echo over runs made one after the other (the machine's speed drifts between runs)."""
    ratios = sorted(o.rate / e.rate for o, e in zip(ours, echo, strict=False) if e.rate)
    return statistics.median(ratios) if ratios else float("nan")


def summary(runs: dict[tuple[str, str, int], list[Result]], modes: list[str], users: list[int]) -> list[str]:
    """Ours against echo per configuration: median rates, the ratio, p50s, and both bots' RSS at start and end."""
    lines = [f"{'mode':<8} {'users':>5} {'ours/s':>8} {'echo/s':>8} {'ratio':>6} {'ours p50':>9} {'echo p50':>9} "
             f"{'ours RSS start->end MiB':>24} {'echo RSS start->end MiB':>24}"]
    for mode in modes:
        for n in users:
            if not runs.get(("ours", mode, n)) or not runs.get(("echo", mode, n)):
                continue
            ours, echo = median_run(runs[("ours", mode, n)]), median_run(runs[("echo", mode, n)])
            ratio = paired_ratio(runs[("ours", mode, n)], runs[("echo", mode, n)])
            lines.append(
                f"{mode:<8} {n:>5} {ours.rate:>8.1f} {echo.rate:>8.1f} {ratio:>6.0%} {ours.percentile(0.5):>9.1f} "
                f"{echo.percentile(0.5):>9.1f} {f'{ours.rss_start_kib / 1024:.1f} -> {ours.rss_kib / 1024:.1f}':>24} "
                f"{f'{echo.rss_start_kib / 1024:.1f} -> {echo.rss_kib / 1024:.1f}':>24}"
            )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bots", default="ours,echo", help="ours, echo or both (default both)")
    parser.add_argument("--modes", default="polling,webhook")
    parser.add_argument("--users", default="1,10,200")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds of load per run (default 5)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per bot and configuration; the median is compared (default 1)")
    parser.add_argument("--pin", action="store_true", help="this driver on the first CPU, the bot on the second (less variance)")
    parser.add_argument("--flood-limit", type=float, default=0, help="our bot's messages/second limit (default 0: none)")
    parser.add_argument("--knowledge", type=Path, default=REPO / "tests" / "fixtures" / "knowledge")
    args = parser.parse_args()
    bots, modes = args.bots.split(","), args.modes.split(",")
    if args.pin:
        cpus = sorted(os.sched_getaffinity(0))
        if len(cpus) < 2:
            parser.error("--pin needs two CPUs")
        args.bot_cpu = cpus[-1]  # chosen before this driver pins itself to the first
        os.sched_setaffinity(0, {cpus[0]})
    users = [int(u) for u in args.users.split(",")]
    print(f"{args.duration:.0f} s per run, {args.repeat} run(s) each, knowledge {args.knowledge}, "
          f"flood limit {args.flood_limit or 'none'}{', pinned' if args.pin else ''}")
    print(HEADER)
    runs: dict[tuple[str, str, int], list[Result]] = collections.defaultdict(list)
    # Bots alternate within each configuration, so that drift in the machine's load hits both alike.
    for mode in modes:
        for n in users:
            for _ in range(max(1, args.repeat)):
                for bot in bots:
                    try:
                        result = run_one(bot, mode, n, args)
                    except Exception as error:  # noqa: BLE001 - a benchmark reports, it does not stop
                        print(f"{bot:<5} {mode:<8} {n:>5}  failed: {error}", flush=True)
                        continue
                    runs[(bot, mode, n)].append(result)
                    print(result.row(), flush=True)
    lines = summary(runs, modes, users)
    if len(lines) > 1:
        print()
        print("ours against echo" + (f" (medians of {args.repeat} runs; ratio: median of ours/echo in successive runs)"
                                     if args.repeat > 1 else "") + ":")
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
