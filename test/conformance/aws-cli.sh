#!/usr/bin/env bash
# Conformance: the A2I scenario end to end through the AWS CLI (Debian's awscli) against `a2i-fake serve`:
# create a flow definition, wait until Active by advancing the server's manual clock, start loops, describe,
# list with pagination, stop, delete, delete the flow definition; errors asserted by code. Then Ctrl-C
# (SIGINT) must stop the server cleanly (exit 0).
# Needs the build (npm run conformance builds first). AWS_CLI overrides the CLI's path.
set -euo pipefail
cd "$(dirname "$0")/../.."

AWS_BIN=${AWS_CLI:-/usr/bin/aws}
LOG=$(mktemp)
node dist/cjs/cli.js serve --port 0 >"$LOG" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; rm -f "$LOG"' EXIT

URL=""
for _ in $(seq 100); do
  URL=$(grep -o 'http://[^ ]*' "$LOG" | head -n 1 || true)
  [ -n "$URL" ] && break
  sleep 0.05
done
[ -n "$URL" ] || { echo "FAIL: the server printed no URL"; cat "$LOG"; exit 1; }
echo "aws-cli conformance against $URL ($("$AWS_BIN" --version 2>&1))"

# No profile, config or instance metadata: only these fake credentials (signatures are not checked).
export AWS_ACCESS_KEY_ID=AKIDCONFORMANCECLI AWS_SECRET_ACCESS_KEY=not-checked AWS_DEFAULT_REGION=us-east-1
export AWS_PAGER="" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL || true

aws() { "$AWS_BIN" --endpoint-url "$URL" "$@"; }
# A control endpoint (docs/server.md), with node so that no curl is needed.
ctl() {
  node -e 'fetch(process.argv[1] + process.argv[2], { method: process.argv[3], headers: { "content-type": "application/json" }, body: process.argv[4] || undefined })
    .then(async (r) => { const t = await r.text(); if (!r.ok) { console.error(t); process.exit(1); } process.stdout.write(t); })' \
    "$URL/_a2i" "$2" "$1" "${3:-}"
}
fail() { echo "FAIL: $*"; exit 1; }
expect_eq() { [ "$1" == "$2" ] || fail "$3: expected '$2', got '$1'"; }
# expect_error <code> <aws args...>: the command fails, naming the AWS error code.
expect_error() {
  local code=$1 out
  shift
  if out=$(aws "$@" 2>&1); then fail "aws $* succeeded; expected $code"; fi
  grep -q "An error occurred ($code)" <<<"$out" || fail "aws $*: expected $code, got: $out"
  echo "  ok: $code from $1 $2"
}

ACCOUNT=123456789012
TEMPLATE='<script src="https://assets.crowd.aws/crowd-html-elements.js"></script><crowd-form><crowd-input name="label"></crowd-input></crowd-form>'

echo "== work team, task UI, flow definition"
TEAM_ARN=$(aws sagemaker create-workteam --workteam-name cli-reviewers --description "CLI reviewers" \
  --member-definitions '[{"CognitoMemberDefinition":{"UserPool":"us-east-1_AbCdEf123","UserGroup":"reviewers","ClientId":"client1"}}]' \
  --query WorkteamArn --output text)
expect_eq "$TEAM_ARN" "arn:aws:sagemaker:us-east-1:$ACCOUNT:workteam/private-crowd/cli-reviewers" "CreateWorkteam"
UI_TEMPLATE=$(node -e 'process.stdout.write(JSON.stringify({ Content: process.argv[1] }))' "$TEMPLATE")
UI_ARN=$(aws sagemaker create-human-task-ui --human-task-ui-name cli-ui --ui-template "$UI_TEMPLATE" --query HumanTaskUiArn --output text)
FD_ARN=$(aws sagemaker create-flow-definition --flow-definition-name cli-flow \
  --role-arn "arn:aws:iam::$ACCOUNT:role/a2i-role" --output-config S3OutputPath=s3://cli-output/reviews \
  --human-loop-config "{\"WorkteamArn\":\"$TEAM_ARN\",\"HumanTaskUiArn\":\"$UI_ARN\",\"TaskTitle\":\"Label\",\"TaskDescription\":\"Label it\",\"TaskCount\":1}" \
  --query FlowDefinitionArn --output text)
