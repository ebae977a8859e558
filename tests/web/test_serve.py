"""``newsgraph serve``: options, errors before the server starts, and a real server answering."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import pytest
from click.testing import CliRunner

from newsgraph.cli import main

REPO = Path(__file__).resolve().parents[2]


def test_serve_help_names_its_options():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host" in result.stdout and "127.0.0.1" in result.stdout and "--port" in result.stdout


def test_serve_refuses_a_missing_store_before_listening(tmp_path: Path):
    pytest.importorskip("fastapi")
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "typo.db")])
    assert result.exit_code == 1
    assert "no store at" in result.stderr and not (tmp_path / "typo.db").exists()


def test_a_missing_web_extra_is_explained(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.delitem(sys.modules, "newsgraph.web.app", raising=False)
    monkeypatch.setitem(sys.modules, "fastapi", None)  # import fastapi now raises ImportError
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "pip install 'newsgraph[web]'" in result.stderr


@pytest.mark.model
def test_serve_answers_on_loopback(web_db: str):
    pytest.importorskip("uvicorn")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    server = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "serve", "--db", web_db, "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urlopen(f"http://127.0.0.1:{port}/api/overview", timeout=2) as response:
                    data = json.load(response)
                break
            except (URLError, ConnectionError):
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.2)
        assert data["stats"]["articles"] >= 8
    finally:
        server.terminate()
        server.wait(10)


def test_browser_tests_fail_in_ci_rather_than_skip(monkeypatch: pytest.MonkeyPatch):
    from tests.web.test_browser import _missing

    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="cannot run in CI"):
        _missing("chromium is missing")
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        _missing("chromium is missing")
