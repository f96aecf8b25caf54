"""`workers --cluster`: many workers on one Redis and on a Redis Cluster, side by side.

1, 2 and 4 workers (`--worker-counts`), each on a single Redis and on a
local 3-shard cluster (tests/cluster.py, from `--cluster-port`), each with
many boards (`--boards`, receivers spread evenly) and with one big board
holding every receiver. `--boards` senders (one per board, or all on the one
board) send paced votes at `--rate` each.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import time
from pathlib import Path

from bench.infra import Agents, Facilitator, Server, agents, log, redis_url, split, workdir
from bench.scenarios import (
    Json,
    _board,
    _check_joined,
    _correct_stream,
    _cpu,
    _settle,
    ratio,
    servers,
    summary,
)


async def workers_on_a_cluster(args: argparse.Namespace) -> Json:
    """1, 2 and 4 workers on one Redis and on a 3-shard cluster, many boards and one big one.

    Receivers spread round-robin over the workers; `--boards` senders (one per
    board, or all on the one big board) each send paced votes at `--rate`.
    Everything runs side by side in one invocation, so the ratios compare
    like with like on whatever else the machine is doing.
    """
    from tests.cluster import LocalCluster

    runs: list[Json] = []
    with workdir() as wd, redis_url(wd) as single, agents(args.procs + 1) as pool:
        # A fixed folder per port: a run killed midway leaves nodes the next one stops.
        cluster = LocalCluster(
            Path(f"/tmp/changeboard-bench-cluster-{args.cluster_port}"), args.cluster_port
        )
        log(f"workers: starting a 3-shard cluster on ports {cluster.ports[0]}-{cluster.ports[-1]}")
        clustered = await asyncio.to_thread(cluster.start)
        try:
            for n in args.worker_counts:
                for redis_name, redis in (("single", single), ("cluster", clustered)):
                    for layout, boards in (("boards", args.boards), ("one_board", 1)):
                        log(f"workers: {n} on {redis_name}, {layout}, {args.clients} clients")
                        try:
                            run = await _spread(pool, wd, redis, n, boards, args)
                        except Exception as exc:  # one configuration failing says so, alone
                            log(f"workers: {n} on {redis_name}, {layout} failed: {exc}"[:400])
                            await asyncio.to_thread(pool.all, "close")
                            run = {"error": f"{type(exc).__name__}: {exc}"[:400]}
                        runs.append({"redis": redis_name, "workers": n, "layout": layout, **run})
        finally:
            await asyncio.to_thread(cluster.stop)
            shutil.rmtree(cluster.folder, ignore_errors=True)
    by = {(r["redis"], r["workers"], r["layout"]): r for r in runs}
    return {
        "runs": runs,
        # Cluster over single Redis, same workers and layout: p99 and commands/s.
        "cluster_vs_single": [
            {
                "workers": n,
                "layout": layout,
                "p99_ratio": ratio(
                    by[("cluster", n, layout)].get("p99"), by[("single", n, layout)].get("p99")
                ),
                "commands_ratio": ratio(
                    by[("cluster", n, layout)].get("commands_per_second"),
                    by[("single", n, layout)].get("commands_per_second"),
                ),
            }
            for n in args.worker_counts
            for layout in ("boards", "one_board")
        ],
        "correct": all("error" not in r and _correct_stream(r) for r in runs),
    }


async def _spread(
    pool: Agents, wd: Path, redis: str, count: int, boards: int, args: argparse.Namespace
) -> Json:
    load_before = os.getloadavg()[0]
    with servers(wd, redis, count) as running:
        made = [await _board(running[b % count].url) for b in range(boards)]
        try:
            plan = [i % boards for i in range(args.clients)]  # each receiver's board
            senders = [b % boards for b in range(args.boards)]  # each sender's board
            result = await asyncio.to_thread(_spread_once, pool, running, made, plan, senders, args)
        finally:
            for _, host, _ in made:
                await host.__aexit__()
    return {**result, "loadavg": [round(load_before, 2), round(os.getloadavg()[0], 2)]}


def _spread_once(
    pool: Agents,
    running: list[Server],
    made: list[tuple[Json, Facilitator, str]],
    plan: list[int],
    senders: list[int],
    args: argparse.Namespace,
) -> Json:
    receivers = list(range(len(pool) - 1))
    sender = len(pool) - 1
    urls = [running[i % len(running)].url for i in range(len(plan))]
    shares = split(list(range(len(plan))), len(receivers))
    joined = pool.some(
        "join",
        {
            a: {
                "urls": [urls[i] for i in share],
                "code": [made[plan[i]][0]["join_code"] for i in share],
                "concurrency": 20,
            }
            for a, share in zip(receivers, shares, strict=True)
        },
    )
    _check_joined(joined)
    _check_joined(
        pool.some(
            "join",
            {
                sender: {
                    "urls": [running[n % len(running)].url for n in range(len(senders))],
                    "code": [made[b][0]["join_code"] for b in senders],
                    "concurrency": 20,
                }
            },
        )
    )
    time.sleep(_settle(len(plan)) * 2)  # the join storm's presence frames drain
    pool.some("mark", {a: {} for a in receivers})
    server_pids = [s.pid for s in running]
    cpu, t_start = _cpu(server_pids), time.time()
    start_at = time.time() + 0.5
    sent = pool.some(
        "send_paced_all",
        {
            sender: {
                "rounds": [made[b][2] for b in senders],
                "rate": args.rate,
                "duration": args.duration,
                "start_at": start_at,
            }
        },
        timeout=args.duration * 5 + 120,
    )[0]
    send_at: dict[tuple[int, int], float] = {}
    acks: list[float] = []
    refused = late = 0
    for board, result in zip(senders, sent["senders"], strict=True):
        refused += result["refused_count"]
        late += result["late"]
        for seq, t0, t1 in result["records"]:
            send_at[(board, seq)] = t0
            acks.append(t1 - t0)
    last = {b: max((s for (bb, s) in send_at if bb == b), default=0) for b in set(senders)}
    behind = sum(
        r["behind"]
        for r in pool.some(
            "wait_seq",
            {
                a: {"targets": [last.get(plan[i], 0) for i in share], "timeout": 30}
                for a, share in zip(receivers, shares, strict=True)
            },
        )
    )
    elapsed = time.time() - t_start
    cpu = _cpu(server_pids) - cpu
    collected = pool.some("collect", {a: {} for a in receivers})
    pool.all("close")
    latencies: list[float] = []
    missing = out_of_order = duplicates = 0
    for share, result in zip(shares, collected, strict=True):
        for i, received in zip(share, result["received"], strict=True):
            board, seen, highest = plan[i], set(), 0
            for seq, at in received:
                if (board, seq) not in send_at:
                    continue
                if seq in seen:
                    duplicates += 1
                    continue
                out_of_order += seq < highest
                seen.add(seq)
                highest = max(highest, seq)
                latencies.append(at - send_at[(board, seq)])
            missing += sum(1 for (b, _) in send_at if b == board) - len(seen)
    seconds = max(r["seconds"] for r in sent["senders"])
    return {
        "boards": len(made),
        "receivers": len(plan),
        "senders": len(senders),
        **summary(latencies),
        "sent": len(send_at),
        "refused": refused,
        "late_sends": late,
        "commands_per_second": round(len(send_at) / seconds, 1) if seconds else None,
        "deliveries_per_second": round(len(latencies) / seconds, 1) if seconds else None,
        "ack": summary(acks),
        "missing": missing,
        "out_of_order": out_of_order,
        "duplicates": duplicates,
        "behind_at_end": behind,
        "server_cpu_cores": round(cpu / elapsed, 2),
    }
