"""The scenarios. Each takes the parsed options and returns one JSON-able dict.

Every result has `correct` (nothing missing, nothing out of order, budgets
exact: what the smoke test asserts) and the figures, in milliseconds unless
a name says otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import socketio

from bench.deal import deal
from bench.infra import (
    Agents,
    Facilitator,
    Server,
    agents,
    create_board,
    import_demo,
    log,
    redis_url,
    split,
    start_server,
    workdir,
)

Json = dict[str, Any]


def pct(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile, None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, int(-(-p * len(ordered) // 100)) - 1))
    return ordered[rank]


def summary(seconds: list[float]) -> Json:
    ms = [s * 1000 for s in seconds]

    def r(v: float | None) -> float | None:
        return None if v is None else round(v, 2)

    top = max(ms, default=None)
    return {"n": len(ms), "p50": r(pct(ms, 50)), "p99": r(pct(ms, 99)), "max": r(top)}


def _settle(clients: int) -> float:
    """Seconds to let the frames of a join storm drain: more clients, more frames."""
    return 0.2 if clients <= 20 else 1.0


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else round(a / b, 2)


@contextlib.contextmanager
def servers(
    wd: Path,
    redis: str | None,
    count: int = 1,
    bare: bool = False,
    profile: str | None = None,
    extra_env: dict[str, str] | None = None,
) -> Iterator[list[Server]]:
    started: list[Server] = []
    try:
        for _ in range(count):
            started.append(start_server(wd, redis, bare=bare, profile=profile, extra_env=extra_env))
        yield started
    finally:
        for server in started:
            server.stop()


async def _board(url: str, dots: int = 20, per_item: int = 20) -> tuple[Json, Facilitator, str]:
    board = create_board(url)
    import_demo(url, board)
    host = Facilitator(url, board)
    await host.__aenter__()
    round_id = await host.open_round(dots=dots, per_item=per_item)
    return board, host, round_id


def _join(
    pool: Agents, indexes: list[int], urls: list[str], code: str | None, concurrency: int
) -> list[Json]:
    """Join `urls` (one client each) round-robin over the agents in `indexes`."""
    shares = split(urls, len(indexes))
    return pool.some(
        "join",
        {
            i: {"urls": s, "code": [code] * len(s), "concurrency": concurrency}
            for i, s in zip(indexes, shares, strict=True)
        },
    )


def _check_joined(results: list[Json]) -> int:
    failed = sum(r["failed"] for r in results)
    if failed:
        raise RuntimeError(f"{failed} clients could not join: {results[0]['errors']}")
    return max((s for r in results for s in r["seqs"]), default=0)


# fanout and workers


def _cpu(pids: list[int]) -> float:
    """CPU seconds (user + system) used so far by these processes and their children.

    Children: a server run under a profiler is the profiler's child.
    """
    total = 0.0
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            process = psutil.Process(pid)
            for one in [process, *process.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    times = one.cpu_times()
                    total += times.user + times.system
    return total


def _fanout_once(
    pool: Agents,
    urls: list[str],
    sender_url: str,
    code: str | None,
    round_id: str,
    args: argparse.Namespace,
    server_pids: list[int],
) -> Json:
    """N receivers on `urls`, one paced sender: send-to-receipt at every receiver."""
    receivers = list(range(len(pool) - 1))
    sender = len(pool) - 1
    last = _check_joined(_join(pool, receivers, urls, code, concurrency=20))
    last = max(last, _check_joined(_join(pool, [sender], [sender_url], code, 1)))
    pool.some("wait_seq", {i: {"target": last} for i in receivers})
    time.sleep(_settle(len(urls)))  # let the join storm's presence frames drain
    pool.some("mark", {i: {} for i in receivers})
    load_pids = [p.pid for p in pool.procs]
    cpu_server, cpu_load, t_start = _cpu(server_pids), _cpu(load_pids), time.time()
    sent = pool.some(
        "send_paced",
        {
            sender: {
                "round_id": round_id,
                "item": "s1",
                "rate": args.rate,
                "duration": args.duration,
            }
        },
        timeout=args.duration * 5 + 60,
    )[0]
    send_at = {seq: t0 for seq, t0, _ in sent["records"]}
    target = max(send_at, default=0)
    behind = sum(
        r["behind"]
        for r in pool.some("wait_seq", {i: {"target": target, "timeout": 30} for i in receivers})
    )
    cpu_server, cpu_load = _cpu(server_pids) - cpu_server, _cpu(load_pids) - cpu_load
    elapsed = time.time() - t_start
    collected = pool.some("collect", {i: {} for i in receivers})
    pool.all("close")
    latencies: list[float] = []
    missing = out_of_order = duplicates = 0
    for result in collected:
        for received in result["received"]:
            seen: set[int] = set()
            highest = 0
            for seq, at in received:
                if seq not in send_at:
                    continue
                if seq in seen:
                    duplicates += 1
                    continue
                if seq < highest:
                    out_of_order += 1
                seen.add(seq)
                highest = max(highest, seq)
                latencies.append(at - send_at[seq])
            missing += len(send_at) - len(seen)
    return {
        **summary(latencies),
        "sent": len(send_at),
        "refused": sent["refused_count"],
        "late_sends": sent["late"],
        "achieved_rate": round(len(send_at) / sent["seconds"], 1) if sent["seconds"] else None,
        "missing": missing,
        "out_of_order": out_of_order,
        "duplicates": duplicates,
        "behind_at_end": behind,
        "ack": summary([t1 - t0 for _, t0, t1 in sent["records"]]),
        # CPU share of the whole window (1.0 = one core busy throughout).
        "cpu_cores": {
            "server": round(cpu_server / elapsed, 2),
            "load": round(cpu_load / elapsed, 2),
        },
    }


def _correct_stream(r: Json) -> bool:
    return (
        r["missing"] == 0
        and r["out_of_order"] == 0
        and r["duplicates"] == 0
        and r["refused"] == 0
        and r["sent"] > 0
    )


async def _fanout_app(
    pool: Agents, wd: Path, redis: str, workers: int, args: argparse.Namespace
) -> Json:
    with servers(wd, redis, workers, profile=args.profile) as running:
        board, host, round_id = await _board(running[0].url)
        try:
            urls = [running[i % workers].url for i in range(args.clients)]
            return await asyncio.to_thread(
                _fanout_once,
                pool,
                urls,
                running[0].url,
                board["join_code"],
                round_id,
                args,
                [s.pid for s in running],
            )
        finally:
            await host.__aexit__()


async def fanout(args: argparse.Namespace) -> Json:
    with workdir() as wd, redis_url(wd) as redis, agents(args.procs + 1) as pool:
        log(f"fanout: bare server, {args.clients} clients")
        with servers(wd, None, bare=True) as (bare_server,):
            urls = [bare_server.url] * args.clients
            bare = await asyncio.to_thread(
                _fanout_once, pool, urls, bare_server.url, None, "r1", args, [bare_server.pid]
            )
        log(f"fanout: changeboard, {args.clients} clients")
        app = await _fanout_app(pool, wd, redis, 1, args)
    return {
        "app": app,
        "bare": bare,
        "p99_ratio": ratio(app["p99"], bare["p99"]),
        "correct": _correct_stream(app) and _correct_stream(bare),
    }


async def workers(args: argparse.Namespace) -> Json:
    if args.cluster:
        from bench.spread import workers_on_a_cluster

        return await workers_on_a_cluster(args)
    with workdir() as wd, redis_url(wd) as redis, agents(args.procs + 1) as pool:
        log(f"workers: 1 worker, {args.clients} clients")
        one = await _fanout_app(pool, wd, redis, 1, args)
        log(f"workers: 2 workers, {args.clients} clients")
        two = await _fanout_app(pool, wd, redis, 2, args)
    return {
        "one_worker": one,
        "two_workers": two,
        "p99_ratio": ratio(two["p99"], one["p99"]),
        "correct": _correct_stream(one) and _correct_stream(two),
    }


# burst


async def burst(args: argparse.Namespace) -> Json:
    dots, per_item, items = args.dots, 2, 10
    with (
        workdir() as wd,
        redis_url(wd) as redis,
        agents(args.procs) as pool,
        servers(wd, redis, profile=args.profile) as (server,),
    ):
        board = create_board(server.url)
        import_demo(server.url, board)
        host = Facilitator(server.url, board)
        await host.__aenter__()
        try:
            round_id = await host.open_round(items=items, dots=dots, per_item=per_item)
            everyone = list(range(len(pool)))
            urls = [server.url] * args.clients
            await asyncio.to_thread(
                lambda: _check_joined(_join(pool, everyone, urls, board["join_code"], 20))
            )
            # Client g puts 2 dots on each of dots/2 items, starting at item 5g.
            plans = [
                [f"s{(g * 5 + k // per_item) % items + 1}" for k in range(dots)]
                for g in range(args.clients)
            ]
            shares = split(plans, len(pool))
            log(f"burst: {args.clients} participants x {dots} dots")
            results = await asyncio.to_thread(
                pool.call,
                "burst",
                [{"rounds": [round_id] * len(s), "items": s} for s in shares],
            )
            # Every phone must see the last vote; only then is the fan-out
            # state (what a join answers with) sure to include it too.
            last = max(a[4] for r in results for a in r["acks"])
            waited = await asyncio.to_thread(pool.all, "wait_seq", target=last)
            collected = await asyncio.to_thread(pool.all, "collect")
            state = await host.state()
        finally:
            await host.__aexit__()
    acks = [a for r in results for a in r["acks"]]
    ok = [a for a in acks if a[2]]
    extras = Counter(e for r in results for e in r["extras"])
    expected = Counter(item for plan in plans for item in plan)
    found = state["rounds"][-1]
    # The visible count per item: `totals` now, `tally` ({item: {group: dots}}) before.
    tally = found.get("totals") or {
        item: sum(groups.values()) for item, groups in found.get("tally", {}).items()
    }
    tally_exact = all(
        tally.get(f"s{i + 1}", 0) == expected.get(f"s{i + 1}", 0) for i in range(items)
    )
    mine = [m for r in collected for m in r["mine"]]
    budgets_exact = (
        all(sum(m.values()) == dots and max(m.values()) <= per_item for m in mine)
        and extras == Counter({"no_dots_left": args.clients})
        and found["dots_cast"] == dots * args.clients
        and found["voters"] == args.clients
    )
    return {
        "votes": len(acks),
        "acknowledged": len(ok),
        "refused": dict(Counter(a[3] for a in acks if not a[2])),
        "over_budget_refused": dict(extras),
        "tally_exact": tally_exact,
        "budgets_exact": budgets_exact,
        "ack": summary([a[1] - a[0] for a in acks]),
        "wall_seconds": round(max(a[1] for a in acks) - min(a[0] for a in acks), 3),
        "behind_at_end": sum(w["behind"] for w in waited),
        "correct": len(ok) == dots * args.clients
        and tally_exact
        and budgets_exact
        and sum(w["behind"] for w in waited) == 0,
    }


# join


def _join_storm(pool: Agents, url: str, code: str, clients: int, pids: list[int]) -> Json:
    everyone = list(range(len(pool)))
    cpu = _cpu(pids)
    results = _join(pool, everyone, [url] * clients, code, 0)
    cpu = _cpu(pids) - cpu
    pool.all("close")
    timings = [t for r in results for t in r["timings"] if t is not None]
    span = max(t1 for _, t1 in timings) - min(t0 for t0, _ in timings) if timings else 0
    return {
        "joined": len(timings),
        "failed": sum(r["failed"] for r in results),
        "errors": [e for r in results for e in r["errors"]][:3],
        "connect_to_state": summary([t1 - t0 for t0, t1 in timings]),
        "wall_seconds": round(span, 3),
        # Server CPU over the storm: near 1.0 means it was busy, not waiting.
        "server_cpu_cores": round(cpu / span, 2) if span else None,
        "server_cpu_ms_per_join": round(cpu * 1000 / len(timings), 2) if timings else None,
    }


async def join(args: argparse.Namespace) -> Json:
    """A room joining at once; then the bare server answering the same bytes, for a yardstick."""
    with (
        workdir() as wd,
        redis_url(wd) as redis,
        agents(args.procs) as pool,
        servers(wd, redis, profile=args.profile) as (server,),
    ):
        board = create_board(server.url)
        statements = import_demo(server.url, board)
        host = Facilitator(server.url, board)
        await host.__aenter__()
        try:
            await host.ok("set_stage", stage="prioritise")
            # One real join's answer, for the bare server to send back as its own.
            sample = await _sample_join(server.url, board["join_code"])
            answer = wd / "join-answer.json"
            answer.write_text(json.dumps(sample))
            log(f"join: bare server, {args.clients} clients at once, the same answer")
            with servers(wd, None, bare=True, extra_env={"BENCH_BARE_JOIN": str(answer)}) as (
                bare_server,
            ):
                bare = await asyncio.to_thread(
                    _join_storm, pool, bare_server.url, "bare", args.clients, [bare_server.pid]
                )
            log(f"join: {args.clients} participants at once, {statements} statements")
            app = await asyncio.to_thread(
                _join_storm, pool, server.url, board["join_code"], args.clients, [server.pid]
            )
            state = await host.state()
        finally:
            await host.__aexit__()
    return {
        "statements": statements,
        "answer_bytes": len(json.dumps(sample)),
        "app": app,
        "bare": bare,
        "p99_ratio": ratio(app["connect_to_state"]["p99"], bare["connect_to_state"]["p99"]),
        "cpu_per_join_ratio": ratio(app["server_cpu_ms_per_join"], bare["server_cpu_ms_per_join"]),
        "correct": app["failed"] == 0
        and bare["failed"] == 0
        and state["participants"]["count"] == args.clients + 1,
    }


async def _sample_join(url: str, code: str) -> Json:
    client = socketio.AsyncClient(reconnection=False, handle_sigint=False)
    await client.connect(url, transports=["websocket"], wait_timeout=30)
    try:
        ack: Json = await client.call("join", {"code": code, "group": "carer"}, timeout=30)
    finally:
        await client.disconnect()
    assert ack["ok"], ack
    return ack


# reconnect


async def reconnect(args: argparse.Namespace) -> Json:
    with (
        workdir() as wd,
        redis_url(wd) as redis,
        agents(args.procs) as pool,
        servers(wd, redis, profile=args.profile) as (server,),
    ):
        board, host, round_id = await _board(server.url)
        try:
            everyone = list(range(len(pool)))
            urls = [server.url] * args.clients
            joined = await asyncio.to_thread(_join, pool, everyone, urls, board["join_code"], 20)
            last = _check_joined(joined)
            await asyncio.to_thread(pool.all, "wait_seq", target=last)
            await asyncio.sleep(_settle(args.clients))
            await asyncio.to_thread(pool.all, "drop")
            await asyncio.sleep(_settle(args.clients))
            # While everyone is away the facilitator records dots for someone without a phone.
            someone = joined[0]["pids"][0]
            for i in range(args.missed):
                kind = "vote" if i % 2 == 0 else "unvote"
                await host.ok(kind, round_id=round_id, item="s2", for_participant=someone)
            target = host.seq
            log(f"reconnect: {args.clients} clients at once, {args.missed} events missed")
            results = await asyncio.to_thread(pool.all, "reconnect", target=target)
            await asyncio.to_thread(pool.all, "close")
        finally:
            await host.__aexit__()
    start = min(r["start"] for r in results)
    caught = [c for r in results for c in r["caught_up"]]
    done = [c for c in caught if c is not None]
    gaps = sum(r["gaps"] for r in results)
    duplicates = sum(r["duplicates"] for r in results)
    failed = sum(r["failed"] for r in results)
    return {
        "missed_events": args.missed,
        "caught_up": len(done),
        "not_caught_up": len(caught) - len(done),
        "all_caught_up_seconds": round(max(done) - start, 3) if len(done) == len(caught) else None,
        "per_client": summary([c - start for c in done]),
        "gaps": gaps,
        "duplicates": duplicates,
        "snapshots": sum(r["snapshots"] for r in results),
        "refused": sum(r["refused"] for r in results),
        "failed": failed,
        "errors": [e for r in results for e in r["errors"]][:3],
        "correct": len(done) == len(caught) == args.clients
        and gaps == 0
        and duplicates == 0
        and failed == 0,
    }


# throughput


async def _closed_loop(
    pool: Agents, server: Server, boards: int, clients: int, duration: float
) -> Json:
    made = [await _board(server.url) for _ in range(boards)]
    try:
        per_board = max(1, clients // boards)
        plan = [(b, k) for b in range(boards) for k in range(per_board)]
        codes = [made[b][0]["join_code"] for b, _ in plan]
        rounds = [made[b][2] for b, _ in plan]
        return await _run_closed_loop(pool, server, codes, rounds, duration, boards)
    finally:
        for _, host, _ in made:
            await host.__aexit__()


async def _run_closed_loop(
    pool: Agents,
    server: Server,
    codes: list[str | None],
    rounds: list[str],
    duration: float,
    boards: int,
) -> Json:
    """One client per code, each voting and unvoting back to back for `duration`."""
    plan = list(range(len(codes)))
    shares = split(plan, len(pool))
    await asyncio.to_thread(
        pool.call,
        "join",
        [
            {"urls": [server.url] * len(s), "code": [codes[i] for i in s], "concurrency": 20}
            for s in shares
        ],
    )
    start_at = time.time() + 1.0
    cpu = _cpu([server.pid])
    results = await asyncio.to_thread(
        pool.call,
        "closed_loop",
        [
            {
                "rounds": [rounds[i] for i in s],
                "items": [f"s{i % 10 + 1}" for i in s],
                "duration": duration,
                "start_at": start_at,
            }
            for s in shares
        ],
        duration * 3 + 120,
    )
    end = max(r["end"] for r in results)
    cpu = _cpu([server.pid]) - cpu
    await asyncio.to_thread(pool.all, "close")
    ok = sum(r["ok"] for r in results)
    refused: Counter[str] = Counter()
    for r in results:
        refused.update(r["codes"])
    return {
        "boards": boards,
        "clients": len(plan),
        "commands": ok,
        "refused": dict(refused),
        "seconds": round(end - start_at, 3),
        "commands_per_second": round(ok / (end - start_at), 1),
        # How busy the one server process was; commands per CPU-second of it is
        # what a worker with a core to itself could sustain.
        "server_cpu_cores": round(cpu / (end - start_at), 2),
        "commands_per_server_cpu_second": round(ok / cpu, 1) if cpu else None,
        "server_cpu_ms_per_command": round(cpu * 1000 / ok, 3) if ok else None,
    }


async def throughput(args: argparse.Namespace) -> Json:
    """Closed loops on one board and on many; the bare server's closed loop as the yardstick.

    The bare server answers each command with a seq and sends one `events`
    frame to every client, as the app does for a board whose clients all vote.
    """
    with workdir() as wd, redis_url(wd) as redis, agents(args.procs) as pool:
        with servers(wd, None, bare=True) as (bare_server,):
            log(f"throughput: bare server, {args.clients} clients, {args.duration} s")
            bare = await _run_closed_loop(
                pool,
                bare_server,
                [None] * args.clients,
                ["r1"] * args.clients,
                args.duration,
                1,
            )
        with servers(wd, redis, profile=args.profile) as (server,):
            log(f"throughput: one board, {args.clients} clients, {args.duration} s")
            one = await _closed_loop(pool, server, 1, args.clients, args.duration)
            log(f"throughput: {args.boards} boards, {args.clients} clients, {args.duration} s")
            many = await _closed_loop(pool, server, args.boards, args.clients, args.duration)
    return {
        "workers": 1,
        "bare": bare,
        "one_board": one,
        "many_boards": many,
        # The app's cost per command over the bare server's: what the app adds.
        "cpu_per_command_ratio": ratio(
            one["server_cpu_ms_per_command"], bare["server_cpu_ms_per_command"]
        ),
        "commands_per_second_ratio": ratio(one["commands_per_second"], bare["commands_per_second"]),
        "correct": not one["refused"]
        and not many["refused"]
        and one["commands"] > 0
        and many["commands"] > 0
        and bare["commands"] > 0,
    }


# memory


def _rss(pid: int) -> int:
    return int(psutil.Process(pid).memory_info().rss)


async def _memory_of(pool: Agents, server: Server, code: str | None, clients: int) -> Json:
    await asyncio.sleep(_settle(clients))
    before = _rss(server.pid)
    everyone = list(range(len(pool)))
    results = await asyncio.to_thread(_join, pool, everyone, [server.url] * clients, code, 20)
    failed = sum(r["failed"] for r in results)
    await asyncio.sleep(2 * _settle(clients))
    after = _rss(server.pid)
    await asyncio.to_thread(pool.all, "close")
    return {
        "connected": clients - failed,
        "rss_before_mb": round(before / 2**20, 1),
        "rss_after_mb": round(after / 2**20, 1),
        "kb_per_client": round((after - before) / 1024 / max(1, clients - failed), 1),
    }


async def memory(args: argparse.Namespace) -> Json:
    with workdir() as wd, redis_url(wd) as redis, agents(args.procs) as pool:
        with servers(wd, redis) as (server,):
            board, host, _ = await _board(server.url)
            try:
                log(f"memory: changeboard, {args.clients} participants")
                app = await _memory_of(pool, server, board["join_code"], args.clients)
            finally:
                await host.__aexit__()
        with servers(wd, None, bare=True) as (bare_server,):
            log(f"memory: bare server, {args.clients} clients")
            bare = await _memory_of(pool, bare_server, None, args.clients)
    return {
        "app": app,
        "bare": bare,
        "correct": app["connected"] == args.clients and bare["connected"] == args.clients,
    }


SCENARIOS = {
    "deal": deal,
    "fanout": fanout,
    "burst": burst,
    "join": join,
    "reconnect": reconnect,
    "throughput": throughput,
    "workers": workers,
    "memory": memory,
}

DEFAULT_CLIENTS = {
    "deal": 40,
    "fanout": 200,
    "burst": 40,
    "join": 200,
    "reconnect": 500,
    "throughput": 20,
    "workers": 200,
    "memory": 500,
}
