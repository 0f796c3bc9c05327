/**
 * 1,000 StartHumanLoop requests in flight at once over HTTP, 200 distinct names, each name sent five times
 * with five different inputs: exactly one request per name wins (200) and the four others get
 * ConflictException (409); 200 loops exist, each holding the input of the request that won. Then close()
 * shuts the server down with keep-alive connections open.
 */
import { Agent } from "node:http";
import { ConflictException, SageMakerA2IRuntimeClient, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { startServer } from "../../src/index.js";
import { raw } from "./harness.js";

describe("concurrent StartHumanLoop over HTTP", () => {
  it("gives exactly one loop per name and ConflictException to every other request", async () => {
    const server = await startServer();
    const { flowDefinitionArn } = server.fake.seedFlowDefinition({ name: "busy-flow" });
    const agent = new Agent({ keepAlive: true, maxSockets: 1000 }); // every request in flight at once
    const runtime = new SageMakerA2IRuntimeClient({
      endpoint: server.url,
      region: "us-east-1",
      credentials: { accessKeyId: "AKIDCONCURRENT", secretAccessKey: "x" },
      requestHandler: { httpAgent: agent },
      maxAttempts: 1,
    });
    try {
      const requests = Array.from({ length: 1000 }, (_, i) => ({ name: `loop-${i % 200}`, input: { request: i } }));
      const outcomes = await Promise.all(
        requests.map(async ({ name, input }) => {
          try {
            const out = await runtime.send(
              new StartHumanLoopCommand({
                HumanLoopName: name,
                FlowDefinitionArn: flowDefinitionArn,
                HumanLoopInput: { InputContent: JSON.stringify(input) },
              }),
            );
            return { name, input, status: out.$metadata.httpStatusCode, error: undefined as unknown };
          } catch (error) {
            return { name, input, status: (error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode, error };
          }
        }),
      );

      const winners = outcomes.filter((o) => o.status === 200);
      const conflicts = outcomes.filter((o) => o.status === 409);
      expect(winners).toHaveLength(200);
      expect(conflicts).toHaveLength(800);
      expect(conflicts.every((o) => o.error instanceof ConflictException)).toBe(true);
      expect(new Set(winners.map((w) => w.name)).size).toBe(200);

      const loops = server.fake.humanLoops();
      expect(loops).toHaveLength(200);
      expect(server.fake.startedHumanLoopCount()).toBe(200);
      const inputOf = new Map(loops.map((l) => [l.humanLoopName, l.input]));
      for (const w of winners) expect(inputOf.get(w.name)).toEqual(w.input);
    } finally {
      runtime.destroy();
      await server.close();
      agent.destroy();
    }
    // Closed: nothing listens on the port any more.
    await expect(raw(server.url, "GET", "/_a2i/health")).rejects.toThrow(/ECONNREFUSED/);
  }, 30_000); // a thousand SDK calls: generous for a loaded CI machine
});
