"""A throwaway PostgreSQL server for tests and the load script: initdb + pg_ctl in a temp dir.

Debian's ``postgresql`` package puts the server in ``/usr/lib/postgresql/N/bin`` (not on
PATH); ``pg_config --bindir`` and PATH are tried too. initdb refuses to run as root, so
as root the data folder is given to the unprivileged user ``nobody`` and the server runs
as that user (``runuser``); as any other user it runs as that user. The server listens
on a free loopback port, its unix socket in the temp dir, with trust authentication for
the user ``workbench`` (nothing else can reach it) and fsync off (it is thrown away).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

#: The unprivileged user the server runs as when the tests run as root.
SERVER_USER = "nobody"
USER = "workbench"


class ServerError(RuntimeError):
    """The throwaway server cannot be started (no binaries, initdb or pg_ctl failed)."""


def bin_dir() -> Path:
    """The folder holding initdb and pg_ctl (``WORKBENCH_PG_BINDIR`` when set); ServerError
    when there is none."""
    override = os.environ.get("WORKBENCH_PG_BINDIR")
    if override:
        if (Path(override) / "initdb").exists():
            return Path(override)
        raise ServerError(f"WORKBENCH_PG_BINDIR={override} holds no initdb")
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version_key)
    if found:
        return Path(found[-1]).parent
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        if out.returncode == 0 and (Path(out.stdout.strip()) / "initdb").exists():
            return Path(out.stdout.strip())
    if shutil.which("initdb"):
        return Path(shutil.which("initdb")).parent
    raise ServerError("no PostgreSQL server binaries (install Debian's 'postgresql' package)")


def _version_key(path: str) -> int:
    part = Path(path).parent.parent.name
    return int(part) if part.isdigit() else 0


def free_port() -> int:
    """A TCP port on loopback nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Server:
    """A running throwaway server: its folder, port and the URL of its ``postgres`` db."""

    folder: Path
    port: int
    bindir: Path

    @property
    def url(self) -> str:
        """The libpq URL of the server's ``postgres`` database."""
        return self.url_of("postgres")

    def url_of(self, database: str) -> str:
        """The libpq URL of ``database`` on this server."""
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"


def _run(command: list[str], *, as_root: bool) -> None:
    if as_root:
        command = ["runuser", "-u", SERVER_USER, "--", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise ServerError(f"{' '.join(command)} failed: {done.stderr.strip() or done.stdout}")


def start() -> Server:
    """Initialise and start a server in a new temp dir; ServerError when it cannot."""
    bindir = bin_dir()
    as_root = os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="workbench-pg-"))
    if as_root:
        shutil.chown(folder, user=SERVER_USER)
    data, port = folder / "data", free_port()
    options = (
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c full_page_writes=off -c max_connections=200"
    )
    try:
        _run(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                USER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
            as_root=as_root,
        )
        _run(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            ],
            as_root=as_root,
        )
    except (ServerError, OSError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise ServerError(str(exc)) from exc
    return Server(folder=folder, port=port, bindir=bindir)


def stop(server: Server) -> None:
    """Stop the server at once and remove its folder."""
    command = [
        str(server.bindir / "pg_ctl"),
        "-D",
        str(server.folder / "data"),
        "-m",
        "immediate",
        "stop",
    ]
    if os.geteuid() == 0:
        command = ["runuser", "-u", SERVER_USER, "--", *command]
    subprocess.run(command, capture_output=True, timeout=60)
    time.sleep(0.1)
    shutil.rmtree(server.folder, ignore_errors=True)
