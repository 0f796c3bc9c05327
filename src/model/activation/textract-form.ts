/**
 * The key-value pairs of a Textract block graph, as activation conditions see them (a2i-next-spec.md §1.6,
 * decisions.md "Built-in task types"): a KEY_VALUE_SET KEY block, its CHILD WORD blocks, its VALUE block(s)
 * and their CHILD blocks. Blocks are plain SDK-shaped (PascalCase) objects; nothing here imports the SDK.
 */

/** The members of a Textract `Block` the fake reads. */
export interface BlockLike {
  readonly Id?: string;
  readonly BlockType?: string;
  readonly EntityTypes?: readonly string[];
  readonly Text?: string;
  readonly Confidence?: number;
  readonly Relationships?: ReadonlyArray<{ readonly Type?: string; readonly Ids?: readonly string[] }>;
}

export interface FormPair {
  /** The KEY's child WORD texts joined by one space, trimmed (decisions.md: how keys are matched). */
  readonly keyText: string;
  /** "Key-value block confidence": the KEY block's `Confidence` (decisions.md). */
  readonly keyConfidence: number;
  /** The pair's own WORD blocks (the KEY's and the VALUE's CHILD words), for word-block thresholds. */
  readonly wordConfidences: readonly number[];
  /** KEY, VALUE and their children's Ids: what `selectedAiServiceResponse` carries for this pair. */
  readonly blockIds: readonly string[];
}

const childIds = (block: BlockLike, type: string): readonly string[] =>
  (block.Relationships ?? []).filter((r) => r.Type === type).flatMap((r) => r.Ids ?? []);

/** Every KEY of the document with its VALUE, in block order. */
export function formPairs(blocks: readonly BlockLike[]): FormPair[] {
  const byId = new Map<string, BlockLike>();
  for (const b of blocks) if (b.Id !== undefined) byId.set(b.Id, b);
  const pairs: FormPair[] = [];
  for (const key of blocks) {
    if (key.BlockType !== "KEY_VALUE_SET" || !key.EntityTypes?.includes("KEY")) continue;
    const keyChildren = childIds(key, "CHILD").map((id) => byId.get(id)).filter((b): b is BlockLike => b !== undefined);
    const keyWords = keyChildren.filter((b) => b.BlockType === "WORD");
    const values = childIds(key, "VALUE").map((id) => byId.get(id)).filter((b): b is BlockLike => b !== undefined);
    const valueChildren = values.flatMap((v) => childIds(v, "CHILD").map((id) => byId.get(id)).filter((b): b is BlockLike => b !== undefined));
    const words = [...keyWords, ...valueChildren.filter((b) => b.BlockType === "WORD")];
    const keyText = keyWords.length > 0 ? keyWords.map((w) => w.Text ?? "").join(" ").trim() : (key.Text ?? "").trim();
    pairs.push({
      keyText,
      keyConfidence: key.Confidence ?? 0,
      wordConfidences: words.map((w) => w.Confidence ?? 0),
      blockIds: [key, ...keyChildren, ...values, ...valueChildren].map((b) => b.Id).filter((id): id is string => id !== undefined),
    });
  }
  return pairs;
}
