/**
 * Input validation on the A2I runtime: AWS's Coral message format
 * ("1 validation error detected: Value 'x' at 'member' failed to satisfy constraint: Member must ..."),
 * camelCase member paths, ValidationException with $fault "client" and HTTP 400 (spec §1.2, §3.1).
 */
import {
  DeleteHumanLoopCommand,
  DescribeHumanLoopCommand,
  SageMakerA2IRuntimeClient,
  SageMakerA2IRuntimeServiceException,
  StartHumanLoopCommand,
  StopHumanLoopCommand,
  ValidationException,
  type StartHumanLoopCommandInput,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { installFake, rejectionOf, startLoop, useJestFakeTimers } from "./helpers.js";

const PATTERN = "^[a-z0-9](-*[a-z0-9])*$";
const patternError = (v: string) =>
  `Value '${v}' at 'humanLoopName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${PATTERN}`;
const tooLongError = (v: string) =>
  `Value '${v}' at 'humanLoopName' failed to satisfy constraint: Member must have length less than or equal to 63`;

describe("A2I runtime input validation", () => {
  const a2i = installFake();
  useJestFakeTimers();
  const runtime = new SageMakerA2IRuntimeClient({});
  let flowDefinitionArn: string;
  beforeEach(() => {
    flowDefinitionArn = a2i.seedFlowDefinition({ name: "fd" }).flowDefinitionArn;
  });

  const operations: Array<[string, (name: string) => Promise<unknown>]> = [
    ["StartHumanLoop", (name) => startLoop(runtime, name, flowDefinitionArn)],
    ["DescribeHumanLoop", (name) => runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: name }))],
    ["StopHumanLoop", (name) => runtime.send(new StopHumanLoopCommand({ HumanLoopName: name }))],
    ["DeleteHumanLoop", (name) => runtime.send(new DeleteHumanLoopCommand({ HumanLoopName: name }))],
  ];

  describe.each(operations)("%s HumanLoopName", (_op, call) => {
    it.each(["Upper-Case", "under_score", "-leading-hyphen", "trailing-hyphen-", "dots.in.name"])(
      "%j breaks the pattern",
      async (name) => {
        const err = await rejectionOf(call(name));
        expect(err).toBeInstanceOf(ValidationException);
        expect(err).toBeInstanceOf(SageMakerA2IRuntimeServiceException);
        expect(err.name).toBe("ValidationException");
        expect(err.$fault).toBe("client");
        expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
        expect(err.message).toBe(`1 validation error detected: ${patternError(name)}`);
      },
    );

    it("64 characters is one too many; 63 is fine", async () => {
      const long = "a".repeat(64);
      const err = await rejectionOf(call(long));
      expect(err).toBeInstanceOf(ValidationException);
      expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
      expect(err.message).toBe(`1 validation error detected: ${tooLongError(long)}`);
      // 63 characters passes validation (the loop simply may not exist)
      const ok = await rejectionOf(call("a".repeat(63)).then(() => Promise.reject(new Error("resolved"))));
      expect(ok).not.toBeInstanceOf(ValidationException);
    });

    it("too long AND off-pattern: both failures are counted and listed", async () => {
      const bad = "X".repeat(64);
      const err = await rejectionOf(call(bad));
      expect(err).toBeInstanceOf(ValidationException);
      expect(err.message).toMatch(/^2 validation errors detected: /);
      expect(err.message).toContain(tooLongError(bad));
      expect(err.message).toContain(patternError(bad));
    });

    it("multi-hyphen names such as a--b-1 are valid", async () => {
      const err = await rejectionOf(call("a--b-1").then(() => Promise.reject(new Error("resolved"))));
      expect(err).not.toBeInstanceOf(ValidationException);
    });
  });

  it("StartHumanLoop with an empty name: length and pattern failures", async () => {
    const err = await rejectionOf(startLoop(runtime, "", flowDefinitionArn));
    expect(err).toBeInstanceOf(ValidationException);
    expect(err.message).toMatch(/^2 validation errors detected: /);
    expect(err.message).toContain(
      "Value '' at 'humanLoopName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(err.message).toContain(patternError(""));
  });

  it("StartHumanLoop with a malformed FlowDefinitionArn names the member and the model's pattern", async () => {
    const err = await rejectionOf(startLoop(runtime, "ok-name", "arn:aws:sagemaker:us-east-1:123:flow-definition/fd"));
    expect(err).toBeInstanceOf(ValidationException);
    expect(err.message).toBe(
      "1 validation error detected: Value 'arn:aws:sagemaker:us-east-1:123:flow-definition/fd' at 'flowDefinitionArn' " +
        "failed to satisfy constraint: Member must satisfy regular expression pattern: " +
        "arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:flow-definition/.*",
    );
  });

  it("StartHumanLoop without HumanLoopInput -> 'Member must not be null'", async () => {
    const err = await rejectionOf(
      runtime.send(
        new StartHumanLoopCommand({ HumanLoopName: "no-input", FlowDefinitionArn: flowDefinitionArn } as StartHumanLoopCommandInput),
      ),
    );
    expect(err).toBeInstanceOf(ValidationException);
    expect(err.message).toBe(
      "1 validation error detected: Value null at 'humanLoopInput' failed to satisfy constraint: Member must not be null",
    );
  });

  it("InputContent's 3,145,728 is counted in characters (code points), not UTF-8 bytes or UTF-16 units", async () => {
    // A JSON string of 'é' (2 UTF-8 bytes) and '𝒜' (2 UTF-16 units, 4 UTF-8 bytes): 3,145,728 code points with its quotes.
    const fits = JSON.stringify("é".repeat(1_572_862) + "\u{1D49C}".repeat(1_572_864));
    expect([...fits].length).toBe(3_145_728);
    const start = (name: string, InputContent: string) =>
      runtime.send(new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent } }));
    await expect(start("fits", fits)).resolves.toMatchObject({ HumanLoopArn: expect.stringContaining("human-loop/fits") });
    const err = await rejectionOf(start("one-too-many", JSON.stringify("é" + JSON.parse(fits))));
    expect(err).toBeInstanceOf(ValidationException);
    expect(err.message).toMatch(/^1 validation error detected: Value '.*' at 'humanLoopInput\.inputContent' failed to satisfy constraint: Member must have length less than or equal to 3145728$/s);
  });

  it("nothing is created by a refused StartHumanLoop", async () => {
    await rejectionOf(startLoop(runtime, "Bad_Name", flowDefinitionArn));
    expect(a2i.workforce.tasks()).toEqual([]);
    expect(a2i.events).toEqual([]);
  });
});
