/**
 * A flow definition's built-in task type: its request source and, when given, its checked activation conditions
 * (a2i-next-spec.md §1.4). No conditions means every request goes to humans (SM-MODEL HumanLoopActivationConfig doc).
 */
import type { ActivationConditions, RequestSource } from "./conditions.js";
import { parseActivationConditions } from "./parse-conditions.js";

export interface BuiltInTaskType {
  readonly source: RequestSource;
  /** Undefined: no HumanLoopActivationConfig, every request starts a loop. */
  readonly conditions: ActivationConditions | undefined;
}

/** The built-in task type of CreateFlowDefinition's input, or undefined for a custom task type. */
export function builtInTaskType(source: string | undefined, conditionsText: string | undefined): BuiltInTaskType | undefined {
  if (source === undefined) return undefined;
  const requestSource = source as RequestSource;
  return {
    source: requestSource,
    conditions: conditionsText === undefined ? undefined : parseActivationConditions(conditionsText, requestSource),
  };
}
