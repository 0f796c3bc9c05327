"""pytest fixtures for the boto3 conformance tests: one `a2i-fake serve` per test session, boto3 clients
pointed at it, and the control endpoints (docs/server.md). The server is stopped with SIGINT (Ctrl-C) at the
end and must exit 0.

The CLI defaults to this repository's build (dist/cjs/cli.js); A2I_FAKE_CLI overrides it.
"""
import json
import os
import pathlib
import signal
import subprocess
import urllib.request

import boto3
import pytest
from botocore.config import Config

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("A2I_FAKE_CLI", str(ROOT / "dist" / "cjs" / "cli.js"))

# No profile, config file or instance metadata: only the fake credentials given to each client.
for name in [n for n in os.environ if n.startswith("AWS_")]:
    del os.environ[name]
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"


@pytest.fixture(scope="session")
def server_url():
    proc = subprocess.Popen(
        ["node", CLI, "serve", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    first = proc.stdout.readline().strip()  # "a2i-fake listening on http://127.0.0.1:<port>"
    assert first.startswith("a2i-fake listening on http://"), first
    yield first.rsplit(" ", 1)[1]
    proc.send_signal(signal.SIGINT)
    rest = proc.stdout.read()
    assert proc.wait(timeout=10) == 0, rest
    assert "SIGINT, shutting down" in rest


def control(url, method, path, body=None):
    """Call a control endpoint; its JSON answer."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        f"{url}/_a2i{path}", data=data, method=method, headers={"content-type": "application/json"}
    )
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"{}")


@pytest.fixture(autouse=True)
def reset(server_url):
    yield
    control(server_url, "POST", "/reset")


@pytest.fixture
def clients(server_url):
    """Make the SageMaker, A2I runtime and S3 clients of one tenant (access key) in one Region."""

    def make(access_key="AKIDCONFORMANCEPY", region="us-east-1"):
        session = boto3.session.Session(
            aws_access_key_id=access_key, aws_secret_access_key="not-checked", region_name=region
        )
        config = Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"})
        return (
            session.client("sagemaker", endpoint_url=server_url, config=config),
            session.client("sagemaker-a2i-runtime", endpoint_url=server_url, config=config),
            session.client("s3", endpoint_url=server_url, config=config),
        )

    return make
