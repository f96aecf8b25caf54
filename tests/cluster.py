"""A local Redis Cluster from Debian's redis-server: three primaries, three replicas.

Used by CI (`.ci/run`), by the failover test and by `python -m bench workers
--cluster`. Each node runs from a `redis.conf` in `<folder>/<port>/`, so a
node that a test kills can be started again exactly as it was.

    python -m tests.cluster start --port 7000 --folder /tmp/cb-cluster   # prints REDIS_URL
    python -m tests.cluster stop --port 7000 --folder /tmp/cb-cluster

A start first stops whatever an earlier run left on those ports in that
folder, so a crashed run never blocks the next one.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.cluster import RedisCluster
from redis.retry import Retry

SHARDS = 3
NODE_TIMEOUT_MS = 2000  # how long a silent primary has before its replica takes over


class ClusterError(RuntimeError):
    """The local cluster would not start, or did not come back healthy."""


def _binary(name: str) -> str:
    """The first `name` on PATH from Redis 7 or later.

    Sharded pub/sub (SPUBLISH) came in Redis 7. The embedded Redis package
    puts its own redis-server 6.2 (and redis-cli) into an activated venv's
    bin, ahead of Debian's on PATH, so the first one found is not always it.
    """
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        found = shutil.which(name, path=folder)
        if found is not None and _major_version(found) >= 7:
            return found
    raise ClusterError(f"no {name} of Redis 7 or later on PATH: install Debian's redis-server")


def _major_version(binary: str) -> int:
    try:
        said = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return 0
    # "Redis server v=7.0.15 sha=…" or "redis-cli 7.0.15"
    for word in said.stdout.split():
        number = word.removeprefix("v=")
        if number[:1].isdigit():
            return int(number.split(".")[0])
    return 0


def _node(port: int) -> redis.Redis:
    # No retries: a port with nothing on it must answer "no" at once.
    return redis.Redis(
        port=port, socket_timeout=2, socket_connect_timeout=1, retry=Retry(NoBackoff(), 0)
    )


def _answers(port: int) -> bool:
    try:
        with _node(port) as node:
            return bool(node.ping())
    except redis.RedisError:
        return False


def wait_until(check: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(redis.RedisError):
            if check():  # type: ignore[operator]
                return
        time.sleep(0.1)
    raise ClusterError(f"not within {timeout:.0f} s: {what}")


class LocalCluster:
    def __init__(self, folder: Path, first_port: int) -> None:
        self.folder = Path(folder).resolve()
        self.ports = [first_port + n for n in range(2 * SHARDS)]

    @classmethod
    def of(cls, url: str) -> LocalCluster | None:
        """The local cluster a `redis+cluster://` URL names, if this module started it."""
        if not url.startswith("redis+cluster://127.0.0.1:"):
            return None
        port = int(url.removeprefix("redis+cluster://").split(",")[0].split(":")[1].split("/")[0])
        try:
            with _node(port) as node:
                conf = Path(str(node.info("server").get("config_file", "")))
                ports = [int(address.split("@")[0].rsplit(":", 1)[1])
                         for address in node.cluster("nodes")]  # fmt: skip
        except (redis.RedisError, ValueError, IndexError):
            return None
        found = cls(conf.parent.parent, min(ports))
        if sorted(ports) != found.ports or not all(found.conf(p).is_file() for p in found.ports):
            return None
        return found

    @property
    def url(self) -> str:
        # Every node: a client starting while one of them is down still finds the others.
        return "redis+cluster://" + ",".join(f"127.0.0.1:{p}" for p in self.ports)

    def conf(self, port: int) -> Path:
        return self.folder / str(port) / "redis.conf"

    # Start and stop

    def start(self) -> str:
        """A fresh, healthy cluster; its REDIS_URL."""
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
        for port in self.ports:
            if _answers(port):
                raise ClusterError(f"port {port} already has a Redis that is not this cluster's")
            self._write_conf(port)
            self.start_node(port)
        nodes = [f"127.0.0.1:{p}" for p in self.ports]
        create = [_binary("redis-cli"), "--cluster", "create", *nodes,
                  "--cluster-replicas", "1", "--cluster-yes"]  # fmt: skip
        done = subprocess.run(create, capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise ClusterError(f"redis-cli --cluster create failed:\n{done.stdout}{done.stderr}")
        self.wait_healthy()
        return self.url

    def _write_conf(self, port: int) -> None:
        folder = self.folder / str(port)
        folder.mkdir(parents=True)
        self.conf(port).write_text(
            "\n".join(
                [
                    f"port {port}",
                    "bind 127.0.0.1",
                    f"dir {folder}",
                    "daemonize yes",
                    f"pidfile {folder / 'redis.pid'}",
                    f"logfile {folder / 'redis.log'}",
                    "cluster-enabled yes",
                    f"cluster-config-file {folder / 'nodes.conf'}",
                    f"cluster-node-timeout {NODE_TIMEOUT_MS}",
                    # Other shards keep working while one fails over.
                    "cluster-require-full-coverage no",
                    # A replica may always take over, however long it was cut off.
                    "cluster-replica-validity-factor 0",
                    "repl-diskless-sync-delay 0",  # replicas sync at once, not after 5 s
                    "appendonly yes",
                    'save ""',
                    "",
                ]
            )
        )

    def start_node(self, port: int) -> None:
        """Start (or start again) one node from its redis.conf."""
        subprocess.run([_binary("redis-server"), str(self.conf(port))], check=True, timeout=30)
        wait_until(lambda: _answers(port), 15, f"the node on port {port} answers")

    def stop(self) -> None:
        """Stop every node of this cluster, including ones an earlier run left behind."""
        for port in self.ports:
            pid = self._pid(port)
            if pid is None:
                continue
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            deadline = time.monotonic() + 10
            while _alive(pid) and time.monotonic() < deadline:
                time.sleep(0.05)

    def _pid(self, port: int) -> int | None:
        try:
            return int((self.folder / str(port) / "redis.pid").read_text().strip())
        except (OSError, ValueError):
            return None

    # Faults

    def primary_for(self, key: str) -> int:
        """The port of the primary that holds `key` now."""
        with RedisCluster(host="127.0.0.1", port=self._any_live_port()) as client:
            node = client.get_node_from_key(key)
            return int(node.port)

    def kill(self, port: int) -> None:
        """kill -9 one node, as a crashed machine would go."""
        with _node(port) as node:
            pid = int(node.info("server")["process_id"])
        os.kill(pid, signal.SIGKILL)
        wait_until(lambda: not _alive(pid), 10, f"the node on port {port} is gone")

    def wait_healthy(self, timeout: float = 60) -> None:
        """Every slot served, every node agreeing, every primary with its replica in sync."""
        wait_until(self._healthy, timeout, "the cluster is healthy")

    def _healthy(self) -> bool:
        primaries = 0
        for port in self.ports:
            with _node(port) as node:
                if node.cluster("info")["cluster_state"] != "ok":
                    return False
                replication = node.info("replication")
                if replication["role"] == "master":
                    primaries += 1
                    if int(replication.get("connected_slaves", 0)) < 1:
                        return False
                elif replication.get("master_link_status") != "up":
                    return False
                if int(node.cluster("info")["cluster_known_nodes"]) != len(self.ports):
                    return False
        return primaries == SHARDS

    def _any_live_port(self) -> int:
        for port in self.ports:
            if _answers(port):
                return port
        raise ClusterError("no node of the cluster answers")

    def nodes(self) -> Iterator[redis.Redis]:
        for port in self.ports:
            if _answers(port):
                yield _node(port)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (our own child, not yet reaped) counts as gone.
    with contextlib.suppress(OSError):
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
        return state != "Z"
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.cluster", description=__doc__)
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("--port", type=int, default=7000, help="first of six ports")
    parser.add_argument("--folder", type=Path, required=True, help="where the nodes keep data")
    args = parser.parse_args(argv)
    cluster = LocalCluster(args.folder, args.port)
    try:
        if args.action == "start":
            print(cluster.start())
        else:
            cluster.stop()
            shutil.rmtree(cluster.folder, ignore_errors=True)
    except ClusterError as error:
        print(f"tests.cluster: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
