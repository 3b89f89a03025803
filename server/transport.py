"""One socket write per response instead of two.

uvicorn writes a response's head and its body with separate ``transport.write`` calls,
and each goes straight to ``send()``: two TCP segments (the socket has ``TCP_NODELAY``),
two wake-ups of the desk's reader, and on loopback or a LAN the kernel's delivery work
charged to the server's thread while it holds the interpreter lock. Under load that
was ~8 % of a worker's CPU (py-spy, 50 desks). ``CoalescingHttpToolsProtocol`` hands
uvicorn a transport that gathers what is written in one turn of the event loop and sends
it as one buffer at the end of that turn: the head and a body written back to back (as
every response of this API is) leave together; nothing waits longer than the current
turn.

Used by ``halldesk-central serve`` when httptools is installed (``http_protocol()``);
otherwise uvicorn's own choice stands.
"""

from __future__ import annotations

import asyncio
from typing import Any


class _GatheringTransport:
    """A transport proxy whose ``write`` is sent at the end of the loop's current turn."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop):
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes) -> None:
        if not data:
            return
        if not self._pending:
            self._loop.call_soon(self._flush)
        self._pending.append(bytes(data))

    def writelines(self, lines: Any) -> None:
        for data in lines:
            self.write(data)

    def _flush(self) -> None:
        if not self._pending:
            return
        data = self._pending[0] if len(self._pending) == 1 else b"".join(self._pending)
        self._pending.clear()
        if not self._transport.is_closing():
            self._transport.write(data)

    def close(self) -> None:
        self._flush()                    # what was written goes out before the FIN
        self._transport.close()

    def write_eof(self) -> None:
        self._flush()
        self._transport.write_eof()

    def abort(self) -> None:
        self._pending.clear()
        self._transport.abort()

    def get_write_buffer_size(self) -> int:
        return self._transport.get_write_buffer_size() + sum(map(len, self._pending))

    def __getattr__(self, name: str) -> Any:     # everything else: the real transport
        return getattr(self._transport, name)


try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:              # pragma: no cover - httptools is a server dependency
    HttpToolsProtocol = None


if HttpToolsProtocol is not None:
    class CoalescingHttpToolsProtocol(HttpToolsProtocol):  # type: ignore[misc, valid-type]
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(_GatheringTransport(transport, self.loop))  # type: ignore[arg-type]

        def eof_received(self) -> None:
            # a client that half-closes right after its request still gets the answer
            # written in this turn (uvloop may run this before the turn's flush)
            self.transport._flush()  # type: ignore[attr-defined]
            super().eof_received()


def http_protocol() -> type[asyncio.Protocol] | str:
    """The protocol class for ``uvicorn.Config(http=...)``: httptools with gathered writes,
    or ``"auto"`` (uvicorn's choice) where httptools is not installed."""
    return CoalescingHttpToolsProtocol if HttpToolsProtocol is not None else "auto"
