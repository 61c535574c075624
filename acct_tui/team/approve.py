"""A head of accounts approves a teammate's discount: written into that person's book as a commit.

Only a book the roll-up cloned from a remote is changed: the approval (who and when, on the client)
is committed in that clone and pushed, so it reaches the account manager at their next sync. A
push that is refused is undone in the clone, and nothing else is written. A book given as a file
or a folder is never written, even in a repository: it may be someone's working copy, with edits
not synced yet that a commit would carry off or an undo would lose.
"""

from __future__ import annotations

from datetime import date

from acct_tui.domain.records import Client
from acct_tui.store.errors import BookError
from acct_tui.store.repository import Repository
from acct_tui.sync.git import Git
from acct_tui.team.sources import Source


class NotApproved(Exception):
    """Why an approval was not written (for people)."""


def cannot_approve(source: Source) -> str:
    """Why an approval cannot be written to `source` ("" when it can): the roll-up did not clone
    it from a remote."""
    if source.remote is not None and (source.path.parent / ".git").exists():
        return ""
    return (
        f"{source.path} is not a clone of a remote: approve it in that book's planner, "
        "or give acct-tui team the book's remote"
    )


def approve(source: Source, client_id: int, approver: str, today: date) -> str:
    """Approve the discount of `client_id` in `source`'s clone, commit and push it. Raises NotApproved."""
    why_not = cannot_approve(source)
    if why_not:
        raise NotApproved(why_not)
    book = source.path
    git = Git(book.parent)
    try:
        with Repository.open(book, today=today, create=False) as repo:
            client = repo.clients.get(client_id)
            if client is None:
                raise NotApproved(f"{book}: client {client_id} is no longer in the book")
            repo.clients.update(
                client.evolve(discount_approved_by=approver, discount_approved_on=today),
                f"Approve the discount of {client.name}",
            )
            name = client.name
    except BookError as err:
        raise NotApproved(err.text(3)) from None
    git.run("add", "--", book.name)
    committed = git.run("commit", "--quiet", "-m", f"acct-tui team: discount of {name} approved by {approver}")
    if not committed.ok:
        raise NotApproved(f"{book}: the approval could not be committed: {committed.said}")
    pushed = git.run("push", "--quiet", "origin", "HEAD", network=True)
    if not pushed.ok:
        git.run("reset", "--quiet", "--hard", "HEAD~1")
        raise NotApproved(f"the approval was not written: the remote refused the push ({pushed.said})")
    return f"approved the discount of {name} ({Client.label} {client_id}) and pushed it"
