"""Opening Redis: one server, or a Redis Cluster; and the one place its errors are translated.

`REDIS_URL` names a cluster with the scheme `redis+cluster://` (or
`rediss+cluster://` for TLS) and one or more of its nodes, comma-separated:
`redis+cluster://:PASSWORD@10.0.0.1:7000,10.0.0.2:7000`. The client finds
the rest of the cluster from any node that answers.
"""

from __future__ import annotations

import functools
import urllib.parse
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

import redis.asyncio as aioredis
from redis.asyncio.cluster import ClusterNode, RedisCluster
from redis.asyncio.connection import SSLConnection, parse_url
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialWithJitterBackoff, NoBackoff
from redis.exceptions import RedisClusterException, RedisError

from server.errors import StoreUnavailable

CLUSTER_SCHEMES = ("redis+cluster://", "rediss+cluster://")
SUBSCRIBER_NAME = "changeboard-subscriptions"
URL_SCHEMES = ("redis://", "rediss://", "unix://", *CLUSTER_SCHEMES)

# Everything redis-py raises when Redis cannot answer (a cluster's slot map
# problems are not RedisErrors), and the socket errors beneath it.
REDIS_ERRORS = (RedisError, RedisClusterException, OSError)

_P = ParamSpec("_P")
_T = TypeVar("_T")


def translated(call: Callable[_P, Awaitable[_T]]) -> Callable[_P, Awaitable[_T]]:
    """Redis or network errors inside `call` become StoreUnavailable, nothing else leaks."""

    @functools.wraps(call)
    async def guarded(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return await call(*args, **kwargs)
        except REDIS_ERRORS as exc:
            raise StoreUnavailable() from exc

    return guarded


def is_cluster_url(url: str) -> bool:
    return url.startswith(CLUSTER_SCHEMES)


def cluster_url_problem(url: str) -> str | None:
    """What is wrong with a cluster URL, in words; None when it is fine."""
    try:
        _cluster_options(url)
    except ValueError as exc:
        return str(exc)
    return None


@dataclass(frozen=True)
class Opened:
    """A client, and how to open a connection of our own to any one node (for pub/sub)."""

    client: Any  # aioredis.Redis, or RedisCluster when `cluster`
    cluster: bool
    url: str
    node_options: dict[str, Any] = field(default_factory=dict)

    def node_client(self, host: str | None = None, port: int | None = None) -> aioredis.Redis:
        """A one-connection client with no retries: a lost connection must be seen, not hidden."""
        options = {
            **self.node_options,
            "decode_responses": True,
            "retry": Retry(NoBackoff(), 0),
            "socket_connect_timeout": 5,
            "client_name": SUBSCRIBER_NAME,  # CLIENT LIST shows what it is
        }
        if not self.url.startswith("unix://"):
            options["socket_keepalive"] = True  # a node that vanished is noticed, in time
        if not self.cluster:
            return aioredis.Redis.from_url(self.url, **options)
        return aioredis.Redis(host=host or "localhost", port=port or 6379, **options)

    async def close(self) -> None:
        await self.client.aclose()


try:  # redis-py 7+: who we are to Redis (CLIENT SETINFO), worked out once
    from redis.driver_info import DriverInfo

    # Without it every new connection reads redis-py's version from its
    # package metadata again: 0.35 ms each, 64 of them as a room joins at once.
    _DRIVER_INFO: dict[str, Any] = {"driver_info": DriverInfo()}
except ImportError:  # pragma: no cover - older redis-py
    _DRIVER_INFO = {}


async def open_redis(url: str) -> Opened:
    if is_cluster_url(url):
        return await _open_cluster(url)
    # A blocking pool: past its size a command waits for a free connection.
    # redis-py's default pool refuses the 101st concurrent command instead
    # (MaxConnectionsError), which a join storm of 200 phones reaches.
    pool = aioredis.BlockingConnectionPool.from_url(
        url,
        decode_responses=True,
        health_check_interval=10,
        max_connections=64,
        timeout=10,
        **_DRIVER_INFO,
    )
    return Opened(aioredis.Redis.from_pool(pool), cluster=False, url=url)


async def _open_cluster(url: str) -> Opened:
    nodes, options = _cluster_options(url)
    client = RedisCluster(
        startup_nodes=[ClusterNode(host, port) for host, port in nodes],
        decode_responses=True,
        # A shard whose primary fails is retried for a few seconds while its
        # replica takes over; past that the caller hears "unavailable" and
        # sends again (every command carries an op id, so that is safe).
        retry=Retry(ExponentialWithJitterBackoff(base=0.1, cap=1.0), 6),
        socket_connect_timeout=2,
        socket_timeout=10,
        require_full_coverage=False,
        **options,
    )
    try:
        await client.initialize()
    except REDIS_ERRORS as exc:
        await client.aclose()
        raise StoreUnavailable() from exc
    return Opened(client, cluster=True, url=url, node_options=options)


def _cluster_options(url: str) -> tuple[list[tuple[str, int]], dict[str, Any]]:
    """The seed nodes and the connection options of a `redis+cluster://` URL."""
    scheme, rest = url.split("+cluster://", 1)
    parsed = urllib.parse.urlsplit(f"{scheme}://{rest}")
    auth, _, hosts = parsed.netloc.rpartition("@")
    nodes = []
    for host in hosts.split(","):
        name, _, port = host.rpartition(":")
        if not name or not port.isdigit():
            raise ValueError(f"a cluster node must be host:port, not {host!r}")
        nodes.append((name.strip("[]"), int(port)))
    if parsed.path not in ("", "/", "/0"):
        raise ValueError("a Redis Cluster has only database 0")
    first = f"{nodes[0][0]}:{nodes[0][1]}"
    netloc = f"{auth}@{first}" if auth else first
    options: dict[str, Any] = dict(
        parse_url(urllib.parse.urlunsplit(parsed._replace(netloc=netloc)))
    )
    for name in ("host", "port", "db"):
        options.pop(name, None)
    if options.pop("connection_class", None) is SSLConnection:
        options["ssl"] = True
    return nodes, options
