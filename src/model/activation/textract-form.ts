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

/** The blocks a block names in relationships of one type, in order; Ids not in the document are skipped. */
function related(block: BlockLike, type: string, byId: ReadonlyMap<string, BlockLike>, out: BlockLike[]): BlockLike[] {
  const relationships = block.Relationships;
  if (!relationships) return out;
  for (const r of relationships) {
    if (r.Type !== type || !r.Ids) continue;
    for (const id of r.Ids) {
      const b = byId.get(id);
      if (b !== undefined) out.push(b);
    }
  }
  return out;
}

/** Every KEY of the document with its VALUE, in block order. Plain loops: it runs on every call, over every block. */
export function formPairs(blocks: readonly BlockLike[]): FormPair[] {
  const byId = new Map<string, BlockLike>();
  for (const b of blocks) if (b.Id !== undefined) byId.set(b.Id, b);
  const pairs: FormPair[] = [];
  for (const key of blocks) {
    if (key.BlockType !== "KEY_VALUE_SET" || !key.EntityTypes?.includes("KEY")) continue;
    const keyChildren = related(key, "CHILD", byId, []);
    const values = related(key, "VALUE", byId, []);
    const valueChildren: BlockLike[] = [];
    for (const v of values) related(v, "CHILD", byId, valueChildren);
    const wordConfidences: number[] = [];
    let keyText = "";
    let keyWords = 0;
    for (const b of keyChildren) {
      if (b.BlockType !== "WORD") continue;
      keyText = keyWords === 0 ? (b.Text ?? "") : `${keyText} ${b.Text ?? ""}`;
      keyWords++;
      wordConfidences.push(b.Confidence ?? 0);
    }
    for (const b of valueChildren) if (b.BlockType === "WORD") wordConfidences.push(b.Confidence ?? 0);
    const blockIds: string[] = [];
    if (key.Id !== undefined) blockIds.push(key.Id);
    for (const group of [keyChildren, values, valueChildren]) for (const b of group) if (b.Id !== undefined) blockIds.push(b.Id);
    pairs.push({
      keyText: keyWords > 0 ? keyText.trim() : (key.Text ?? "").trim(),
      keyConfidence: key.Confidence ?? 0,
      wordConfidences,
      blockIds,
    });
  }
  return pairs;
}
