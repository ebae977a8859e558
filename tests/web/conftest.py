"""One store for every web test: the samples and the payload articles, ingested once."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from tests.web.payloads import build_store

    return build_store(tmp_path_factory.mktemp("web") / "web.db")


@pytest.fixture(scope="session")
def client(web_db: str):
    pytest.importorskip("fastapi", reason="the web extra is not installed")
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    with TestClient(create_app(web_db)) as test_client:
        yield test_client