expect_eq "$FD_ARN" "arn:aws:sagemaker:us-east-1:$ACCOUNT:flow-definition/cli-flow" "CreateFlowDefinition"
expect_eq "$(aws sagemaker describe-flow-definition --flow-definition-name cli-flow --query FlowDefinitionStatus --output text)" Initializing "status before the clock moves"
expect_error ValidationException sagemaker-a2i-runtime start-human-loop --human-loop-name too-early --flow-definition-arn "$FD_ARN" --human-loop-input '{"InputContent":"{}"}'
ctl POST /clock/advance '{"ms":2000}' >/dev/null
expect_eq "$(aws sagemaker describe-flow-definition --flow-definition-name cli-flow --query FlowDefinitionStatus --output text)" Active "status after 2000 ms"
expect_error ResourceInUse sagemaker create-flow-definition --flow-definition-name cli-flow \
  --role-arn "arn:aws:iam::$ACCOUNT:role/a2i-role" --output-config S3OutputPath=s3://cli-output/reviews \
  --human-loop-config "{\"WorkteamArn\":\"$TEAM_ARN\",\"HumanTaskUiArn\":\"$UI_ARN\",\"TaskTitle\":\"Label\",\"TaskDescription\":\"Label it\",\"TaskCount\":1}"
expect_error ValidationException sagemaker create-flow-definition --flow-definition-name Not_Valid \
  --role-arn "arn:aws:iam::$ACCOUNT:role/a2i-role" --output-config S3OutputPath=s3://cli-output/reviews \
  --human-loop-config "{\"WorkteamArn\":\"$TEAM_ARN\",\"HumanTaskUiArn\":\"$UI_ARN\",\"TaskTitle\":\"Label\",\"TaskDescription\":\"Label it\",\"TaskCount\":1}"
expect_error ResourceNotFound sagemaker describe-flow-definition --flow-definition-name no-such-flow

echo "== RenderUiTemplate"
ROLE="arn:aws:iam::$ACCOUNT:role/a2i-role"
expect_eq "$(aws sagemaker render-ui-template --human-task-ui-arn "$UI_ARN" --task '{"Input":"{\"item\":1}"}' --role-arn "$ROLE" --query RenderedContent --output text)" "$TEMPLATE" "RenderUiTemplate by HumanTaskUiArn"
expect_eq "$(aws sagemaker render-ui-template --ui-template '{"Content":"<p>{{ task.input.q }}</p>"}' --task '{"Input":"{\"q\":\"A & B\"}"}' --role-arn "$ROLE" --query RenderedContent --output text)" "<p>A &amp; B</p>" "RenderUiTemplate autoescape"
expect_eq "$(aws sagemaker render-ui-template --ui-template '{"Content":"{{ task.input.p | grant_read_access }}"}' --task '{"Input":"{\"p\":\" \"}"}' --role-arn "$ROLE" --query 'Errors[0].[Code,Message]' --output text)" "$(printf 'InvalidParameters\t"grant_read_access" input is not a valid S3 URI: " ".')" "RenderUiTemplate errors"
expect_error ResourceNotFound sagemaker render-ui-template --human-task-ui-arn "arn:aws:sagemaker:us-east-1:$ACCOUNT:human-task-ui/no-such-ui" --task '{"Input":"{}"}' --role-arn "$ROLE"

echo "== human loops"
for i in 1 2 3; do
  ARN=$(aws sagemaker-a2i-runtime start-human-loop --human-loop-name "cli-loop-$i" --flow-definition-arn "$FD_ARN" \
    --human-loop-input "{\"InputContent\":\"{\\\"item\\\":$i}\"}" --query HumanLoopArn --output text)
  expect_eq "$ARN" "arn:aws:sagemaker:us-east-1:$ACCOUNT:human-loop/cli-loop-$i" "StartHumanLoop $i"
  ctl POST /clock/advance '{"ms":1000}' >/dev/null
done
expect_eq "$(aws sagemaker-a2i-runtime describe-human-loop --human-loop-name cli-loop-2 --query HumanLoopStatus --output text)" InProgress "DescribeHumanLoop"
expect_error ConflictException sagemaker-a2i-runtime start-human-loop --human-loop-name cli-loop-1 --flow-definition-arn "$FD_ARN" --human-loop-input '{"InputContent":"{\"item\":\"other\"}"}'

# One page of 2 with a NextToken, then the rest with it; and the CLI's own pagination, one item per page.
PAGE1=$(aws sagemaker-a2i-runtime list-human-loops --flow-definition-arn "$FD_ARN" --max-results 2 --no-paginate \
  --query '[join(`,`, HumanLoopSummaries[].HumanLoopName), NextToken]' --output text)
