// Proof that the OLDEST SDK clients the package's peer ranges allow work (issue 9 item 2): packs this tree,
// installs the tarball with the lowest published version of each client peer range from the npm registry into a
// temporary project, and runs real calls through them (CommonJS and ESM): seed, StartHumanLoop, a worker's
// answer, DescribeHumanLoop, GetObject of output.json through S3Client, with no AWS configuration at all.
// Usage: npm run build && node scripts/oldest-sdk.mjs   (KEEP=1 keeps the temporary project)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(import.meta.dirname ?? fileURLToPath(new globalThis.URL(".", import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
const CLIENTS = ["@aws-sdk/client-s3", "@aws-sdk/client-sagemaker", "@aws-sdk/client-sagemaker-a2i-runtime"];
const npm = (args, cwd) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

/** The lowest published version a `^x.y.z` range allows. */
function oldest(name) {
  const range = pkg.peerDependencies[name];
  const floor = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  if (!floor) throw new Error(`[a2i-fake] ${name}: peer range '${range}' is not ^x.y.z; teach this script its floor.`);
  const versions = JSON.parse(npm(["view", name, "versions", "--json"]));
  const ok = versions.filter((v) => {
    const [maj, min, pat] = v.split(".").map(Number);
    return maj === Number(floor[1]) && (min > Number(floor[2]) || (min === Number(floor[2]) && pat >= Number(floor[3])));
  });
  if (ok.length === 0) throw new Error(`[a2i-fake] no published ${name} satisfies ${range}`);
  return ok[0];
}

const dir = mkdtempSync(join(tmpdir(), "a2i-fake-oldest-sdk-"));
try {
  const tarball = npm(["pack", "--silent", "--pack-destination", dir], repo).trim().split("\n").pop();
  const wanted = CLIENTS.map((c) => `${c}@${oldest(c)}`);
  console.log(`[a2i-fake] oldest declared clients: ${wanted.join(", ")}`);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "oldest-sdk-check", private: true }));
  npm(["install", "--no-audit", "--no-fund", "--loglevel=error", join(dir, tarball), ...wanted], dir);
  const body = (load) => `${load}
for (const k of Object.keys(process.env)) if (k.startsWith("AWS_")) delete process.env[k];
process.env.AWS_CONFIG_FILE = "/nonexistent/config";
process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/credentials";
const a2i = new A2IFake().install();
try {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "oldest" });
  const fd = await new SageMakerClient({}).send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "oldest" }));
  if (fd.FlowDefinitionStatus !== "Active") throw new Error("DescribeFlowDefinition: " + fd.FlowDefinitionStatus);
  const runtime = new SageMakerA2IRuntimeClient({});
  await runtime.send(new StartHumanLoopCommand({ HumanLoopName: "l1", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: '{"a":1}' } }));
  a2i.workforce.submit("l1", { approved: true });
  const loop = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "l1" }));
  if (loop.HumanLoopStatus !== "Completed") throw new Error("DescribeHumanLoop: " + loop.HumanLoopStatus);
  const [, Bucket, Key] = /^s3:\\/\\/([^/]+)\\/(.+)$/.exec(loop.HumanLoopOutput.OutputS3Uri);
  const object = await new S3Client({}).send(new GetObjectCommand({ Bucket, Key }));
  const doc = JSON.parse(await object.Body.transformToString());
  if (doc.humanAnswers[0].answerContent.approved !== true) throw new Error("output.json: " + JSON.stringify(doc));
  console.log("ok: DescribeFlowDefinition, StartHumanLoop, DescribeHumanLoop (Completed), GetObject output.json");
} finally {
  a2i.uninstall();
}
`;
  writeFileSync(
    join(dir, "check.cjs"),
    `(async () => {\n${body(`const { A2IFake } = require("a2i-fake");
const { S3Client, GetObjectCommand } = require("@aws-sdk/client-s3");
const { SageMakerClient, DescribeFlowDefinitionCommand } = require("@aws-sdk/client-sagemaker");
const { SageMakerA2IRuntimeClient, StartHumanLoopCommand, DescribeHumanLoopCommand } = require("@aws-sdk/client-sagemaker-a2i-runtime");`)}})().catch((e) => { console.error("FAILED", e.name, e.message); process.exit(1); });\n`,
  );
  writeFileSync(
    join(dir, "check.mjs"),
    body(`import { A2IFake } from "a2i-fake";
import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";
import { SageMakerClient, DescribeFlowDefinitionCommand } from "@aws-sdk/client-sagemaker";
import { SageMakerA2IRuntimeClient, StartHumanLoopCommand, DescribeHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";`),
  );
  for (const file of ["check.cjs", "check.mjs"]) {
    process.stdout.write(`[a2i-fake] ${file}: `);
    execFileSync(process.execPath, [file], { cwd: dir, stdio: "inherit", timeout: 60_000 });
  }
} finally {
  if (process.env.KEEP) console.log(`[a2i-fake] kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
