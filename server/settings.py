"""Settings, read once from the environment and validated at start."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from server.redis_client import URL_SCHEMES, cluster_url_problem, is_cluster_url


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "changeboard"


class Settings(BaseSettings):
    """Every variable is CHANGEBOARD_<NAME>, except REDIS_URL which is shared with other tools."""

    model_config = SettingsConfigDict(env_prefix="CHANGEBOARD_", extra="ignore", frozen=True)

    redis_url: str | None = Field(
        default=None, validation_alias=AliasChoices("REDIS_URL", "CHANGEBOARD_REDIS_URL")
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    data_dir: Path = Field(default_factory=_default_data_dir)
    # The address people type or scan; by default built from host and port.
    public_url: str | None = None
    snapshot_every: int = Field(default=200, ge=1)
    # Needed to create a board when set; leave empty on a laptop.
    create_password: str = ""
    # Bytes a slow client may have waiting to be sent before it is cut loose.
    max_client_queue_bytes: int = Field(default=4 * 1024 * 1024, ge=64 * 1024)
    retention_days: int = Field(default=90, ge=1, le=3650)
    # Commands one connection may send: on average a second, and in one burst.
    commands_per_second: float = Field(default=20, gt=0)
    command_burst: int = Field(default=40, ge=1)
    # Wrong join codes or links one address may try in a minute.
    failed_joins_per_minute: int = Field(default=20, ge=1)
    # Wrong rejoin codes a board takes in a minute, from every address together.
    failed_rejoins_per_board_per_minute: int = Field(default=60, ge=1)
    # The largest command, in bytes of JSON.
    max_command_bytes: int = Field(default=64 * 1024, ge=1024)
    # Seconds a client has to send a request's headers, and between parts of its body.
    request_timeout: float = Field(default=10, gt=0, le=300)
    # Proxies (addresses or networks, comma-separated; "*" for any) whose
    # X-Forwarded-For names the client. Empty: the connecting address is the
    # client, whatever a request says about itself.
    forwarded_allow_ips: str = ""
    # Seconds the hand of a phone that left is kept for it to come back, before
    # its cards go back to the pile (theming together).
    dealing_grace: float = Field(default=15, ge=0, le=600)

    @field_validator("redis_url")
    @classmethod
    def _redis_scheme(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not value.startswith(URL_SCHEMES):
            raise ValueError("must start with " + ", ".join(URL_SCHEMES))
        problem = cluster_url_problem(value) if is_cluster_url(value) else None
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("public_url")
    @classmethod
    def _public_scheme(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("forwarded_allow_ips")
    @classmethod
    def _proxies(cls, value: str) -> str:
        entries = [entry.strip() for entry in value.split(",") if entry.strip()]
        for entry in entries:
            if entry != "*":
                try:
                    ipaddress.ip_network(entry, strict=False)
                except ValueError:
                    raise ValueError(f"{entry!r} is not an address or a network") from None
        return ",".join(entries)

    @property
    def own_names(self) -> set[str]:
        """The host names this server answers to (besides IP addresses and localhost)."""
        names = {urlsplit(self.base_url).hostname or ""}
        if self.host not in ("0.0.0.0", "::"):
            names.add(self.host)
        return names - {""}

    @property
    def base_url(self) -> str:
        if self.public_url:
            return self.public_url
        host = "localhost" if self.host in ("127.0.0.1", "0.0.0.0", "::") else self.host
        return f"http://{host}:{self.port}"
