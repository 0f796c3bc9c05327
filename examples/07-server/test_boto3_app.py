"""Example 7 with boto3 and pytest: `a2i-fake serve` as a session fixture, the app's boto3 clients pointed at
it with endpoint_url, and the control endpoints (docs/server.md) to seed, answer as a worker, move the clock
and reset.

Run: `npx a2i-fake serve` must work (npm install --save-dev a2i-fake @aws-sdk/client-s3), then `pytest`. A2I_FAKE_CMD overrides
the command (this repository's CI uses `node dist/cjs/cli.js`).
"""
import json
import os
import shlex
import signal
import subprocess
import urllib.request

import pytest

from review_app import ReviewService

CREDENTIALS = {"aws_access_key_id": "test", "aws_secret_access_key": "test", "region_name": "us-east-1"}


@pytest.fixture(scope="session")
def a2i_url():
    command = shlex.split(os.environ.get("A2I_FAKE_CMD", "npx a2i-fake")) + ["serve", "--port", "0"]
    # Its own process group, so that Ctrl-C reaches the server through npx as from a terminal.
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, start_new_session=True)
    first_line = server.stdout.readline()  # "a2i-fake listening on http://127.0.0.1:<port>"
    assert "listening on http://" in first_line, first_line
    yield first_line.split()[-1]
    os.killpg(server.pid, signal.SIGINT)  # Ctrl-C: the server closes cleanly
    server.wait(timeout=10)


def a2i(url, path, body=None, method="POST"):
    """A control endpoint of the server."""
    request = urllib.request.Request(
        f"{url}/_a2i{path}",
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"{}")


@pytest.fixture
def service(a2i_url):
    flow = a2i(a2i_url, "/seed/flow-definition", {"name": "item-review"})  # Active at once
    yield ReviewService(flow["flowDefinitionArn"], endpoint_url=a2i_url, **CREDENTIALS)
    a2i(a2i_url, "/reset")


def test_a_reviewers_answer_reaches_the_app(a2i_url, service):
    name = service.request_review("item-42", {"text": "Is this spam?"})
    assert service.collect_answer(name) is None

    a2i(a2i_url, "/workers/submit", {"humanLoopName": name, "answer": {"spam": False}})

    assert service.collect_answer(name) == {"spam": False}


def test_auto_responders_answer_as_the_clock_moves(a2i_url, service):
    a2i(a2i_url, "/workers/auto-respond", {"answer": {"spam": True}, "workMs": 30000})
    name = service.request_review("item-43", {"text": "WIN A PRIZE"})

    a2i(a2i_url, "/clock/advance", {"ms": 29999})
    assert service.collect_answer(name) is None
    a2i(a2i_url, "/clock/advance", {"ms": 1})
    assert service.collect_answer(name) == {"spam": True}


def test_errors_arrive_as_botocore_client_errors(service):
    with pytest.raises(service.runtime.exceptions.ResourceNotFoundException) as excinfo:
        service.collect_answer("never-started")
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