NAMES1=$(cut -f1 <<<"$PAGE1")
TOKEN=$(cut -f2 <<<"$PAGE1")
expect_eq "$NAMES1" "cli-loop-3,cli-loop-2" "first page (Descending)"
[ -n "$TOKEN" ] && [ "$TOKEN" != "None" ] || fail "first page has no NextToken"
expect_eq "$(aws sagemaker-a2i-runtime list-human-loops --flow-definition-arn "$FD_ARN" --max-results 2 --next-token "$TOKEN" --no-paginate \
  --query 'join(`,`, HumanLoopSummaries[].HumanLoopName)' --output text)" "cli-loop-1" "second page"
ctl DELETE /calls >/dev/null
expect_eq "$(aws sagemaker-a2i-runtime list-human-loops --flow-definition-arn "$FD_ARN" --sort-order Ascending --page-size 1 \
  --query 'HumanLoopSummaries[].HumanLoopName' --output text | tr -s '\t\n' ',,' | sed 's/,$//')" "cli-loop-1,cli-loop-2,cli-loop-3" "CLI pagination, page size 1"
expect_eq "$(ctl GET '/calls?operation=ListHumanLoops' | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () =>
  console.log(JSON.parse(s).map((c) => `${c.input.MaxResults}:${c.input.NextToken ? "token" : "first"}`).join(",")))')" \
  "1:first,1:token,1:token" "ListHumanLoops requests the CLI made"
expect_error ValidationException sagemaker-a2i-runtime list-human-loops --flow-definition-arn "$FD_ARN" --next-token not-a-token --no-paginate

aws sagemaker-a2i-runtime stop-human-loop --human-loop-name cli-loop-1
expect_eq "$(aws sagemaker-a2i-runtime describe-human-loop --human-loop-name cli-loop-1 --query HumanLoopStatus --output text)" Stopped "after StopHumanLoop"
expect_error ValidationException sagemaker-a2i-runtime stop-human-loop --human-loop-name cli-loop-1
expect_error ValidationException sagemaker-a2i-runtime delete-human-loop --human-loop-name cli-loop-2
aws sagemaker-a2i-runtime delete-human-loop --human-loop-name cli-loop-1
expect_error ResourceNotFoundException sagemaker-a2i-runtime describe-human-loop --human-loop-name cli-loop-1

echo "== a worker answers; output.json through S3"
ctl POST /workers/submit '{"humanLoopName":"cli-loop-2","answer":{"label":"dog"}}' >/dev/null
expect_eq "$(aws sagemaker-a2i-runtime describe-human-loop --human-loop-name cli-loop-2 --query HumanLoopStatus --output text)" Completed "after the worker submits"
OUTPUT_URI=$(aws sagemaker-a2i-runtime describe-human-loop --human-loop-name cli-loop-2 --query HumanLoopOutput.OutputS3Uri --output text)
DOC=$(aws s3 cp "$OUTPUT_URI" -)
grep -q '"answerContent":{"label":"dog"}' <<<"$DOC" || fail "output.json: $DOC"
KEY=${OUTPUT_URI#s3://cli-output/}
expect_eq "$(aws s3api list-objects-v2 --bucket cli-output --prefix reviews/ --query 'Contents[].Key' --output text)" "$KEY" "ListObjectsV2"
expect_error NoSuchKey s3api get-object --bucket cli-output --key reviews/none.json /dev/null
expect_error NoSuchBucket s3api list-objects-v2 --bucket not-an-output-bucket

echo "== workforce and work teams"
expect_eq "$(aws sagemaker list-workforces --query 'Workforces[0].[WorkforceName,Status,CognitoConfig.UserPool]' --output text)" "default	Active	us-east-1_AbCdEf123" "the first team's workforce"
PORTAL=$(aws sagemaker describe-workteam --workteam-name cli-reviewers --query Workteam.SubDomain --output text)
expect_eq "$(aws sagemaker describe-workforce --workforce-name default --query Workforce.SubDomain --output text)" "$PORTAL" "one portal"
expect_eq "$(aws sagemaker update-workforce --workforce-name default --source-ip-config Cidrs=10.0.0.0/16 --query Workforce.Status --output text)" Updating "UpdateWorkforce"
ctl POST /clock/advance '{"ms":2000}' >/dev/null
expect_eq "$(aws sagemaker describe-workforce --workforce-name default --query 'Workforce.[Status,SourceIpConfig.Cidrs[0]]' --output text)" "Active	10.0.0.0/16" "workforce after the update"
expect_eq "$(aws sagemaker update-workteam --workteam-name cli-reviewers --description 'Updated by the CLI' --query Workteam.Description --output text)" "Updated by the CLI" "UpdateWorkteam"
expect_error ResourceInUse sagemaker delete-workforce --workforce-name default
expect_error ValidationException sagemaker describe-workforce --workforce-name nobody
expect_error ValidationException sagemaker create-workforce --workforce-name second --cognito-config UserPool=us-east-1_AbCdEf123,ClientId=client1
ctl POST /seed/vendor-workteam '{"name":"cli-vendor","sellerName":"Acme"}' >/dev/null
expect_eq "$(aws sagemaker list-subscribed-workteams --query 'SubscribedWorkteams[0].SellerName' --output text)" Acme "ListSubscribedWorkteams"

echo "== built-in task types: Textract and Rekognition on the same port"
CONDITIONS='{"Conditions":[{"ConditionType":"MissingImportantFormKey","ConditionParameters":{"ImportantFormKey":"Signature:"}}]}'
TX_FD=$(ctl POST /seed/flow-definition "$(node -e 'console.log(JSON.stringify({ name: "cli-forms", requestSource: "AWS/Textract/AnalyzeDocument/Forms/V1", activationConditions: process.argv[1] }))' "$CONDITIONS")" \
  | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).flowDefinitionArn))')
