"""`python -m bench SCENARIO [options]`: run one scenario, print one JSON line."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sys
import time
import traceback

from bench.scenarios import DEFAULT_CLIENTS, SCENARIOS


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--clients", type=int, help="participants (default depends on scenario)")
    parser.add_argument("--rate", type=float, default=20.0, help="fanout: commands per second")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of load")
    parser.add_argument("--procs", type=int, default=2, help="load processes (plus a sender)")
    parser.add_argument("--dots", type=int, default=10, help="burst: dots per participant")
    parser.add_argument("--boards", type=int, default=20, help="throughput: boards to spread over")
    parser.add_argument("--missed", type=int, default=20, help="reconnect: events while away")
    parser.add_argument(
        "--cluster",
        action="store_true",
        help="workers: 1, 2 and 4 workers on one Redis and on a local 3-shard cluster",
    )
    parser.add_argument(
        "--cluster-port",
        type=int,
        default=7000,
        help="workers --cluster: the first of the cluster's six ports",
    )
    parser.add_argument(
        "--worker-counts", default="1,2,4", help="workers --cluster: how many workers, in turn"
    )
    parser.add_argument(
        "--think", default="2-6", help="deal: MIN-MAX seconds a phone takes to place a card"
    )
    parser.add_argument(
        "--grace",
        type=float,
        default=15.0,
        help="deal: seconds a phone that left keeps its hand (CHANGEBOARD_DEALING_GRACE)",
    )
    parser.add_argument("--hand", type=int, default=3, help="deal: cards a phone holds")
    parser.add_argument(
        "--leavers", type=int, default=None, help="deal: phones that leave holding cards (a tenth)"
    )
    parser.add_argument(
        "--profile",
        default=None,
        help='wrap the app server, e.g. "py-spy record -o prof.svg --"',
    )
    args = parser.parse_args(argv)
    if args.clients is None:
        args.clients = DEFAULT_CLIENTS[args.scenario]
    for name in ("clients", "procs", "boards"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    if args.rate <= 0 or args.duration <= 0:
        parser.error("--rate and --duration must be positive")
    try:
        args.worker_counts = [int(n) for n in args.worker_counts.split(",")]
    except ValueError:
        parser.error("--worker-counts: numbers, comma-separated")
    if args.dots < 2 or args.dots % 2:
        parser.error("--dots must be an even number from 2 to 20")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    started = time.time()
    load_before = os.getloadavg()[0]
    try:
        result = asyncio.run(SCENARIOS[args.scenario](args))
    except Exception as exc:  # still one JSON line, saying what went wrong
        traceback.print_exc()
        result = {"error": f"{type(exc).__name__}: {exc}"[:2000], "correct": False}
    line = {
        "scenario": args.scenario,
        "clients": args.clients,
        "procs": args.procs,
        **(
            {"rate": args.rate, "duration": args.duration}
            if args.scenario in ("fanout", "workers", "throughput")
            else {}
        ),
        **result,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            # Other work on the machine skews every figure: the 1-minute load average.
            "loadavg_before": round(load_before, 2),
            "loadavg_after": round(os.getloadavg()[0], 2),
        },
        "run_seconds": round(time.time() - started, 1),
    }
    print(json.dumps(line), flush=True)
    return 0 if result.get("correct") else 1


if __name__ == "__main__":
    sys.exit(main())
