"""Run the real app under gunicorn on 127.0.0.1 and a free port, for the server tests and the
benchmarks in ``bench/`` (plain Python, no pytest).

``GunicornServer(database_url, ...)`` is a context manager: it starts ``gunicorn app:app``
(2 ``gthread`` workers, see ``WORKER_ARGS``) in a process group of its own, waits until
``/healthz`` answers 200, and on exit stops the whole group (SIGTERM, then SIGKILL), so no
worker outlives a failing test; should this process die without cleaning up, the master is
sent SIGTERM by the kernel (``PR_SET_PDEATHSIG``) and takes its workers with it. The
server's output goes to a log file whose tail is shown when start-up fails.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parents[2]
# gthread: each of the 2 processes serves 4 requests at once, so writes of different
# respondents really overlap (in a process and across processes), a worker is not stalled
# while a request waits for a database lock, and keep-alive works without a buffering proxy.
WORKER_ARGS = ["--workers", "2", "--worker-class", "gthread", "--threads", "4"]
# no control socket: its default path ($HOME/.gunicorn/gunicorn.ctl) is shared by all servers
COMMON_ARGS = ["--no-control-socket", "--timeout", "60", "--graceful-timeout", "5"]
START_TIMEOUT = 30.0  # seconds until /healthz must answer
STOP_TIMEOUT = 10.0  # seconds between SIGTERM and SIGKILL
PR_SET_PDEATHSIG = 1  # prctl option, from <linux/prctl.h>


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a deployment: its own database and key, plain HTTP on loopback."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("FLASK_")}
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY="server-test-" + "k" * 40,
        ZZCHECK_SECURE_COOKIES="0",  # plain HTTP on 127.0.0.1: cookies without Secure
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def flask_db_upgrade(env: dict[str, str]) -> None:
    """``flask --app app db upgrade``: the deployment step that creates the schema."""
    command = [sys.executable, "-m", "flask", "--app", "app", "db", "upgrade"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"flask db upgrade failed:\n{done.stdout}\n{done.stderr}")


class GunicornServer:
    """``with GunicornServer(url, log) as server: requests.get(server.url + "/healthz")``."""

    def __init__(
        self, database_url: str, log_path: Path, worker_args: list[str] | None = None, **env: str
    ) -> None:
        self.env = server_env(database_url, **env)
        self.log_path = log_path
        self.worker_args = worker_args or WORKER_ARGS
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> GunicornServer:
        self.start()
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        """Start gunicorn and wait for ``/healthz``; stops it again if that fails."""
        command = [sys.executable, "-m", "gunicorn", *self.worker_args, *COMMON_ARGS]
        command += ["--bind", f"127.0.0.1:{self.port}", "app:app"]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=log,
                start_new_session=True,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        try:
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early:\n{self.log_tail()}")
            if self._healthy():
                return
            time.sleep(0.2)
        raise RuntimeError(f"/healthz did not answer in {START_TIMEOUT:.0f} s:\n{self.log_tail()}")

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                return bool(response.status == 200)
        except (OSError, urllib.error.URLError):
            return False

    def stop(self) -> None:
        """SIGTERM to the process group (master and workers), SIGKILL if it lingers.

        The group is signalled even when the master already died, so no worker is left."""
        process, self.process = self.process, None
        if process is None:
            return
        _signal_group(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=STOP_TIMEOUT)
        _signal_group(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_TIMEOUT)

    def log_tail(self, lines: int = 40) -> str:
        """The end of the server's output (start-up errors, tracebacks of a 500)."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def _die_with_parent() -> None:
    """Linux: the master gets SIGTERM when this process dies, even by SIGKILL (no orphans)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _signal_group(pgid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # the whole group has exited already
        os.killpg(pgid, signum)
