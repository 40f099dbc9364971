"""A Streamlit server for the browser benchmarks and tests: a free local port, and the wait
until the server answers its health check."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    """A local TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_healthy(
    url: str,
    proc: subprocess.Popen[bytes],
    *,
    timeout: float = 60.0,
    log_path: Path | None = None,
) -> None:
    """Return once ``url`` answers its health check; RuntimeError if the server exits first
    or stays silent for ``timeout`` seconds (naming ``log_path`` when given)."""
    see = f"; see {log_path}" if log_path is not None else ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}{see}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not become healthy within {timeout:.0f} s{see}")


@contextmanager
def streamlit_app(
    *, cwd: Path, env: Mapping[str, str], log_path: Path, timeout: float = 60.0
) -> Iterator[str]:
    """``streamlit run workbench/ui/app.py`` from ``cwd`` on 127.0.0.1 and a free port, its
    output in ``log_path``; yields the URL once healthy, stops the server afterwards."""
    port = free_port()
    cmd = [
        sys.executable,
        *("-m", "streamlit", "run", "workbench/ui/app.py"),
        *("--server.port", str(port), "--server.address", "127.0.0.1"),
        *("--server.headless", "true", "--browser.gatherUsageStats", "false"),
    ]
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, cwd=cwd, env=dict(env), stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, proc, timeout=timeout, log_path=log_path)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
