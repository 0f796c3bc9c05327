/**
 * Options a user misspells are refused, never ignored (a new-user trial: `startServer({ realtime: true })` started a
 * server on the manual clock, `{ clock: {} }` started one at all). Every options object the package takes names its
 * unknown keys, the key most likely meant and the valid ones; a clock must be a clock.
 */
import { createClock } from "@sinonjs/fake-timers";
import { A2IFake, configureA2IFake, startServer } from "../../src/index.js";

describe("unknown options", () => {
  it("new A2IFake: a misspelt key names the one it likely meant and every valid key", () => {
    expect(() => new A2IFake({ acountId: "111122223333" } as never)).toThrow(
      "[a2i-fake] A2IFake options: unknown option 'acountId' (did you mean 'accountId'?). Valid: accountId, region, clock, timing, quotas, otherS3Requests, seed, fakeAiServices, callHistoryLimit.",
    );
    expect(() => new A2IFake({ bogus: 1, seeds: 2 } as never)).toThrow(/unknown options 'bogus', 'seeds' \(did you mean 'seed'\?\)\. Valid: /);
    expect(() => new A2IFake("us-east-1" as never)).toThrow("[a2i-fake] A2IFake options takes an options object; got us-east-1.");
  });

  it("timing and quotas refuse keys they do not have", () => {
    expect(() => new A2IFake({ timing: { flowDefinitionActivationSeconds: 1 } } as never)).toThrow(
      /^\[a2i-fake\] options\.timing: unknown option 'flowDefinitionActivationSeconds'\. Valid: flowDefinitionActivationMs, /,
    );
    expect(() => new A2IFake({ quotas: { maxInProgressHumanLoop: 5 } } as never)).toThrow(
      "[a2i-fake] options.quotas: unknown option 'maxInProgressHumanLoop' (did you mean 'maxInProgressHumanLoops'?). Valid: maxInProgressHumanLoops, maxWorkteams.",
    );
  });

  it("a clock must have now, setTimeout and clearTimeout; a sinon clock is one", () => {
    expect(() => new A2IFake({ clock: {} as never })).toThrow(
      "[a2i-fake] options.clock must be a clock with now, setTimeout and clearTimeout, such as @sinonjs/fake-timers' createClock(); got an object with no keys.",
    );
    expect(() => new A2IFake({ clock: { now: 0 } as never })).toThrow(/got an object with now\.$/);
    const fake = new A2IFake({ clock: createClock(Date.UTC(2026, 0, 2)) });
    fake.seedFlowDefinition({ name: "on-the-clock" });
    expect(fake.flowDefinitions()[0]!.creationTime.toISOString()).toBe("2026-01-02T00:00:00.000Z");
  });

  it("configure() checks as the constructor does, and the fake keeps its options when it refuses", () => {
    const fake = new A2IFake({ accountId: "111122223333" });
    expect(() => fake.configure({ acountId: "444455556666" } as never)).toThrow(/did you mean 'accountId'/);
    expect(fake.accountId).toBe("111122223333");
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
