/**
 * The model-driven conformance sweep: every constraint (required, length, pattern, range, enum, list and map
 * sizes) of every input member each served operation reaches, a just-valid and a just-invalid value each
 * (test/shapes/sweep-cases.ts generates them from src/services/generated/), sent through the real SDK clients.
 * A just-invalid value must come back as a ValidationException naming that member and constraint in AWS's
 * words; a just-valid one must never be refused for that member.
 */
import * as a2iRuntimeSdk from "@aws-sdk/client-sagemaker-a2i-runtime";
import * as sageMakerSdk from "@aws-sdk/client-sagemaker";
import { A2IFake } from "../../src/index.js";
import { A2I_RUNTIME_MODEL, SAGEMAKER_MODEL, SERVICE_MODELS } from "../../src/services/generated/index.js";
import { inputViolations } from "../../src/services/validate.js";
import { a2iRuntimeService } from "../../src/services/a2i-runtime.js";
import { sageMakerService } from "../../src/services/sagemaker.js";
import type { Service } from "../../src/services/service.js";
import type { ServiceModel } from "../../src/services/shape.js";
import { casesOf, type SweepCase } from "./sweep-cases.js";

interface Target {
  readonly service: Service;
  readonly model: ServiceModel;
  readonly sdk: Record<string, unknown>;
  readonly client: { send(command: unknown): Promise<unknown> };
}

const a2i = new A2IFake();
const TARGETS: Target[] = [
  { service: sageMakerService, model: SAGEMAKER_MODEL, sdk: sageMakerSdk, client: new sageMakerSdk.SageMakerClient({}) },
  {
    service: a2iRuntimeService,
    model: A2I_RUNTIME_MODEL,
    sdk: a2iRuntimeSdk,
    client: new a2iRuntimeSdk.SageMakerA2IRuntimeClient({}),
  },
];

type Outcome = { ok: true } | { ok: false; name: string; message: string; fromService: boolean };

async function send(target: Target, c: SweepCase): Promise<Outcome> {
  const Command = target.sdk[`${c.operation}Command`] as new (input: unknown) => unknown;
  try {
    await target.client.send(new Command(c.input));
    return { ok: true };
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { ok: false, name: e.name, message: e.message, fromService: e.$metadata?.httpStatusCode !== undefined };
  }
}

/** Why a case's outcome is wrong, or undefined when it is right. */
function judge(c: SweepCase, outcome: Outcome): string | undefined {
  if (!outcome.ok && !outcome.fromService) return undefined; // the SDK itself refused to send it (an empty URI label)
  if (c.expect !== undefined) {
    if (outcome.ok) return "accepted";
    // A message at the model's cap (1024) ends inside a long pattern (SourceIpConfig's Cidr): the part that fits must match.
    const at = outcome.message.indexOf(`at '${c.path}'`);
    const capped = outcome.message.length === 1024 && at >= 0 && c.expect.startsWith(outcome.message.slice(at));
    if (outcome.name !== "ValidationException" || !(outcome.message.includes(c.expect) || capped)) return `${outcome.name}: ${outcome.message}`;
    return undefined;
  }
  if (!outcome.ok && outcome.message.includes(`at '${c.path}' failed to satisfy constraint`)) return `${outcome.name}: ${outcome.message}`;
  return undefined;
}

let total = 0;
let validatorTotal = 0;
let sdkRefused = 0;

describe("conformance sweep from the official model", () => {
  beforeAll(() => a2i.install());
  afterAll(() => {
    a2i.uninstall();
    // The count for the issue note (also printed by `npx jest test/shapes --verbose`).
    process.stdout.write(
      `[a2i-fake sweep] ${total} cases through the SDK (${sdkRefused} refused by the SDK before sending); ` +
        `${validatorTotal} cases of every modeled operation against the validator\n`,
    );
  });

  for (const target of TARGETS) {
    const served = Object.keys(target.service.handlers).filter((op) => target.model.operations[op]);
    describe(target.model.sdkId, () => {
      it.each(served)("%s: every boundary of every input member", async (operation) => {
        a2i.reset();
        const cases = casesOf(operation, target.model.operations[operation]!.input);
        expect(cases.length).toBeGreaterThan(0);
        const wrong: string[] = [];
        for (const c of cases) {
          const outcome = await send(target, c);
          if (!outcome.ok && !outcome.fromService) sdkRefused++;
          const why = judge(c, outcome);
          if (why) wrong.push(`${c.title}${c.expect ? " (should be refused)" : " (should be accepted)"}: ${why.slice(0, 400)}`);
        }
        total += cases.length;
        expect(wrong).toEqual([]);
        // CreateWorkforce alone sends more than 100 cases through the real client: more than jest's default 5 s on a busy machine.
      }, 60_000);
    });
  }

  /** Blobs as base64 and timestamps as epoch seconds, as the awsJson1_1 wire carries them to the validator. */
  const wire = (v: unknown): unknown =>
    v instanceof Uint8Array
      ? Buffer.from(v).toString("base64")
      : v instanceof Date
        ? v.getTime() / 1000
        : Array.isArray(v)
          ? v.map(wire)
          : v && typeof v === "object"
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wire(x)]))
            : v;

  // Operations other helpers are adding (workforces, RenderUiTemplate, Textract, Rekognition): the same cases
  // against validateInput's checks directly, so their validation is right before their handlers exist.
  describe.each(Object.values(SERVICE_MODELS).map((m) => [m.sdkId, m] as const))("%s, every modeled operation (validator)", (_id, model) => {
    it.each(Object.keys(model.operations))("%s", (operation) => {
      const wrong: string[] = [];
      const cases = casesOf(operation, model.operations[operation]!.input);
      validatorTotal += cases.length;
      for (const c of cases) {
        const found = inputViolations(model, operation, wire(c.input));
        const hit = found.some((v) => (c.expect ? v.includes(c.expect) : v.includes(`at '${c.path}' failed to satisfy constraint`)));
        if (c.expect ? !hit : hit) wrong.push(`${c.title}: ${found.join("; ").slice(0, 300)}`);
      }
      expect(wrong).toEqual([]);
    });
  });
});
