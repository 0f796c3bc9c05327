#!/usr/bin/env bash
# The published package works for a user: `npm pack` output installs into a fresh project that uses it from
# CommonJS and ESM and runs a jest test with `a2i-fake/jest` in setupFilesAfterEnv. Needs `npm run build` first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tarball="$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)"
version_of() { node -p "require('$root/node_modules/$1/package.json').version"; }

mkdir -p "$work/app/test"
cd "$work/app"
cat > package.json <<JSON
{ "name": "a2i-fake-pack-smoke", "private": true, "version": "0.0.0",
  "scripts": { "test": "jest" },
  "jest": { "testEnvironment": "node", "setupFilesAfterEnv": ["a2i-fake/jest"] } }
JSON
# Everything comes from the npm cache that `npm ci` just filled.
npm install --no-audit --no-fund --prefer-offline --loglevel=error \
  "$work/$tarball" \
  "@aws-sdk/client-sagemaker@$(version_of @aws-sdk/client-sagemaker)" \
  "@aws-sdk/client-sagemaker-a2i-runtime@$(version_of @aws-sdk/client-sagemaker-a2i-runtime)" \
  "@aws-sdk/client-s3@$(version_of @aws-sdk/client-s3)" \
  "jest@$(version_of jest)"

cat > test/loop.test.js <<'JS'
const { a2i } = require("a2i-fake/jest");
const { SageMakerA2IRuntimeClient, StartHumanLoopCommand, DescribeHumanLoopCommand } = require("@aws-sdk/client-sagemaker-a2i-runtime");

test("the packed package drives a human loop from CommonJS with a2i-fake/jest", async () => {
  const runtime = new SageMakerA2IRuntimeClient({});
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "packed" });
  await runtime.send(new StartHumanLoopCommand({ HumanLoopName: "l1", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }));
  a2i.workforce.submit("l1", { ok: true });
  const loop = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "l1" }));
  expect(loop.HumanLoopStatus).toBe("Completed");
  expect(a2i).toHaveWrittenHumanLoopOutput("l1");
});
JS

cat > esm-check.mjs <<'JS'
import { A2IFake } from "a2i-fake";
import { SageMakerClient, DescribeFlowDefinitionCommand } from "@aws-sdk/client-sagemaker";
const a2i = new A2IFake().install();
try {
  a2i.seedFlowDefinition({ name: "esm" });
  const fd = await new SageMakerClient({}).send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "esm" }));
  if (fd.FlowDefinitionStatus !== "Active") throw new Error(`ESM: unexpected status ${fd.FlowDefinitionStatus}`);
  console.log("ESM import of a2i-fake: ok");
} finally {
  a2i.uninstall();
}
JS

cat > cjs-check.cjs <<'JS'
const { A2IFake } = require("a2i-fake");
const { SageMakerClient, DescribeFlowDefinitionCommand } = require("@aws-sdk/client-sagemaker");
const a2i = new A2IFake().install();
a2i.seedFlowDefinition({ name: "cjs" });
new SageMakerClient({}).send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "cjs" })).then((fd) => {
  a2i.uninstall();
  if (fd.FlowDefinitionStatus !== "Active") throw new Error(`CJS: unexpected status ${fd.FlowDefinitionStatus}`);
  console.log("CommonJS require of a2i-fake: ok");
});
JS

env -u AWS_REGION -u AWS_PROFILE AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true node esm-check.mjs
env -u AWS_REGION -u AWS_PROFILE AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true node cjs-check.cjs
env -u AWS_REGION -u AWS_PROFILE AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true npx jest --ci
# Run from a folder where the SDK clients cannot be resolved (a monorepo's root, say): install() finds them from
# a2i-fake's own folder, in both builds (the ES module bundle knows it through import.meta.url).
(cd "$work" && env -u AWS_REGION -u AWS_PROFILE AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true node app/esm-check.mjs)
(cd "$work" && env -u AWS_REGION -u AWS_PROFILE AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true node app/cjs-check.cjs)
# The `a2i-fake` command (server mode) from the packed install.
npx --no-install a2i-fake --help | grep -q "serve"
echo "npx a2i-fake --help from the packed package: ok"
