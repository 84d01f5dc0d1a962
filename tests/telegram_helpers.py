"""Helpers for the Telegram end-to-end tests: the bot against the fake Bot API, over real HTTP on 127.0.0.1.

Two ways to run the bot, with the same interface (log, wait_for_log, stop):

- `InProcessBot` (fixture `bot_factory`): the Application that
  `python -m bot run` builds (`bot.telegram.app.build_application`), run by the
  same `runner.serve` in a thread of the test process; it polls the fake over
  HTTP like the real thing. Starting one takes milliseconds, so conversation,
  list, inline and admin tests use it.
- `BotProcess` (fixture `process_factory`): the real `python -m bot run`
  subprocess, for what only a process shows (SIGTERM, start-up, logs as
  written to stderr, token redaction, webhook serving, exit codes).
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from tests.fake_telegram import FakeTelegram

REPO = Path(__file__).resolve().parents[1]
FIXTURE_KNOWLEDGE = REPO / "tests" / "fixtures" / "knowledge"
START_TIMEOUT = 15.0


def wait_for_pattern(read: Callable[[], str], pattern: str, timeout: float, count: int, exited: Callable[[], str | None]) -> str:
    """Wait until `pattern` (a regex) occurs `count` times in what `read` returns; return that text."""
    deadline = time.monotonic() + timeout
    while True:
        text = read()
        if len(re.findall(pattern, text)) >= count:
            return text
        why = exited()
        if why is not None:
            raise AssertionError(f"bot {why} before logging {pattern!r}:\n{text[-3000:]}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {pattern!r} in the bot log:\n{text[-3000:]}")
        time.sleep(0.02)


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
        def exited() -> str | None:
            return None if self.proc.poll() is None else f"exited ({self.proc.returncode})"
        return wait_for_pattern(self.log, pattern, timeout, count, exited)

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


class LogLines(logging.Handler):
    """Every log record of the process, formatted like the bot's own log lines."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def settings_for(env: dict[str, str]) -> Settings:
    """The Settings `python -m bot run` would read from exactly this environment."""
    return Settings.from_env(environ=env)


def built_knowledge(knowledge: Path) -> Path:
    """The knowledge database for `knowledge`, built once per distinct content by whichever worker of this run
    asks first (builds are atomic: a temporary file moved into place), in `engine_builds`' folder."""
    from bot.answers.registry import known_intents
    from bot.knowledge.build import build, content_hash

    assert _BUILDS is not None, "the engine_builds fixture has not run"
    path, _ = build(knowledge, _BUILDS / content_hash(knowledge)[:16], intents=known_intents())
    return path


def engine_for(knowledge: Path) -> Any:
    """A fresh Engine on `knowledge` (a build takes about half a second; see built_knowledge)."""
    from bot.engine import Engine

    return Engine.load(knowledge, built_knowledge(knowledge).parent)


_BUILDS: Path | None = None


@pytest.fixture(scope="session", autouse=True)
def engine_builds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder of knowledge databases for the whole run, shared by the xdist workers."""
    global _BUILDS
    base = tmp_path_factory.getbasetemp()
    _BUILDS = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "engines"
    _BUILDS.mkdir(parents=True, exist_ok=True)
    return _BUILDS


class InProcessBot:
    """The bot's Application run by `runner.serve` in a thread of this process (see the module docstring)."""

    def __init__(self, settings: Settings, engine: Any = None) -> None:
        """With no `engine`, it is loaded as `python -m bot run` loads it (built in DATA_DIR), its log lines kept."""
        from bot.engine import Engine
        from bot.telegram import app, logsafe, runner

        self.settings = settings
        self.lines = LogLines()
        self._root = logging.getLogger()
        self._level = self._root.level
        self._root.addHandler(self.lines)
        self._root.setLevel(settings.log_level)
        for name in logsafe.NOISY_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)
        if engine is None:
            engine = Engine.load(settings.knowledge_dir, settings.data_dir)
        self.application = app.build_application(settings, engine)
        self.exit_code: int | None = None
        self.loop = asyncio.new_event_loop()

        def run() -> None:
            asyncio.set_event_loop(self.loop)
            self.exit_code = runner.serve(self.application, settings, stop_signals=None)

        self._thread = threading.Thread(target=run, name="bot-under-test", daemon=True)
        self._thread.start()

    def log(self) -> str:
        return "\n".join(self.lines.lines)

    def wait_for_log(self, pattern: str, timeout: float = 10.0, count: int = 1) -> str:
        def exited() -> str | None:
            return None if self._thread.is_alive() else f"stopped ({self.exit_code})"
        return wait_for_pattern(self.log, pattern, timeout, count, exited)

    def wait_until_running(self, timeout: float = START_TIMEOUT) -> None:
        self.wait_for_log(r"bot is running", timeout)

    def stop(self, timeout: float = 10.0) -> int:
        """Stop as SIGTERM would (PTB's stop_running), wait; returns serve's exit code."""
        if self._thread.is_alive():
            try:
                self.loop.call_soon_threadsafe(self.application.stop_running)
            except RuntimeError:  # the loop is already closed
                pass
            self._thread.join(timeout)
        self._root.removeHandler(self.lines)
        self._root.setLevel(self._level)
        assert not self._thread.is_alive(), "the bot did not stop"
        return int(self.exit_code if self.exit_code is not None else -1)


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


