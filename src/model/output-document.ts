/** Where A2I writes a loop's output.json and what it holds (spec §5, DG:a2i-output-data). */
import type { FlowDefinition } from "./flow-definitions.js";
import type { HumanLoop } from "./human-loops.js";

/** `<prefix>/<flow definition>/YYYY/MM/DD/hh/mm/ss/<loop>/output.json`, creation time in UTC (spec §5). */
export function outputKey(fd: FlowDefinition, loopName: string, creationTime: number): string {
  const iso = new Date(creationTime).toISOString(); // YYYY-MM-DDThh:mm:ss.sssZ
  const stamp = `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(11, 13)}/${iso.slice(14, 16)}/${iso.slice(17, 19)}`;
  return [fd.output.prefix, fd.name, stamp, loopName, "output.json"].filter((p) => p !== "").join("/");
}

/**
 * The output.json of a custom task type, keys in the documented (alphabetical) order; `inputContent` is the
 * parsed InputContent object, one `humanAnswers` entry per worker who submitted.
 */
export function outputDocument(loop: HumanLoop): string {
  return JSON.stringify({
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
    inputContent: loop.input,
  });
}
