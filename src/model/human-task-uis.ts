/**
 * Worker task templates (spec §2.4, §4.3): `Active` at once, removed by DeleteHumanTaskUi.
 * Flow definitions that use a deleted template can no longer start loops; loops already started go on
 * (DG:a2i-worker-template-console).
 */
import { createHash } from "node:crypto";
import { humanTaskUiArn } from "./arns.js";
import { resourceInUse, resourceNotFound } from "./errors.js";
import { SortedIndex } from "./pagination.js";
import { byCreation, type Resource } from "./resource.js";
import type { RegionBackend } from "./region-backend.js";

export interface HumanTaskUi extends Resource {
  readonly status: "Active";
  readonly content: string;
  readonly contentSha256: string;
}

export class HumanTaskUis {
  private readonly byName = new Map<string, HumanTaskUi>();
  readonly index = new SortedIndex<HumanTaskUi>(byCreation);

  constructor(private readonly region: RegionBackend) {}

  create(name: string, content: string): HumanTaskUi {
    const existing = this.byName.get(name);
    if (existing) throw resourceInUse(`Cannot create a duplicate human task UI: ${existing.arn} already exists.`);
    const ui: HumanTaskUi = {
      name,
      arn: humanTaskUiArn(this.region.scope, name),
      creationTime: this.region.now(),
      seq: this.region.nextSeq(),
      status: "Active",
      content,
      contentSha256: createHash("sha256").update(content, "utf8").digest("hex"),
    };
    this.byName.set(name, ui);
    this.index.insert(ui);
    return ui;
  }

  get(name: string): HumanTaskUi | undefined {
    return this.byName.get(name);
  }

  describe(name: string): HumanTaskUi {
    const ui = this.byName.get(name);
    if (!ui) throw resourceNotFound(`Human task UI ${humanTaskUiArn(this.region.scope, name)} does not exist.`);
    return ui;
  }

  /** How many this account and Region holds. */
  count(): number {
    return this.byName.size;
  }

  all(): HumanTaskUi[] {
    return [...this.byName.values()];
  }

  delete(name: string): void {
    const ui = this.describe(name);
    this.byName.delete(name);
    this.index.remove(ui);
    this.region.tags.forget(ui.arn);
  }
}