Bot = BotProcess | InProcessBot
BotFactory = Callable[..., Bot]


def bot_env(fake: FakeTelegram | None, knowledge: Path, data: Path, extra: dict[str, Any]) -> dict[str, str]:
    """The environment the bot is started with: the test's own, minus any Telegram settings, plus these.
    Bytecode is cached (see conftest), so a bot process does not compile bot/ again."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_")) and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(KNOWLEDGE_DIR=str(knowledge), DATA_DIR=str(data), LOG_LEVEL="INFO", PYTHONUNBUFFERED="1")
    if fake is not None:
        env.update(fake.bot_env())
    env.update({k: str(v) for k, v in extra.items()})
    return env


def start_in_process(
    fake: FakeTelegram, workdir: Path, knowledge: Path = FIXTURE_KNOWLEDGE, wait: bool = True, **extra: Any
) -> InProcessBot:
    """An in-process bot with data under `workdir` (the caller stops it). Given its own DATA_DIR, the bot builds
    its knowledge there, as `python -m bot run` does; otherwise the run's shared build is used."""
    settings = settings_for(bot_env(fake, knowledge, workdir / "data", extra))
    bot = InProcessBot(settings, None if "DATA_DIR" in extra else engine_for(knowledge))
    if wait:
        try:
            bot.wait_until_running()
        except BaseException:
            bot.stop()
            raise
    return bot


def _factory(make: Callable[[FakeTelegram | None, Path, int, dict[str, Any]], Bot]) -> Iterator[BotFactory]:
    """start(fake, wait=True, knowledge=..., **env) -> a bot made by `make`; every one is stopped afterwards."""
    started: list[Bot] = []

    def start(fake: FakeTelegram | None, wait: bool = True, knowledge: Path = FIXTURE_KNOWLEDGE, **extra: Any) -> Bot:
        bot = make(fake, knowledge, len(started), extra)
        started.append(bot)
        if wait:
            bot.wait_until_running()
        return bot

    yield start
    for bot in started:
        bot.stop()


@pytest.fixture
def bot_factory(tmp_path: Path) -> Iterator[BotFactory]:
    """start(fake, knowledge=..., **env) -> a running in-process bot."""
    def make(fake: FakeTelegram | None, knowledge: Path, _: int, extra: dict[str, Any]) -> Bot:
        assert fake is not None, "an in-process bot needs the fake Bot API"
        return start_in_process(fake, tmp_path, knowledge, wait=False, **extra)

    yield from _factory(make)


@pytest.fixture
def process_factory(tmp_path: Path) -> Iterator[BotFactory]:
    """start(fake, **env) -> a running `python -m bot run` subprocess, its knowledge database already built
    unless the test gives its own DATA_DIR."""
    def make(fake: FakeTelegram | None, knowledge: Path, number: int, extra: dict[str, Any]) -> Bot:
        data = tmp_path / "data"
        if "DATA_DIR" not in extra and not data.exists():  # as on a restart: the knowledge database is built
            data.mkdir()
            database = built_knowledge(knowledge)
            shutil.copyfile(database, data / database.name)
        return BotProcess(bot_env(fake, knowledge, data, extra), tmp_path / f"bot{number}.log")

    yield from _factory(make)


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


def start_shared_bot(fake: FakeTelegram, workdir: Path, knowledge: Path = FIXTURE_KNOWLEDGE, **extra: Any) -> InProcessBot:
    """An in-process bot for a whole test module (the caller stops it)."""
    return start_in_process(fake, workdir, knowledge, **extra)


def failed_calls(fake: FakeTelegram, after: int = 0) -> list[str]:
    """Bot API calls that were answered with an error (other than getUpdates), as 'method: error'."""
    return [f"{c.method}: {c.error}" for c in fake.calls()[after:] if c.done and not c.ok and c.method != "getUpdates"]
