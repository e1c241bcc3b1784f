"""Making every socket connection and name lookup fail, and recording the attempts."""

from __future__ import annotations

import socket
from collections.abc import Callable


class NetworkAttempt(OSError):
    """Raised instead of any network connection."""


def refuse_network(setattr_: Callable = setattr) -> list[str]:
    """Patch socket so any connection or lookup raises; returns the list of attempts.
    Pass `monkeypatch.setattr` to have the patches undone after a test."""
    attempts: list[str] = []

    def refuse(name: str):
        def refused(*args, **kwargs):
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise NetworkAttempt(f"network access attempted: {name}")

        return refused

    setattr_(socket.socket, "connect", refuse("socket.connect"))
    setattr_(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    setattr_(socket, "create_connection", refuse("create_connection"))
    setattr_(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


if __name__ == "__main__":  # python -m tests.helpers.network ARGS…: the program, offline
    import sys

    from desktop import cli

    tried = refuse_network()
    status = cli.main(sys.argv[1:])
    print(f"network attempts: {len(tried)}", *tried, sep="\n", file=sys.stderr)
    sys.exit(status if not tried else 3)
