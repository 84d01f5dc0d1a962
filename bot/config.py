"""Settings read from the environment, once, at start-up.

Nothing here is secret-aware beyond keeping the token out of `repr`; fronts
read what they need from `Settings`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tanya-smart-city"


@dataclass(frozen=True)
class Settings:
    """Configuration from environment variables (see README, .env.example)."""

    knowledge_dir: Path
    data_dir: Path
    token: str | None = field(default=None, repr=False)
    api_base_url: str | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    port: int = 8443
    admin_ids: frozenset[int] = frozenset()
    log_level: str = "INFO"
    retention_days: int = 180  # how long the question log keeps a question
    watch_seconds: float = 3.0  # how often the live bot checks the knowledge files (0: never)
    messages_per_second: float = 30.0  # overall sending limit (0: none)
    webhook_listen: str = "0.0.0.0"

    @classmethod
    def from_env(cls, knowledge_dir: str | None = None, data_dir: str | None = None) -> "Settings":
        env = os.environ
        admins = frozenset(int(x) for x in env.get("ADMIN_IDS", "").replace(";", ",").split(",") if x.strip().isdigit())
        return cls(
            knowledge_dir=Path(knowledge_dir or env.get("KNOWLEDGE_DIR") or PROJECT_ROOT / "knowledge"),
            data_dir=Path(data_dir or env.get("DATA_DIR") or _default_data_dir()),
            token=env.get("TELEGRAM_BOT_TOKEN") or None,
            api_base_url=env.get("TELEGRAM_API_BASE_URL") or None,
            webhook_url=env.get("WEBHOOK_URL") or None,
            webhook_secret=env.get("WEBHOOK_SECRET") or None,
            port=int(env.get("PORT") or 8443),
            admin_ids=admins,
            log_level=(env.get("LOG_LEVEL") or "INFO").upper(),
            retention_days=int(env.get("QUESTION_LOG_RETENTION_DAYS") or 180),
            watch_seconds=float(env.get("KNOWLEDGE_WATCH_SECONDS") or 3.0),
            messages_per_second=float(env.get("TELEGRAM_MESSAGES_PER_SECOND") or 30.0),
            webhook_listen=env.get("WEBHOOK_LISTEN") or "0.0.0.0",
        )