ctl POST /ai-results/analyze-document '{"form":{"Name:":"Jane Doe"}}' >/dev/null
expect_eq "$(aws textract analyze-document --document '{"S3Object":{"Bucket":"claims","Name":"c.png"}}' --feature-types FORMS \
  --human-loop-config "{\"HumanLoopName\":\"cli-doc-1\",\"FlowDefinitionArn\":\"$TX_FD\"}" --query HumanLoopActivationOutput.HumanLoopArn --output text)" \
  "arn:aws:sagemaker:us-east-1:$ACCOUNT:human-loop/cli-doc-1" "AnalyzeDocument starts a loop (Signature: is missing)"
expect_eq "$(aws sagemaker-a2i-runtime describe-human-loop --human-loop-name cli-doc-1 --query HumanLoopStatus --output text)" InProgress "the built-in loop"
expect_error InvalidParameterException textract analyze-document --document '{"S3Object":{"Bucket":"claims","Name":"c.png"}}' --feature-types FORMS \
  --human-loop-config "{\"HumanLoopName\":\"cli-doc-1\",\"FlowDefinitionArn\":\"$TX_FD\"}"
RK_FD=$(ctl POST /seed/flow-definition '{"name":"cli-images","requestSource":"AWS/Rekognition/DetectModerationLabels/Image/V3"}' \
  | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).flowDefinitionArn))')
ctl POST /ai-results/detect-moderation-labels '{"labels":["Weapons"]}' >/dev/null
expect_eq "$(aws rekognition detect-moderation-labels --image '{"S3Object":{"Bucket":"uploads","Name":"i.jpg"}}' \
  --human-loop-config "{\"HumanLoopName\":\"cli-img-1\",\"FlowDefinitionArn\":\"$RK_FD\"}" --query 'ModerationLabels[0].ParentName' --output text)" \
  "Violence" "DetectModerationLabels: parents from the taxonomy"
expect_eq "$(aws sagemaker-a2i-runtime describe-human-loop --human-loop-name cli-img-1 --query HumanLoopStatus --output text)" InProgress "the moderation loop"
expect_error InvalidParameterException rekognition detect-moderation-labels --image '{"S3Object":{"Bucket":"uploads","Name":"i.jpg"}}' \
  --human-loop-config "{\"HumanLoopName\":\"cli-img-2\",\"FlowDefinitionArn\":\"$TX_FD\"}"

echo "== delete the flow definition"
aws sagemaker delete-flow-definition --flow-definition-name cli-flow
expect_error ResourceNotFound sagemaker describe-flow-definition --flow-definition-name cli-flow

echo "== Ctrl-C"
kill -INT "$SERVER"
set +e
wait "$SERVER"
STATUS=$?
set -e
expect_eq "$STATUS" 0 "server exit status after SIGINT"
grep -q "SIGINT, shutting down" "$LOG" || fail "no shutdown line: $(cat "$LOG")"
echo "aws-cli conformance passed"
