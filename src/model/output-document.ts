/** Where A2I writes a loop's output.json and what it holds (spec §5, DG:a2i-output-data). */
import type { FlowDefinition } from "./flow-definitions.js";
import type { HumanLoop } from "./human-loops.js";
import { isoTime } from "./iso-time.js";

/** `<prefix>/<flow definition>/YYYY/MM/DD/hh/mm/ss/<loop>/output.json`, creation time in UTC (spec §5). */
export function outputKey(fd: FlowDefinition, loopName: string, creationTime: number): string {
  // YYYY-MM-DDTHH:mm:ss of the ISO form (issue 13: one fast formatting instead of six Date getter calls). Its year
  // has four digits: every operation checks the clock is within 1970-9999 first (A2IBackend.catchUp, limits.ts).
  const iso = isoTime(creationTime);
  // One flat string (`join`): a template literal of 17 parts is a rope of a dozen 32-byte nodes, and every loop
  // keeps its key (issue 13: heap per loop).
  return [
    fd.output.prefix === "" ? "" : `${fd.output.prefix}/`,
    fd.name, "/", iso.slice(0, 4), "/", iso.slice(5, 7), "/", iso.slice(8, 10), "/", iso.slice(11, 13), "/",
    iso.slice(14, 16), "/", iso.slice(17, 19), "/", loopName, "/output.json",
  ].join("");
}

/**
 * The output.json of a custom task type, keys in the documented (alphabetical) order; `inputContent` is the
 * parsed InputContent object, one `humanAnswers` entry per worker who submitted.
 */
export function outputDocument(loop: HumanLoop): string {
  const builtIn = loop.flowDefinition.builtIn;
  return JSON.stringify({
    // Built-in task types name their request source first (DG:a2i-output-data, a2i-next-spec.md §1.10).
    ...(builtIn ? { awsManagedHumanLoopRequestSource: builtIn.source } : {}),
    flowDefinitionArn: loop.flowDefinition.arn,
    humanAnswers: loop.answers.map((a) => ({
      acceptanceTime: new Date(a.acceptanceTime).toISOString(),
      answerContent: a.answerContent,
      submissionTime: new Date(a.submissionTime).toISOString(),
      timeSpentInSeconds: (a.submissionTime - a.acceptanceTime) / 1000,
      workerId: a.workerId,
      ...(a.workerMetadata === undefined ? {} : { workerMetadata: a.workerMetadata }),
    })),
    humanLoopName: loop.name,
    inputContent: builtIn ? builtInInputContent(loop.input) : loop.input,
  });
}

/**
 * The documented built-in `inputContent` has aiServiceRequest, aiServiceResponse,
 * humanTaskActivationConditionResults and selectedAiServiceResponse; the task's `humanLoopContext` (what
 * templates read) is not part of it (DG:a2i-output-data examples).
 */
function builtInInputContent(input: unknown): unknown {
  if (typeof input !== "object" || input === null || !("humanLoopContext" in input)) return input;
  const { humanLoopContext: _context, ...rest } = input as Record<string, unknown>;
  return rest;
}
