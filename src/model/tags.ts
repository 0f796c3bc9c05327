/**
 * Tags of SageMaker resources (spec §2.6): AddTags adds or overwrites, keys unique per resource; an ARN
 * that names no resource is a ValidationException (see below). Human loops cannot be tagged.
 */
import { validationException } from "./errors.js";
import type { Tag } from "./resource.js";

/** Tags one resource can hold (SageMaker model: TagList max 50; AWS's tagging limit of 50 per resource). */
export const MAX_TAGS_PER_RESOURCE = 50;

export class TagStore {
  private readonly byArn = new Map<string, Map<string, string>>();

  constructor(private readonly exists: (arn: string) => boolean) {}

  private require(arn: string): Map<string, string> {
    // AddTags, ListTags and DeleteTags declare no error; AWS answers ValidationException for a resource that is
    // gone (aws/amazon-sagemaker-feedback#108, 2024), not the ResourceNotFound decisions.md first chose.
    if (!this.exists(arn)) throw validationException(`Resource ${arn} does not exist.`);
    let tags = this.byArn.get(arn);
    if (!tags) {
      tags = new Map();
      this.byArn.set(arn, tags);
    }
    return tags;
  }

  add(arn: string, tags: readonly Tag[]): Tag[] {
    const current = this.require(arn);
    const after = new Set([...current.keys(), ...tags.map((t) => t.Key)]).size;
    if (after > MAX_TAGS_PER_RESOURCE) {
      // AddTags declares no error: SageMaker's undeclared refusal is ValidationException (decisions.md, Choice).
      throw validationException(
        `Resource ${arn} can have at most ${MAX_TAGS_PER_RESOURCE} tags: it has ${current.size} and this request ` +
          `would make it ${after}. Remove some with DeleteTags first.`,
      );
    }
    for (const t of tags) current.set(t.Key, t.Value);
    return this.list(arn);
  }

  list(arn: string): Tag[] {
    return [...this.require(arn)].map(([Key, Value]) => ({ Key, Value }));
  }

  delete(arn: string, keys: readonly string[]): void {
    const current = this.require(arn);
    for (const k of keys) current.delete(k);
  }

  /** The resource is gone: its tags go with it (a resource of the same name starts untagged). */
  forget(arn: string): void {
    this.byArn.delete(arn);
  }
}
