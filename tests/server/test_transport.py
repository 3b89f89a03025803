"""The gathering transport: a response's head and body leave in one socket write."""

from __future__ import annotations

import asyncio
import socket

import pytest

from server.testing import start_server
from server.transport import _GatheringTransport


class Recorder:
    """The asyncio transport the event loop would hand uvicorn (what it was asked to do)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, bytes]] = []
        self.closing = False

    def write(self, data: bytes) -> None:
        self.calls.append(("write", data))

    def close(self) -> None:
        self.calls.append(("close", b""))
        self.closing = True

    def is_closing(self) -> bool:
        return self.closing

    def get_write_buffer_size(self) -> int:
        return 0

    def get_extra_info(self, name: str) -> str:
        return f"extra:{name}"


def run_turns(work) -> Recorder:   # noqa: ANN001
    async def main() -> Recorder:
        rec = Recorder()
        work(_GatheringTransport(rec, asyncio.get_running_loop()), rec)  # type: ignore[arg-type]
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        return rec
    return asyncio.run(main())


def test_writes_of_one_turn_leave_as_one_buffer():
    def work(t, _rec):
        t.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
        t.write(b"{}")
    rec = run_turns(work)
    assert rec.calls == [("write", b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}")]


def test_close_sends_what_was_written_first():
    def work(t, _rec):
        t.write(b"bye")
        t.close()
    rec = run_turns(work)
    assert rec.calls == [("write", b"bye"), ("close", b"")]


def test_nothing_is_written_to_a_closed_transport():
    def work(t, rec):
        t.write(b"late")
        rec.closing = True          # the peer went away within the same turn
    rec = run_turns(work)
    assert rec.calls == []


def test_the_rest_is_the_real_transport():
    def work(t, rec):
        assert t.get_extra_info("peername") == "extra:peername"
        t.write(b"abc")
        assert t.get_write_buffer_size() == 3
    run_turns(work)


@pytest.mark.parametrize("keep_alive", [True, False])
def test_real_server_writes_each_answer_once(monkeypatch, keep_alive):
    """The served app, over loopback: each answer (head and body) is one write on the
    socket's transport; a ``Connection: close`` answer arrives whole before the FIN."""
    writes: list[bytes] = []
    real_init = _GatheringTransport.__init__

    def counting_init(self, transport, loop):  # noqa: ANN001
        class Counting:
            def write(self, data: bytes) -> None:
                writes.append(data)
                transport.write(data)

            def __getattr__(self, name: str):  # noqa: ANN204
                return getattr(transport, name)
        real_init(self, Counting(), loop)

    monkeypatch.setattr(_GatheringTransport, "__init__", counting_init)
    with start_server(seed_demo=False) as server:
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
            extra = b"" if keep_alive else b"Connection: close\r\n"
            for _ in range(2 if keep_alive else 1):
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + extra + b"\r\n")
                answer = b""
                while not answer.endswith(b"}"):
                    answer += sock.recv(65536)
                assert answer.startswith(b"HTTP/1.1 200 ")
                assert answer.partition(b"\r\n\r\n")[2] == b'{"ok":true,"database":"sqlite"}'
            if not keep_alive:
                assert sock.recv(65536) == b""
    assert len(writes) == (2 if keep_alive else 1)
    assert all(w.startswith(b"HTTP/1.1 200 ") and w.endswith(b"}") for w in writes)
