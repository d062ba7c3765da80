"""A private redis-server for the fault tests: started on a free port, killed and started again by the test.

The shared Redis (REDIS_URL, port 6379) is never touched.
"""

import os
import shutil
import signal
import socket
import subprocess
import time

import pytest


def require_redis_server() -> str:
    """The path of ``redis-server``; skips without it, except in CI, which must run the fault tests."""
    path = shutil.which("redis-server")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the Redis fault tests: install redis-server (.ci/run does)")
        pytest.skip("redis-server is not installed; CI runs this test")
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """One redis-server process of the test's own, without persistence."""

    def __init__(self, executable: str, port: int):
        self.executable = executable
        self.port = port
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - our own server, arguments fixed here
            [
                self.executable,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server on port {self.port} exited with {self.process.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as connection:
                    connection.sendall(b"PING\r\n")
                    if connection.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"redis-server on port {self.port} did not answer")

    def stop(self) -> None:
        """Kill it (SIGKILL, also when paused), as a crash or an out-of-memory kill would."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def pause(self) -> None:
        """Freeze it (SIGSTOP): connections are still accepted by the kernel, nothing answers, as with a hung
        server or a half-open connection."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)


def started_redis_server() -> RedisServer:
    server = RedisServer(require_redis_server(), free_port())
    server.start()
    return server
