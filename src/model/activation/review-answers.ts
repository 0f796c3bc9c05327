/**
 * What a reviewer of a built-in task submits (a2i-next-spec.md §1.10): `answerContent` keyed by the request
 * source, payloads camelCase. Textract: the reviewed KEY_VALUE_SET blocks and their words, with the reviewer's
 * edits (DG:a2i-crowd-textract-detection, Output). Rekognition: the selected labels
 * (decisions.md: `moderationLabels`, camelCase). The default answer confirms the selected inferences.
 */
import { REKOGNITION_SOURCE, TEXTRACT_SOURCE, type RequestSource } from "./conditions.js";
import { parentOf } from "../moderation-taxonomy.js";

type Json = Record<string, unknown>;
type CamelBlock = { id?: string; blockType?: string; entityTypes?: string[]; text?: string; relationships?: Array<{ type?: string; ids?: string[] }> } & Json;

/** The built-in task's input as the loop holds it (camelCase payloads). */
interface BuiltInInput {
  aiServiceResponse?: { blocks?: CamelBlock[]; moderationLabels?: Array<{ name?: string; parentName?: string }> };
  selectedAiServiceResponse?: { blocks?: CamelBlock[]; moderationLabels?: Array<{ name?: string; parentName?: string }> };
}

/** The reviewer confirms what was selected, unchanged. */
export function confirmAnswer(source: RequestSource, input: unknown): Json {
  const selected = (input as BuiltInInput).selectedAiServiceResponse ?? {};
  if (source === TEXTRACT_SOURCE) return { [TEXTRACT_SOURCE]: { blocks: selected.blocks ?? [] } };
  return {
    [REKOGNITION_SOURCE]: {
      moderationLabels: (selected.moderationLabels ?? []).map((l) => ({ name: l.name, parentName: l.parentName ?? "" })),
    },
  };
}

/**
 * The Textract reviewer's answer: the selected blocks, with `values` (key text → corrected value text) applied.
 * A key among the selected pairs gets its VALUE's words replaced; a key that is not there (a missed key) is added
 * as a new KEY/VALUE pair. Words a reviewer typed have Confidence 100.
 */
export function formReviewAnswer(input: unknown, values: Readonly<Record<string, string>> = {}): Json {
  const blocks: CamelBlock[] = structuredClone((input as BuiltInInput).selectedAiServiceResponse?.blocks ?? []);
  const byId = new Map(blocks.filter((b) => b.id !== undefined).map((b) => [b.id!, b]));
  const children = (b: CamelBlock, type: string) => (b.relationships ?? []).filter((r) => r.type === type).flatMap((r) => r.ids ?? []);
  let added = 0;
  for (const [key, value] of Object.entries(values)) {
    const keyBlock = blocks.find(
      (b) =>
        b.blockType === "KEY_VALUE_SET" &&
        b.entityTypes?.includes("KEY") &&
        children(b, "CHILD").map((id) => byId.get(id)?.text ?? "").join(" ").trim() === key,
    );
    if (keyBlock) {
      for (const valueId of children(keyBlock, "VALUE")) {
        const valueBlock = byId.get(valueId);
        if (!valueBlock) continue;
        const old = new Set(children(valueBlock, "CHILD"));
        const words = wordBlocks(`${valueId}-reviewed`, value);
        valueBlock.relationships = [...(valueBlock.relationships ?? []).filter((r) => r.type !== "CHILD"), ...childRel(words)];
        blocks.splice(0, blocks.length, ...blocks.filter((b) => !old.has(b.id!)), ...words);
      }
      continue;
    }
    const id = `a2i-fake-reviewer-added-${++added}`;
    const keyWords = wordBlocks(`${id}-key`, key);
    const valueWords = wordBlocks(`${id}-value`, value);
    blocks.push(
      { blockType: "KEY_VALUE_SET", confidence: 100, entityTypes: ["KEY"], id: `${id}-key`, relationships: [{ type: "VALUE", ids: [`${id}-value`] }, ...childRel(keyWords)] },
      { blockType: "KEY_VALUE_SET", confidence: 100, entityTypes: ["VALUE"], id: `${id}-value`, relationships: childRel(valueWords) },
      ...keyWords,
      ...valueWords,
    );
  }
  return { [TEXTRACT_SOURCE]: { blocks } };
}

/** The Rekognition reviewer's answer: the labels they selected (default: the selected inferences). */
export function moderationReviewAnswer(input: unknown, labels?: readonly string[]): Json {
  if (labels === undefined) return confirmAnswer(REKOGNITION_SOURCE, input);
  const known = (input as BuiltInInput).aiServiceResponse?.moderationLabels ?? [];
  return {
    [REKOGNITION_SOURCE]: {
      moderationLabels: labels.map((name) => ({
        name,
        parentName: known.find((l) => l.name === name)?.parentName ?? parentOf(name) ?? "",
      })),
    },
  };
}

function wordBlocks(prefix: string, text: string): CamelBlock[] {
  return text
    .split(/\s+/)
    .filter((w) => w !== "")
    .map((w, i) => ({ blockType: "WORD", confidence: 100, id: `${prefix}-${i + 1}`, text: w, textType: "HANDWRITING" }));
}

const childRel = (words: CamelBlock[]) => (words.length > 0 ? [{ type: "CHILD", ids: words.map((w) => w.id!) }] : []);
