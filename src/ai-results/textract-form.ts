/**
 * `textractForm`: the block graph Textract `AnalyzeDocument` (FORMS) returns for a form, from a few key/value
 * pairs, so a test reads like the form it describes. The graph is Textract's (TX-DG:how-it-works-kvp): a PAGE,
 * one LINE per field with its WORDs, and per field a KEY_VALUE_SET KEY (CHILD → key words, VALUE → the value
 * block) and a KEY_VALUE_SET VALUE (CHILD → value words), each with a Confidence and a Geometry.
 */
import type { AnalyzeDocumentResult, TextractBlock } from "./types.js";

export interface FormField {
  /** The value's text ("" for a key whose value is blank). */
  value: string;
  /** The KEY block's Confidence ("key-value block confidence", decisions.md). Default 99. */
  keyConfidence?: number;
  /** The VALUE block's Confidence. Default: `keyConfidence`. */
  valueConfidence?: number;
  /**
   * The WORD blocks' Confidence: one number for every word of the key and value, or one per word (the key's words,
   * then the value's; missing entries take the last). Default 99.5.
   */
  wordConfidence?: number | readonly number[];
  /** 1-based page. Default 1. */
  page?: number;
}

export interface TextractFormOptions {
  /** DocumentMetadata.Pages. Default: the highest page a field is on (at least 1). */
  pages?: number;
}

/**
 * A one-page (or more) form as Textract reads it: key text → value text, or the value with its confidences.
 * @example
 * a2i.aiResults.analyzeDocument(textractForm({
 *   "Name:": "Jane Doe",
 *   "Mail address:": { value: "12 Main St", keyConfidence: 55, wordConfidence: 80 },
 * }));
 */
export function textractForm(fields: Readonly<Record<string, string | FormField>>, options: TextractFormOptions = {}): AnalyzeDocumentResult {
  let n = 0;
  const id = () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, "0")}`;
  const entries = Object.entries(fields).map(([key, f]) => [key, typeof f === "string" ? { value: f } : f] as const);
  const pageCount = options.pages ?? Math.max(1, ...entries.map(([, f]) => f.page ?? 1));
  const pages = Array.from({ length: pageCount }, (_, i) => ({ id: id(), page: i + 1, lines: [] as string[] }));
  const text: TextractBlock[] = [];
  const keyValues: TextractBlock[] = [];
  entries.forEach(([key, field], row) => {
    const page = pages[(field.page ?? 1) - 1];
    if (!page) throw new Error(`[a2i-fake] textractForm: field '${key}' is on page ${field.page}, but the form has ${pageCount} page(s); raise options.pages.`);
    const keyConfidence = field.keyConfidence ?? 99;
    const keyWords = words(key);
    const valueWords = words(field.value);
    const confidences = wordConfidences(field.wordConfidence, keyWords.length + valueWords.length);
    const top = 0.05 + row * 0.06;
    const keyWordBlocks = keyWords.map((w, i) => word(id(), w, confidences[i]!, page.page, top, 0.05 + i * 0.08));
    const valueWordBlocks = valueWords.map((w, i) =>
      word(id(), w, confidences[keyWords.length + i]!, page.page, top, 0.45 + i * 0.08),
    );
    const lineId = id();
    page.lines.push(lineId);
    const allWords = [...keyWordBlocks, ...valueWordBlocks];
    text.push(
      {
        BlockType: "LINE",
        Confidence: Math.min(...allWords.map((w) => w.Confidence as number), 100),
        Text: [...keyWords, ...valueWords].join(" "),
        Geometry: geometry(0.05, top, 0.8, 0.04),
        Id: lineId,
        Relationships: [{ Type: "CHILD", Ids: allWords.map((w) => w.Id!) }],
        Page: page.page,
      },
      ...allWords,
    );
    const keyId = id();
    const valueId = id();
    keyValues.push(
      {
        BlockType: "KEY_VALUE_SET",
        Confidence: keyConfidence,
        Geometry: geometry(0.05, top, 0.35, 0.04),
        Id: keyId,
        Relationships: [
          { Type: "VALUE", Ids: [valueId] },
          { Type: "CHILD", Ids: keyWordBlocks.map((w) => w.Id!) },
        ],
        EntityTypes: ["KEY"],
        Page: page.page,
      },
      {
        BlockType: "KEY_VALUE_SET",
        Confidence: field.valueConfidence ?? keyConfidence,
        Geometry: geometry(0.45, top, 0.4, 0.04),
        Id: valueId,
        ...(valueWordBlocks.length > 0 ? { Relationships: [{ Type: "CHILD", Ids: valueWordBlocks.map((w) => w.Id!) }] } : {}),
        EntityTypes: ["VALUE"],
        Page: page.page,
      },
    );
  });
  const pageBlocks: TextractBlock[] = pages.map((p) => ({
    BlockType: "PAGE",
    Geometry: geometry(0, 0, 1, 1),
    Id: p.id,
    ...(p.lines.length > 0 ? { Relationships: [{ Type: "CHILD", Ids: p.lines }] } : {}),
    Page: p.page,
  }));
  return {
    DocumentMetadata: { Pages: pageCount },
    Blocks: [...pageBlocks, ...text, ...keyValues],
    AnalyzeDocumentModelVersion: "1.0",
  };
}

const words = (text: string) => text.split(/\s+/).filter((w) => w !== "");

function wordConfidences(given: number | readonly number[] | undefined, count: number): number[] {
  const list = given === undefined ? [99.5] : typeof given === "number" ? [given] : given.length > 0 ? [...given] : [99.5];
  return Array.from({ length: count }, (_, i) => list[Math.min(i, list.length - 1)]!);
}

function word(id: string, text: string, confidence: number, page: number, top: number, left: number): TextractBlock {
  return { BlockType: "WORD", Confidence: confidence, Text: text, TextType: "PRINTED", Geometry: geometry(left, top, 0.07, 0.04), Id: id, Page: page };
}

function geometry(left: number, top: number, width: number, height: number) {
  const r = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    BoundingBox: { Width: r(width), Height: r(height), Left: r(left), Top: r(top) },
    Polygon: [
      { X: r(left), Y: r(top) },
      { X: r(left + width), Y: r(top) },
      { X: r(left + width), Y: r(top + height) },
      { X: r(left), Y: r(top + height) },
    ],
  };
}
