import type { SortKey } from "./pagination.js";

/** What every named, listable resource shares: creation order is its default sort key. */
export interface Resource {
  readonly name: string;
  readonly arn: string;
  /** ms since epoch, from the fake clock. */
  readonly creationTime: number;
  /** Creation sequence: breaks ties between resources created at the same instant. */
  readonly seq: number;
}

export const byCreation = (r: Resource): SortKey => [r.creationTime, r.seq];
export const byName = (r: Resource): SortKey => [r.name, r.seq];

export type Tags = Map<string, string>;

export interface Tag {
  Key: string;
  Value: string;
}
