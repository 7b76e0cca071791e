"""The key worker's writes: a client's answers between pages (short-lived), and later the
unmet needs they record and the plans they save."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ecosystem.db.graph import Graph
from ecosystem.keyworker import drafts


class KeyWork:
    graph: Graph

    def save_client_answers(self, user: str, answers: Mapping[str, Sequence[str]],
                            picks: Sequence[str] = (), token: str | None = None,
                            now: float | None = None) -> str:
        """Keep a client's answers for `drafts.TTL_SECONDS`; returns the session's token."""
        return drafts.save(self.graph, user, answers, picks, token, now)

    def client_answers(self, user: str, token: str | None, now: float | None = None
                       ) -> tuple[drafts.Answers, list[str]] | None:
        return drafts.load(self.graph, user, token, now)

    def forget_client_answers(self, token: str | None, now: float | None = None) -> None:
        drafts.forget(self.graph, token, now)
