"""Live reload: build new knowledge beside the running one and swap it in whole.

`EngineHolder.current` is the engine every question uses; a reload validates
and loads a complete new Engine first and replaces the reference in one step,
so a question is answered from the old or the new knowledge, never a mix. When
the files are invalid the old engine stays and the problems are returned.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .engine import Engine
from .knowledge.build import content_hash
from .knowledge.problems import KnowledgeError, Problem
from .knowledge.store import Knowledge

log = logging.getLogger(__name__)


@dataclass
class Changes:
    """What a reload changed, for the admin's summary."""

    added: dict[int, list[str]] = field(default_factory=dict)  # year -> region names
    removed: dict[int, list[str]] = field(default_factory=dict)
    facts_changed: list[str] = field(default_factory=list)
    cohorts_added: list[int] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.added or self.removed or self.facts_changed or self.cohorts_added)


@dataclass
class ReloadResult:
    ok: bool
    changed: bool
    problems: list[Problem] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)


def diff(old: Knowledge, new: Knowledge) -> Changes:
    changes = Changes()
    for year in sorted(set(old.members_by_year) | set(new.members_by_year)):
        before = {m.region for m in old.members_by_year.get(year, [])}
        after = {m.region for m in new.members_by_year.get(year, [])}
        if after - before:
            changes.added[year] = sorted(new.regions[c].name for c in after - before)
        if before - after:
            changes.removed[year] = sorted(old.regions[c].name for c in before - after)
    old_facts = {f.id: f for f in old.records.facts}
    new_facts = {f.id: f for f in new.records.facts}
    changes.facts_changed = sorted(k for k in old_facts.keys() | new_facts.keys() if old_facts.get(k) != new_facts.get(k))
    changes.cohorts_added = sorted(set(new.cohorts) - set(old.cohorts))
    return changes


class EngineHolder:
    """Holds the live engine; reloads are serialised, reads never wait."""

    def __init__(self, engine: Engine, knowledge_dir: Path, data_dir: Path) -> None:
        self.current = engine
        self.knowledge_dir = knowledge_dir
        self.data_dir = data_dir
        self._lock = threading.Lock()
        self._seen_hash = self._hash()

    def _hash(self) -> str:
        try:
            return content_hash(self.knowledge_dir)
        except OSError:
            return ""

    def files_changed(self) -> bool:
        return self._hash() != self._seen_hash

    def reload(self) -> ReloadResult:
        """Validate and load the files now; swap only a complete, valid engine."""
        with self._lock:
            self._seen_hash = self._hash()
            try:
                engine = Engine.load(self.knowledge_dir, self.data_dir)
            except KnowledgeError as error:
                log.warning("reload refused: %d problem(s) in the knowledge files", len(error.problems))
                return ReloadResult(False, False, error.problems)
            old = self.current
            engine.question_log = old.question_log
            changed = engine.knowledge.content_hash != old.knowledge.content_hash
            changes = diff(old.knowledge, engine.knowledge) if changed else Changes()
            self.current = engine
            log.info("knowledge reloaded (%s)", "changed" if changed else "unchanged")
            return ReloadResult(True, changed, [], changes)
