#!/usr/bin/env bash
# Example 7 with the AWS CLI: start `a2i-fake serve`, point the CLI at it with --endpoint-url, seed and answer
# through the control endpoints (docs/server.md), stop it with Ctrl-C (SIGINT).
# A2I_FAKE_CMD overrides the server command (default `npx a2i-fake`); needs the AWS CLI and curl.
set -euo pipefail

LOG=$(mktemp)
set -m  # the server in its own process group, so that Ctrl-C reaches it through npx as from a terminal
${A2I_FAKE_CMD:-npx a2i-fake} serve --port 0 >"$LOG" &
SERVER=$!
set +m
trap 'kill -INT -- -"$SERVER" 2>/dev/null || true; rm -f "$LOG"' EXIT
until URL=$(grep -m1 -o 'http://[^ ]*' "$LOG"); do sleep 0.1; done  # first line: "a2i-fake listening on <url>"

# Any credentials do (signatures are not checked); the Region comes from the request's signature scope.
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
a2i() { curl -sf -X POST -H 'content-type: application/json' "$URL/_a2i$1" -d "$2"; }

FLOW_ARN=$(a2i /seed/flow-definition '{"name":"item-review"}' | sed 's/.*"flowDefinitionArn":"\([^"]*\)".*/\1/')
aws --endpoint-url "$URL" sagemaker describe-flow-definition --flow-definition-name item-review \
  --query FlowDefinitionStatus --output text                                        # Active

aws --endpoint-url "$URL" sagemaker-a2i-runtime start-human-loop --human-loop-name review-42 \
  --flow-definition-arn "$FLOW_ARN" --human-loop-input '{"InputContent":"{\"text\":\"Is this spam?\"}"}'

a2i /workers/submit '{"humanLoopName":"review-42","answer":{"spam":false}}' >/dev/null
OUTPUT=$(aws --endpoint-url "$URL" sagemaker-a2i-runtime describe-human-loop --human-loop-name review-42 \
  --query HumanLoopOutput.OutputS3Uri --output text)
aws --endpoint-url "$URL" s3 cp "$OUTPUT" -                                          # output.json

# Errors are the service's: exit code 254 and the AWS error code.
if aws --endpoint-url "$URL" sagemaker-a2i-runtime describe-human-loop --human-loop-name nope 2>/dev/null; then
  echo "expected ResourceNotFoundException" >&2
  exit 1
fi

kill -INT -- -"$SERVER"                                                             # Ctrl-C
wait "$SERVER" || true
echo
echo "example passed"
