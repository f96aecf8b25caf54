"""Benchmarks: `python -m bench SCENARIO [options]` prints one JSON line.

Each run starts the real server (uvicorn subprocesses, a real Redis: REDIS_URL
when set, else an embedded one in a temp dir) and real python-socketio clients
spread over several load processes. See docs/benchmarks.md.
"""
