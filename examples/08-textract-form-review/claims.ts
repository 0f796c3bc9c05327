/**
 * Example 8, the app: read an insurance claim form with Textract, and let A2I send it to a reviewer when the flow
 * definition's activation conditions say so (a key is missing or unsure). Production code: it builds its own SDK
 * clients and knows nothing of a2i-fake.
 *
 * - `readClaim` calls AnalyzeDocument with HumanLoopConfig. No loop: the key/values Textract read are final. A loop:
 *   the claim waits for its reviewer. A2I refusing the account (maintenance mode, July 2026): the claim goes to the
 *   manual queue with what Textract read.
 * - `collectReview` reads the reviewer's corrected key/values from output.json (camelCase blocks).
 */
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DescribeHumanLoopCommand, SageMakerA2IRuntimeClient } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { AnalyzeDocumentCommand, InvalidParameterException, TextractClient, type Block } from "@aws-sdk/client-textract";

const textract = new TextractClient({});
const runtime = new SageMakerA2IRuntimeClient({});
const s3 = new S3Client({});

export type ClaimResult =
  | { status: "read"; fields: Record<string, string> }
  | { status: "in-review"; humanLoopName: string }
  | { status: "manual"; fields: Record<string, string>; reason: string };

export async function readClaim(bucket: string, key: string, flowDefinitionArn: string): Promise<ClaimResult> {
  const humanLoopName = `claim-${key.replace(/[^a-z0-9]+/gi, "-").toLowerCase().replace(/^-|-$/g, "")}`;
  const request = { Document: { S3Object: { Bucket: bucket, Name: key } }, FeatureTypes: ["FORMS" as const] };
  try {
    const out = await textract.send(new AnalyzeDocumentCommand({ ...request, HumanLoopConfig: { HumanLoopName: humanLoopName, FlowDefinitionArn: flowDefinitionArn } }));
    if (out.HumanLoopActivationOutput?.HumanLoopArn) return { status: "in-review", humanLoopName };
    return { status: "read", fields: keyValues(out.Blocks ?? [], "Pascal") };
  } catch (err) {
    // A2I no longer accepts new customers: Textract refuses HumanLoopConfig for accounts it does not know.
    if (!(err instanceof InvalidParameterException)) throw err;
    const out = await textract.send(new AnalyzeDocumentCommand(request));
    return { status: "manual", fields: keyValues(out.Blocks ?? [], "Pascal"), reason: err.message };
  }
}

export async function collectReview(humanLoopName: string): Promise<Record<string, string> | undefined> {
  const loop = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: humanLoopName }));
  if (loop.HumanLoopStatus !== "Completed") return undefined;
  const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(loop.HumanLoopOutput!.OutputS3Uri!)!;
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const output = JSON.parse(await object.Body!.transformToString()) as {
    humanAnswers: Array<{ answerContent: Record<string, { blocks: CamelBlock[] }> }>;
  };
  const answer = output.humanAnswers[0]!.answerContent["AWS/Textract/AnalyzeDocument/Forms/V1"]!;
  return keyValues(answer.blocks, "camel");
}

/** output.json carries Textract's blocks in camelCase (blockType, relationships, ids); the API in PascalCase. */
type CamelBlock = { id?: string; blockType?: string; text?: string; entityTypes?: string[]; relationships?: Array<{ type?: string; ids?: string[] }> };

function keyValues(blocks: ReadonlyArray<Block | CamelBlock>, casing: "Pascal" | "camel"): Record<string, string> {
  const norm = blocks.map((b) =>
    casing === "camel"
      ? (b as CamelBlock)
      : {
          id: (b as Block).Id,
          blockType: (b as Block).BlockType,
          text: (b as Block).Text,
          entityTypes: (b as Block).EntityTypes,
          relationships: (b as Block).Relationships?.map((r) => ({ type: r.Type, ids: r.Ids })),
        },
  );
  const byId = new Map(norm.map((b) => [b.id, b]));
  const related = (b: CamelBlock, type: string) => b.relationships?.filter((r) => r.type === type).flatMap((r) => r.ids ?? []) ?? [];
  const text = (b: CamelBlock) => related(b, "CHILD").map((id) => byId.get(id)?.text ?? "").join(" ").trim();
  const fields: Record<string, string> = {};
  for (const block of norm) {
    if (block.blockType !== "KEY_VALUE_SET" || !block.entityTypes?.includes("KEY")) continue;
    const value = related(block, "VALUE").map((id) => byId.get(id)).find((v) => v !== undefined);
    fields[text(block)] = value ? text(value) : "";
  }
  return fields;
}
