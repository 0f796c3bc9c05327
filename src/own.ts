/**
 * Lookups by a name that came from outside (an operation in `X-Amz-Target`, an access key id, a control path, a
 * member of a parsed body): only own members, never one inherited from `Object.prototype`, so
 * `SageMaker.constructor` or an access key named `toString` is an unknown name like any other (issue 10).
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
