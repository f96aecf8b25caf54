"""Each benchmark scenario once, tiny: the harness works and the server is correct.

Never timings: figures on a shared CI machine mean nothing. What is asserted
is what must hold at any size: one JSON line, nothing missing, nothing out of
order, no duplicates, every vote acknowledged, budgets and tallies exact.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TINY = ["--clients", "10", "--duration", "1", "--procs", "1"]


def run(redis_url: str, scenario: str, *extra: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench", scenario, *TINY, *extra],
        cwd=ROOT,
        env={**os.environ, "REDIS_URL": redis_url},
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1, f"stdout:\n{done.stdout}\nstderr:\n{done.stderr[-3000:]}"
    result: dict[str, Any] = json.loads(lines[0])
    assert result["scenario"] == scenario
    shown = json.dumps(result, indent=1)[:6000]
    assert result["correct"], f"{shown}\nstderr:\n{done.stderr[-3000:]}"
    assert done.returncode == 0, done.stderr[-3000:]
    return result


def clean_stream(figures: dict[str, Any]) -> None:
    assert figures["sent"] > 0
    assert figures["n"] == figures["sent"] * 10  # every receiver got every event
    assert figures["missing"] == 0
    assert figures["out_of_order"] == 0
    assert figures["duplicates"] == 0
    assert figures["refused"] == 0


def test_fanout(redis_url: str) -> None:
    result = run(redis_url, "fanout", "--rate", "20")
    clean_stream(result["app"])
    clean_stream(result["bare"])
    assert result["p99_ratio"] is not None


def test_burst(redis_url: str) -> None:
    result = run(redis_url, "burst")
    assert result["acknowledged"] == result["votes"] == 100
    assert result["tally_exact"] and result["budgets_exact"]
    assert result["over_budget_refused"] == {"no_dots_left": 10}


def test_join(redis_url: str) -> None:
    result = run(redis_url, "join")
    assert result["statements"] == 280
    for part in (result["app"], result["bare"]):
        assert part["joined"] == 10 and part["failed"] == 0
    assert result["answer_bytes"] > 10_000  # the bare server sent a real board's answer
    assert result["p99_ratio"] is not None


def test_reconnect(redis_url: str) -> None:
    result = run(redis_url, "reconnect", "--missed", "6")
    assert result["caught_up"] == 10 and result["not_caught_up"] == 0
    assert result["gaps"] == 0 and result["duplicates"] == 0


def test_throughput(redis_url: str) -> None:
    result = run(redis_url, "throughput", "--boards", "5")
    for part in (result["bare"], result["one_board"], result["many_boards"]):
        assert part["commands"] > 0
        assert part["refused"] == {}
    assert result["cpu_per_command_ratio"] is not None


def test_workers(redis_url: str) -> None:
    result = run(redis_url, "workers")
    clean_stream(result["one_worker"])
    clean_stream(result["two_workers"])


@pytest.mark.skipif(
    not os.environ.get("CHANGEBOARD_BENCH_CLUSTER_PORT"),
    reason="set CHANGEBOARD_BENCH_CLUSTER_PORT to six free ports' first for a cluster of its own",
)
def test_workers_on_one_redis_and_on_a_cluster(redis_url: str) -> None:
    port = os.environ["CHANGEBOARD_BENCH_CLUSTER_PORT"]
    result = run(
        redis_url, "workers", "--cluster", "--cluster-port", port, "--worker-counts", "2",
        "--boards", "2", "--rate", "2",
    )  # fmt: skip
    assert [(r["redis"], r["workers"], r["layout"]) for r in result["runs"]] == [
        (redis, workers, layout)
        for workers in (2,)
        for redis in ("single", "cluster")
        for layout in ("boards", "one_board")
    ]
    for part in result["runs"]:
        clean_run(part)


def clean_run(figures: dict[str, Any]) -> None:
    assert figures["sent"] > 0
    # Every receiver got every event of its own board (each board has as many senders).
    per_board = figures["receivers"] // figures["boards"]
    assert figures["n"] == figures["sent"] * per_board
    assert figures["missing"] == figures["out_of_order"] == figures["duplicates"] == 0
    assert figures["refused"] == 0


def test_memory(redis_url: str) -> None:
    result = run(redis_url, "memory")
    assert result["app"]["connected"] == 10
    assert result["bare"]["connected"] == 10


@pytest.mark.parametrize("bad", [["--clients", "0"], ["--dots", "3"]])
def test_bad_options_are_refused(bad: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench", "burst", *bad],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""


def test_deal(redis_url: str) -> None:
    result = run(redis_url, "deal", "--think", "0.02-0.05", "--grace", "0.5")
    assert result["cards"] == 95 and result["all_placed_seconds"] is not None
    assert result["dealt_twice"] == result["placed_twice"] == result["lost"] == 0
    assert result["phones_left"] == 1 and result["wait_in_left_hand"]["n"] == 1
