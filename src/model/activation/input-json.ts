/**
 * The built-in loop's InputContent text, exactly `JSON.stringify(input)`, without writing the model's result twice.
 * `selectedAiServiceResponse` repeats parts of `aiServiceResponse` (every block or label, or some of them): the
 * same objects, so their JSON is written once and reused. Writing numbers is most of JSON.stringify's work on a
 * Textract document (twelve coordinates per block), and the repeat doubled it.
 */

/** JSON.stringify's text of an array element (undefined, functions and symbols are `null` there). */
const elementJson = (value: unknown): string => JSON.stringify(value) ?? "null";

/**
 * The JSON of `response` (an object of members), remembering the text of each member and of each object element
 * of its array members, for `selectionJson`.
 */
export class ResponseJson {
  private readonly members = new Map<string, { readonly value: unknown; readonly json: string }>();
  private readonly elements = new Map<unknown, string>();
  readonly json: string;

  constructor(response: Record<string, unknown>) {
    this.json = this.objectJson(response, true);
  }

  /** JSON.stringify(selection), reusing the text of members and elements that are `response`'s own. */
  selectionJson(selection: Record<string, unknown>): string {
    return this.objectJson(selection, false);
  }

  private objectJson(record: Record<string, unknown>, remember: boolean): string {
    let out = "";
    for (const key of Object.keys(record)) {
      const value = record[key];
      let json: string | undefined;
      const known = remember ? undefined : this.members.get(key);
      if (known && known.value === value) json = known.json;
      else if (Array.isArray(value)) json = this.arrayJson(value, remember);
      else json = JSON.stringify(value);
      if (json === undefined) continue;
      if (remember) this.members.set(key, { value, json });
      out += `${out === "" ? "" : ","}${JSON.stringify(key)}:${json}`;
    }
    return `{${out}}`;
  }

  private arrayJson(array: readonly unknown[], remember: boolean): string {
    let out = "";
    for (let i = 0; i < array.length; i++) {
      const item = array[i];
      let json: string | undefined;
      if (typeof item === "object" && item !== null) {
        json = this.elements.get(item);
        if (json === undefined) {
          json = elementJson(item);
          if (remember) this.elements.set(item, json);
        }
      } else {
        json = elementJson(item);
      }
      out += i === 0 ? json : `,${json}`;
    }
    return `[${out}]`;
  }
}
