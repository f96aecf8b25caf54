"""`changeboard serve`: the one command a facilitator runs.

With no REDIS_URL it starts a private Redis in the data directory first (see
server/embedded_redis.py) and hands its URL to every worker through the
environment, then runs uvicorn with the app factory.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.resources
import os
import signal
import sys
from collections.abc import Sequence
from types import FrameType
from typing import TextIO

import segno
import uvicorn
from pydantic import BaseModel, ValidationError

from server.embedded_redis import EmbeddedRedis, EmbeddedRedisError
from server.errors import ServerError
from server.lan import HELP as LAN_HELP
from server.lan import lan_address
from server.settings import Settings

DEMO_TITLE = "COPD workshop (demo)"
DEMO_PURPOSE = "What matters to people living with COPD, and what we will change together."


class DemoBoard(BaseModel):
    board_id: str
    join_code: str
    facilitator_token: str
    wall_token: str


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="changeboard",
        description="A real-time workshop board for Working Together for Change.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser(
        "serve",
        help="run the board server",
        description="Run the board server. Without REDIS_URL it starts a private Redis "
        "that keeps its data in the data directory.",
    )
    serve.add_argument("--demo", action="store_true", help="open (or reuse) a demo board")
    serve.add_argument(
        "--lan",
        action="store_true",
        help="room mode: listen on this computer's wifi address and put it in every link",
    )
    serve.add_argument("--host", help="address to listen on (CHANGEBOARD_HOST)")
    serve.add_argument("--port", type=int, help="port to listen on (CHANGEBOARD_PORT)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve.add_argument("--data-dir", help="where the private Redis keeps its data")
    return parser


def env_name(field: str) -> str:
    """The environment variable a Settings field is read from."""
    if field.isupper():  # already an alias such as REDIS_URL
        return field
    return f"{Settings.model_config.get('env_prefix', '')}{field}".upper()


def settings_errors(error: ValidationError) -> list[str]:
    """One line per bad variable, named as the user set it; values are not echoed."""
    lines = []
    for item in error.errors():
        name = env_name(str(item["loc"][0])) if item["loc"] else "settings"
        message = str(item["msg"]).removeprefix("Value error, ")
        lines.append(f"{name}: {message}")
    return lines


def _export_options(args: argparse.Namespace) -> None:
    # Workers build their own Settings from the environment, so options given
    # on the command line travel to them the same way.
    for option, value in (("host", args.host), ("port", args.port), ("data_dir", args.data_dir)):
        if value is not None:
            os.environ[env_name(option)] = str(value)


NO_LAN = (
    "--lan found no network address on this computer. Join the room's wifi "
    "(or turn on a phone's hotspot and join it), then try again."
)


def _room_mode(address: str, settings: Settings) -> None:
    """Listen on `address`; links name it, unless CHANGEBOARD_PUBLIC_URL says otherwise."""
    os.environ[env_name("host")] = address
    if settings.public_url is None:
        os.environ[env_name("public_url")] = f"http://{address}:{settings.port}"


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def serve(args: argparse.Namespace, out: TextIO) -> int:
    if args.workers < 1:
        print("changeboard: --workers must be 1 or more", file=sys.stderr)
        return 2
    if args.port == 0:
        print(
            "changeboard: --port 0 is not supported; the links must name the port", file=sys.stderr
        )
        return 2
    if args.lan and args.host is not None:
        print(
            "changeboard: --lan finds the address to listen on; leave out --host", file=sys.stderr
        )
        return 2
    _export_options(args)
    try:
        settings = Settings()
    except ValidationError as error:
        for line in settings_errors(error):
            print(line, file=sys.stderr)
        return 2
    if args.lan:
        address = lan_address()
        if address is None:
            print(f"changeboard: {NO_LAN}", file=sys.stderr)
            return 1
        _room_mode(address, settings)
        settings = Settings()

    # uvicorn stops gracefully on SIGTERM, then raises it again; as an interrupt
    # it lets the `finally` below stop Redis instead of killing the process.
    signal.signal(signal.SIGTERM, _raise_interrupt)
    embedded: EmbeddedRedis | None = None
    try:
        if settings.redis_url is None:
            embedded = EmbeddedRedis(settings.data_dir)
            try:
                url = embedded.start()
            except EmbeddedRedisError as error:
                print(f"changeboard: {error}", file=sys.stderr)
                return 1
            os.environ["REDIS_URL"] = url  # every worker shares this one Redis
            settings = Settings()
            print(f"Data is kept in {embedded.redis_dir}", file=out)
        if args.demo:
            try:
                demo = asyncio.run(ensure_demo(settings))
            except ServerError as error:
                cause = f" ({error.__cause__})" if error.__cause__ else ""
                print(f"changeboard: no demo board: {error.message}{cause}", file=sys.stderr)
                return 1
            print_links(settings, demo, out)
        else:
            print(f"changeboard is at {settings.base_url}/", file=out)
        if args.lan:
            print(f"\nRoom mode: listening on {settings.host}, port {settings.port}.", file=out)
            print(LAN_HELP, file=out)
        out.flush()
        uvicorn.run(
            "server.app:app_from_env",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=args.workers,
            ws="auto",
            log_level="info",
        )
    except KeyboardInterrupt:
        pass
    finally:
        if embedded is not None:
            embedded.stop()
    print("changeboard stopped.", file=out)
    return 0


async def ensure_demo(settings: Settings) -> DemoBoard:
    """The demo board of this Redis, made and filled with the COPD statements if none."""
    from server import boards
    from server.hub import Hub
    from server.store import Store

    assert settings.redis_url is not None
    store = await Store.connect(settings.redis_url)
    try:
        saved = await store.demo()
        if saved is not None:
            demo = DemoBoard.model_validate_json(saved)
            if (
                await store.last_seq(demo.board_id) > 0
                and await store.board_for_code(demo.join_code) == demo.board_id
            ):
                return demo

        hub = Hub(store, _NoScreens(), settings.snapshot_every)
        try:
            new = await boards.create_board(hub, settings, DEMO_TITLE, DEMO_PURPOSE)
            csv_text = (
                importlib.resources.files("server")
                .joinpath("demo")
                .joinpath("copd-reviews.csv")
                .read_text(encoding="utf-8")
            )
            await boards.import_statements(hub, new.board_id, csv_text)
        finally:
            await hub.stop()
        demo = DemoBoard(
            board_id=new.board_id,
            join_code=new.join_code,
            facilitator_token=new.facilitator_token,
            wall_token=new.wall_token,
        )
        # Tokens are otherwise only stored hashed. Keeping the demo's in plain
        # JSON lets a restart print the same links; acceptable for a demo board
        # on a local Redis, and the reason real boards never go through here.
        await store.save_demo(demo.model_dump_json())
        return demo
    finally:
        await store.close()


class _NoScreens:
    """The demo is made before any screen is open: nobody to tell."""

    async def changes(self, board_id: str, changes: object) -> None:
        return None

    async def transient(self, board_id: str, message: object) -> None:
        return None

    async def reset(self, board_id: str, state: object) -> None:
        return None


def print_links(settings: Settings, demo: DemoBoard, out: TextIO) -> None:
    from server.boards import links

    found = links(settings, demo.board_id, demo.join_code, demo.facilitator_token, demo.wall_token)
    print(f"\n{DEMO_TITLE}\n", file=out)
    print(f"Facilitator (keep this link to yourself): {found.facilitator}", file=out)
    print(f"Join code: {demo.join_code}", file=out)
    print(f"Join link: {found.join}", file=out)
    print("Scan to join:", file=out)
    out.flush()
    try:
        segno.make(found.join, error="m").terminal(out=out, compact=True)
    except UnicodeEncodeError:  # a terminal that cannot draw block characters
        segno.make(found.join, error="m").terminal(out=out)
    print(f"Wall display (projector): {found.wall}\n", file=out)
    if found.join.startswith("http://localhost:"):
        print(
            "These links work on this computer only. For phones on the same wifi, run\n"
            "changeboard serve --demo --lan (docs/deployment.md).\n",
            file=out,
        )


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "serve":
        return serve(args, sys.stdout)
    return 2  # pragma: no cover - argparse requires a command


if __name__ == "__main__":
    sys.exit(main())
