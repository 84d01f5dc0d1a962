"""Helpers for the Telegram end-to-end tests: run the real bot (`python -m bot run`) as a subprocess.

`BotProcess` starts the bot against a `FakeTelegram`, collects its combined
output in a log file, and stops it with SIGTERM (kill as a last resort).
`bot_factory` is the pytest fixture that starts them and always cleans up.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fake_telegram import FakeTelegram

REPO = Path(__file__).resolve().parents[1]
FIXTURE_KNOWLEDGE = REPO / "tests" / "fixtures" / "knowledge"
START_TIMEOUT = 15.0


class BotProcess:
    """One `python -m bot run` subprocess and its log."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.env = env
        self.log_path = log_path
        self._log = log_path.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def log(self) -> str:
        return self.log_path.read_text("utf-8", "replace")

    def wait_for_log(self, pattern: str, timeout: float = 10.0, count: int = 1) -> str:
        """Wait until `pattern` (a regex) occurs `count` times in the log; return the log."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.log()
            if len(re.findall(pattern, text)) >= count:
                return text
            if self.proc.poll() is not None:
                raise AssertionError(f"bot exited ({self.proc.returncode}) before logging {pattern!r}:\n{text[-3000:]}")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {pattern!r} in the bot log:\n{text[-3000:]}")
            time.sleep(0.05)

    def wait_until_running(self, timeout: float = START_TIMEOUT) -> None:
        self.wait_for_log(r"bot is running", timeout)

    def stop(self, timeout: float = 10.0) -> int:
        """SIGTERM, wait; kill if it does not stop. Returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._log.close()
        return int(self.proc.returncode)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


HOSTILE_FACT = 'A <b>mentoring</b> & "smart" <script>alert(1)</script> programme.'


def knowledge_variant(target: Path, members: int = 190) -> Path:
    """A copy of the fixture knowledge whose 2022 cohort lists enough regions to need two pages,
    and whose English "what is it" fact is full of HTML-special characters."""
    from bot.knowledge.gazetteer import load_gazetteer

    shutil.copytree(FIXTURE_KNOWLEDGE, target)
    existing = (target / "members.csv").read_text("utf-8").splitlines()
    taken = {line.split(",")[1] for line in existing[1:]}
    regions = sorted(load_gazetteer().regions.values(), key=lambda r: r.code)
    extra = [f"2022,{r.name},member,H,src-a," for r in regions if r.name not in taken][:members]
    (target / "members.csv").write_text("\n".join(existing + extra) + "\n", "utf-8")
    cohorts = (target / "cohorts.yaml").read_text("utf-8")
    (target / "cohorts.yaml").write_text(cohorts.replace("size: 50", "size: 200").replace("total: 191", "total: 225"), "utf-8")
    programme = (target / "programme.yaml").read_text("utf-8")
    hostile = HOSTILE_FACT.replace('"', '\\"')
    (target / "programme.yaml").write_text(programme.replace('"A smart-city mentoring programme."', f'"{hostile}"'), "utf-8")
    return target


BotFactory = Callable[..., BotProcess]


@pytest.fixture
def bot_factory(tmp_path: Path) -> Iterator[BotFactory]:
    """start(fake, **env) -> a running BotProcess; every one is stopped after the test."""
    started: list[BotProcess] = []

    def start(fake: FakeTelegram | None, wait: bool = True, knowledge: Path = FIXTURE_KNOWLEDGE, **extra: Any) -> BotProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
        env.update(
            KNOWLEDGE_DIR=str(knowledge),
            DATA_DIR=str(tmp_path / "data"),
            LOG_LEVEL="INFO",
            PYTHONUNBUFFERED="1",
        )
        if fake is not None:
            env.update(fake.bot_env())
        env.update({k: str(v) for k, v in extra.items()})
        bot = BotProcess(env, tmp_path / f"bot{len(started)}.log")
        started.append(bot)
        if wait:
            bot.wait_until_running()
        return bot

    yield start
    for bot in started:
        bot.stop()


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


def text_of(message: dict[str, Any]) -> str:
    return str(message.get("text", ""))


def buttons_of(message: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, callback_data) of a message's inline keyboard."""
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]


def start_shared_bot(fake: FakeTelegram, workdir: Path, knowledge: Path = FIXTURE_KNOWLEDGE, **extra: Any) -> BotProcess:
    """A bot for a whole test module (the caller stops it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(KNOWLEDGE_DIR=str(knowledge), DATA_DIR=str(workdir / "data"), LOG_LEVEL="INFO", PYTHONUNBUFFERED="1")
    env.update(fake.bot_env())
    env.update({k: str(v) for k, v in extra.items()})
    bot = BotProcess(env, workdir / "bot.log")
    try:
        bot.wait_until_running()
    except BaseException:
        bot.stop()
        raise
    return bot


def failed_calls(fake: FakeTelegram, after: int = 0) -> list[str]:
    """Bot API calls that were answered with an error (other than getUpdates), as 'method: error'."""
    return [f"{c.method}: {c.error}" for c in fake.calls()[after:] if c.done and not c.ok and c.method != "getUpdates"]
