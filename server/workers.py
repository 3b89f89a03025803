"""Several worker processes on one port, each with its own listening socket
(``SO_REUSEPORT``), so the kernel spreads connections evenly across them.

uvicorn's own ``--workers`` shares one socket: with keep-alive connections (every desk
keeps one) most land on whichever worker wakes first and one core does the work. Here
each worker binds its own socket with ``SO_REUSEPORT`` and the kernel hashes new
connections across them. A worker that dies is started again; SIGINT/SIGTERM stop all.
Where ``SO_REUSEPORT`` does not exist (Windows), uvicorn's workers are used instead.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import socket
import sys
import time
from typing import Any

RESTART_PAUSE = 1.0


def reuse_port_available() -> bool:
    return hasattr(socket, "SO_REUSEPORT") and sys.platform != "win32"


def _socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    return sock


def _worker(env: dict[str, str], sock: socket.socket, options: dict[str, Any]) -> None:
    import uvicorn

    from server.app import create_app_from_env
    os.environ.update(env)
    config = uvicorn.Config(create_app_from_env(), **options)
    uvicorn.Server(config).run(sockets=[sock])


def serve(env: dict[str, str], host: str, port: int, workers: int,
          options: dict[str, Any]) -> None:
    """Run ``workers`` processes until SIGINT or SIGTERM."""
    ctx = mp.get_context("spawn")
    # every socket listens before any worker starts, so connections that arrive while
    # the workers import wait in their socket's queue, spread from the first one on;
    # a restarted worker takes over its predecessor's socket and queue
    sockets = [_socket(host, port) for _ in range(workers)]
    procs: list[Any] = []
    stopping = False

    def start(i: int) -> Any:
        proc = ctx.Process(target=_worker, args=(env, sockets[i], options), daemon=False)
        proc.start()
        return proc

    def stop(_signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        procs = [start(i) for i in range(workers)]
        while not stopping:
            time.sleep(0.2)
            for i, proc in enumerate(procs):
                if not proc.is_alive() and not stopping:
                    print(f"halldesk-central: worker {proc.pid} exited ({proc.exitcode}); "
                          "starting another", file=sys.stderr)
                    time.sleep(RESTART_PAUSE)
                    procs[i] = start(i)
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
        for proc in procs:
            proc.join(timeout=15)
        for sock in sockets:
            sock.close()
