#!/usr/bin/env bash
# Conformance tests against real clients: the AWS CLI (Debian awscli) and boto3 (Debian python3-boto3, with
# python3-pytest) drive `a2i-fake serve` from this repository's build. `npm run conformance` builds, then runs
# this. AWS_CLI and A2I_FAKE_PYTHON override /usr/bin/aws and /usr/bin/python3.
set -euo pipefail
cd "$(dirname "$0")/../.."

AWS_BIN=${AWS_CLI:-/usr/bin/aws}
PY=${A2I_FAKE_PYTHON:-/usr/bin/python3}
missing=()
[ -x "$AWS_BIN" ] || missing+=(awscli)
"$PY" -c 'import boto3' 2>/dev/null || missing+=(python3-boto3)
"$PY" -c 'import pytest' 2>/dev/null || missing+=(python3-pytest)
if [ ${#missing[@]} -gt 0 ]; then
  echo "conformance: missing ${missing[*]}; install them with: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
[ -f dist/cjs/cli.js ] || { echo "conformance: no dist/cjs/cli.js; run npm run build first" >&2; exit 1; }

echo "== AWS CLI"
AWS_CLI="$AWS_BIN" bash test/conformance/aws-cli.sh
echo "== boto3 (pytest)"
PYTHONDONTWRITEBYTECODE=1 "$PY" -m pytest -q -p no:cacheprovider test/conformance
echo "== examples/07-server (boto3 with pytest, AWS CLI)"
export A2I_FAKE_CMD="node $PWD/dist/cjs/cli.js"
PYTHONDONTWRITEBYTECODE=1 "$PY" -m pytest -q -p no:cacheprovider examples/07-server
if command -v curl >/dev/null 2>&1; then
  PATH="$(dirname "$AWS_BIN"):$PATH" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null bash examples/07-server/aws-cli.sh >/dev/null
  echo "examples/07-server/aws-cli.sh passed"
else
  echo "examples/07-server/aws-cli.sh skipped: it needs curl"
fi
echo "conformance passed"
