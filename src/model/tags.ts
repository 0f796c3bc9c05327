/**
 * Tags of SageMaker resources (spec §2.6): AddTags adds or overwrites, keys unique per resource; an ARN
 * that names no resource is ResourceNotFound (decisions.md). Human loops cannot be tagged.
 */
import { resourceNotFound } from "./errors.js";
import type { Tag } from "./resource.js";

export class TagStore {
  private readonly byArn = new Map<string, Map<string, string>>();

  constructor(private readonly exists: (arn: string) => boolean) {}

  private require(arn: string): Map<string, string> {
    if (!this.exists(arn)) throw resourceNotFound(`Resource ${arn} does not exist.`);
    let tags = this.byArn.get(arn);
    if (!tags) {
      tags = new Map();
      this.byArn.set(arn, tags);
    }
    return tags;
  }

  add(arn: string, tags: readonly Tag[]): Tag[] {
    const current = this.require(arn);
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
