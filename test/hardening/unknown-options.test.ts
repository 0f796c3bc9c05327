/**
 * Options a user misspells are refused, never ignored (a new-user trial: `startServer({ realtime: true })` started a
 * server on the manual clock, `{ clock: {} }` started one at all). Every options object the package takes names its
 * unknown keys, the key most likely meant and the valid ones; a clock must be a clock.
 */
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { createClock } from "@sinonjs/fake-timers";
import { A2IFake, configureA2IFake, startServer } from "../../src/index.js";
import { createFlowDefinition, flowDefinitionStatus } from "../support/setup.js";

describe("unknown options", () => {
  it("new A2IFake: a misspelt key names the one it likely meant and every valid key", () => {
    expect(() => new A2IFake({ acountId: "111122223333" } as never)).toThrow(
      "[a2i-fake] A2IFake options: unknown option 'acountId' (did you mean 'accountId'?). Valid: accountId, region, clock, timing, quotas, otherS3Requests, seed, fakeAiServices, callHistoryLimit.",
    );
    expect(() => new A2IFake({ bogus: 1, seeds: 2 } as never)).toThrow(/unknown options 'bogus', 'seeds' \(did you mean 'seed'\?\)\. Valid: /);
    expect(() => new A2IFake("us-east-1" as never)).toThrow('[a2i-fake] A2IFake options takes an options object; got "us-east-1".');
  });

  it("timing and quotas refuse keys they do not have", () => {
    expect(() => new A2IFake({ timing: { flowDefinitionActivationSeconds: 1 } } as never)).toThrow(
      /^\[a2i-fake\] options\.timing: unknown option 'flowDefinitionActivationSeconds'\. Valid: flowDefinitionActivationMs, /,
    );
    expect(() => new A2IFake({ quotas: { maxInProgressHumanLoop: 5 } } as never)).toThrow(
      "[a2i-fake] options.quotas: unknown option 'maxInProgressHumanLoop' (did you mean 'maxInProgressHumanLoops'?). Valid: maxInProgressHumanLoops, maxWorkteams.",
    );
  });

  it("values of the wrong kind are refused where given, not met later as a puzzling AWS error", () => {
    expect(() => new A2IFake({ accountId: 111122223333 as never })).toThrow(
      '[a2i-fake] A2IFake options: accountId must be a 12-digit AWS account id such as "123456789012"; got 111122223333.',
    );
    expect(() => new A2IFake({ accountId: "abc" })).toThrow(/accountId must be a 12-digit AWS account id .*; got "abc"\.$/);
    expect(() => new A2IFake({ region: "EU WEST" })).toThrow('[a2i-fake] A2IFake options: region must be a Region name such as "us-east-1"; got "EU WEST".');
    expect(() => new A2IFake({ region: "" })).toThrow(/region must be a Region name/);
    expect(() => new A2IFake({ otherS3Requests: "passthrough" as never })).toThrow(
      '[a2i-fake] A2IFake options: otherS3Requests must be "error" or "passThrough"; got "passthrough".',
    );
    expect(() => new A2IFake({ fakeAiServices: "no" as never })).toThrow('fakeAiServices must be true or false; got "no".');
    expect(new A2IFake({ accountId: "111122223333", region: "us-gov-west-1", otherS3Requests: "passThrough", fakeAiServices: false }).region).toBe("us-gov-west-1");
  });

  it("an auto-responder's policy: unknown keys and wrong values are refused", () => {
    const fake = new A2IFake();
    expect(() => fake.workforce.autoRespond({ workMS: 5 } as never)).toThrow(
      "[a2i-fake] workforce.autoRespond: unknown option 'workMS' (did you mean 'workMs'?). Valid: flowDefinition, answer, form, action, acceptAfterMs, workMs, workers, workerIdPrefix.",
    );
    expect(() => fake.workforce.autoRespond({ action: "submitt" } as never)).toThrow(
      '[a2i-fake] workforce.autoRespond: action must be "submit", "abandon" or "ignore"; got "submitt".',
    );
    expect(() => fake.workforce.autoRespond({ flowDefinition: 5 } as never)).toThrow("flowDefinition must be a flow definition name or ARN; got 5.");
    expect(() => fake.workforce.autoRespond("yes" as never)).toThrow('[a2i-fake] workforce.autoRespond takes an options object; got "yes".');
    expect(() => fake.workforce.autoRespond(undefined as never)).toThrow(/takes a policy object/);
  });

  it("startServer: values of the wrong kind are refused before anything listens", async () => {
    await expect(startServer({ log: "yes" } as never)).rejects.toThrow('[a2i-fake] startServer: log must be a function taking one line, such as console.log; got "yes".');
    await expect(startServer({ realTime: "false" } as never)).rejects.toThrow('realTime must be true or false; got "false".');
    await expect(startServer({ accounts: { AKID: "x" } })).rejects.toThrow('[a2i-fake] startServer: accounts.AKID must be a 12-digit account id; got "x".');
    await expect(startServer({ accounts: ["111111111111"] } as never)).rejects.toThrow(/accounts must be .*; got an array\.$/);
    // The options it shares with A2IFake are named as startServer's, where the user gave them.
    await expect(startServer({ region: "EU WEST" })).rejects.toThrow('[a2i-fake] startServer: region must be a Region name such as "us-east-1"; got "EU WEST".');
    await expect(startServer({ callHistoryLimit: -1 })).rejects.toThrow(/^\[a2i-fake\] startServer: callHistoryLimit must be/);
  });

  it("a clock must have now, setTimeout and clearTimeout; a sinon clock is one", () => {
    expect(() => new A2IFake({ clock: {} as never })).toThrow(
      "[a2i-fake] options.clock must be a clock with now, setTimeout and clearTimeout, such as @sinonjs/fake-timers' createClock(); got an object with no keys.",
    );
    expect(() => new A2IFake({ clock: { now: 0 } as never })).toThrow(/got an object with now\.$/);
    // The factory itself, not a clock: named, not its source printed.
    expect(() => new A2IFake({ clock: createClock as never })).toThrow(/; got a function \(createClock\): call it\.$/);
    const fake = new A2IFake({ clock: createClock(Date.UTC(2026, 0, 2)) });
    fake.seedFlowDefinition({ name: "on-the-clock" });
    expect(fake.flowDefinitions()[0]!.creationTime.toISOString()).toBe("2026-01-02T00:00:00.000Z");
  });

  it("configure() checks as the constructor does, and the fake keeps its options when it refuses", () => {
    const fake = new A2IFake({ accountId: "111122223333" });
    expect(() => fake.configure({ acountId: "444455556666" } as never)).toThrow(
      "[a2i-fake] configure: unknown option 'acountId' (did you mean 'accountId'?).",
    );
    expect(fake.accountId).toBe("111122223333");
    expect(() => fake.configure({ otherS3Requests: "passthrough" as never })).toThrow(/^\[a2i-fake\] configure: otherS3Requests must be "error" or "passThrough"/);
    expect(fake.accountId).toBe("111122223333");
  });

  it("configure() changes only the options it is given; timing and quotas key by key; undefined is the default again", async () => {
    const clock = createClock(Date.UTC(2026, 0, 2));
    const fake = new A2IFake({ clock, accountId: "111122223333", region: "eu-west-1", timing: { flowDefinitionActivationMs: 5000 } });
    fake.configure({ seed: 7, timing: { workforceActivationMs: 10 } });
    expect([fake.accountId, fake.region]).toEqual(["111122223333", "eu-west-1"]);
    // The constructor's clock and activation time are still in force: Active at 5000 ms on that clock, not 2000.
    const sagemaker = new SageMakerClient({ region: "eu-west-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } });
    const detach = fake.attach(sagemaker);
    await createFlowDefinition(sagemaker, "slow", fake.seedFlowDefinition({ name: "seeded" }), "111122223333");
    await clock.tickAsync(4999);
    expect(await flowDefinitionStatus(sagemaker, "slow")).toBe("Initializing");
    await clock.tickAsync(1);
    expect(await flowDefinitionStatus(sagemaker, "slow")).toBe("Active");
    detach();
    fake.reset();
    fake.configure({ accountId: undefined });
    expect([fake.accountId, fake.region]).toEqual(["123456789012", "eu-west-1"]);
  });

  it("configureA2IFake checks the options and policies it is given at once, where it is called", () => {
    expect(() => configureA2IFake({ timing: { flowDefinitionActivationMsec: 1 } } as never)).toThrow(
      "[a2i-fake] options.timing: unknown option 'flowDefinitionActivationMsec' (did you mean 'flowDefinitionActivationMs'?).",
    );
    expect(() => configureA2IFake({ seed: -3 })).toThrow("[a2i-fake] configureA2IFake: seed must be a whole number from 0 to 4294967295; got -3.");
    expect(() => configureA2IFake({ accountId: "1234" })).toThrow(/^\[a2i-fake\] configureA2IFake: accountId must be a 12-digit/);
    expect(() => configureA2IFake({ autoRespond: [{ answer: {} }, { workms: 1 } as never] })).toThrow(
      "[a2i-fake] workforce.autoRespond: unknown option 'workms' (did you mean 'workMs'?).",
    );
  });

  it("configureA2IFake takes the fake's options and autoRespond, nothing else", () => {
    expect(() => configureA2IFake({ autoRespnd: { answer: {} } } as never)).toThrow(
      /^\[a2i-fake\] configureA2IFake: unknown option 'autoRespnd' \(did you mean 'autoRespond'\?\)\. Valid: .*callHistoryLimit, autoRespond\.$/,
    );
  });

  it("startServer: a misspelt key is refused before anything listens; clock and otherS3Requests are not its options", async () => {
    await expect(startServer({ realtime: true } as never)).rejects.toThrow(
      /^\[a2i-fake\] startServer: unknown option 'realtime' \(did you mean 'realTime'\?\)\. Valid: accountId, region, timing, quotas, seed, fakeAiServices, callHistoryLimit, port, host, realTime, accounts, maxBodyBytes, maxBodyBytesInFlight, log\.$/,
    );
    await expect(startServer({ clock: createClock(0) } as never)).rejects.toThrow(/unknown option 'clock'/);
    await expect(startServer({ otherS3Requests: "error" } as never)).rejects.toThrow(/unknown option 'otherS3Requests'/);
    const server = await startServer({ realTime: false, accountId: "111122223333" });
    expect(server.fake.accountId).toBe("111122223333");
    await server.close();
  });
});
