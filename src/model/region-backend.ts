/** The state of one account in one Region: every resource, separate from every other (account, Region). */
import type { Scope } from "./arns.js";
import { FlowDefinitions } from "./flow-definitions.js";
import { HumanLoops } from "./human-loops.js";
import { HumanTaskUis } from "./human-task-uis.js";
import { SubscribedWorkteams } from "./subscribed-workteams.js";
import { TagStore } from "./tags.js";
import { Workforces } from "./workforces.js";
import { Workteams } from "./workteams.js";
import type { A2IBackend } from "./backend.js";

export class RegionBackend {
  readonly flowDefinitions: FlowDefinitions;
  readonly humanTaskUis: HumanTaskUis;
  readonly workteams: Workteams;
  readonly workforces: Workforces;
  readonly subscribedWorkteams: SubscribedWorkteams;
  readonly humanLoops: HumanLoops;
  readonly tags: TagStore;

  constructor(
    readonly backend: A2IBackend,
    readonly scope: Scope,
  ) {
    this.flowDefinitions = new FlowDefinitions(this);
    this.humanTaskUis = new HumanTaskUis(this);
    this.workteams = new Workteams(this);
    this.workforces = new Workforces(this);
    this.subscribedWorkteams = new SubscribedWorkteams(this);
    this.humanLoops = new HumanLoops(this);
    this.tags = new TagStore((arn) => this.taggable(arn));
  }

  /**
   * Holds no resource: a read of an account and Region that never wrote leaves nothing behind (the backend drops
   * an empty RegionBackend after each request). A new kind of resource must be counted here.
   */
  isEmpty(): boolean {
    return (
      this.flowDefinitions.count() === 0 &&
      this.humanTaskUis.count() === 0 &&
      this.workteams.count() === 0 &&
      this.humanLoops.count() === 0 &&
      this.workforces.get() === undefined &&
      this.subscribedWorkteams.all().length === 0
    );
  }

  now(): number {
    return this.backend.scheduler.now();
  }

  nextSeq(): number {
    return this.backend.nextSeq();
  }

  /** Flow definitions, human task UIs, work teams and workforces can be tagged; human loops cannot (spec §2.6). */
  private taggable(arn: string): boolean {
    return (
      this.flowDefinitions.byArn(arn) !== undefined ||
      this.humanTaskUis.all().some((r) => r.arn === arn) ||
      this.workteams.all().some((r) => r.arn === arn) ||
      this.workforces.get()?.arn === arn
    );
  }
}
