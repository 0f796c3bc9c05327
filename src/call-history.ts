/**
 * Every call the fake received, in order (issue 5): what the client sent, what the fake answered, when on
 * the fake clock. `reset()` clears it with the rest of the state; `resetHistory()` clears it alone.
 */
import type { A2IOperationName, A2IOperations, A2IServiceName } from "./operations.js";

interface CallBase<Op extends A2IOperationName> {
  readonly service: A2IServiceName;
  readonly operation: Op;
  /** The input as the client sent it, parsed (timestamps as `Date`s). */
  readonly input: A2IOperations[Op]["input"];
  /** The fake clock's time when the call arrived. */
  readonly time: Date;
  readonly accountId: string;
  readonly region: string;
}

/** A call the fake answered: `ok` tells whether it was an output or an AWS error. */
export type A2ICall<Op extends A2IOperationName = A2IOperationName> = {
  [K in Op]: CallBase<K> &
    (
      | { readonly ok: true; readonly output: A2IOperations[K]["output"] }
      | { readonly ok: false; readonly error: { readonly name: string; readonly message: string; readonly httpStatusCode: number } }
    );
}[Op];

export class CallHistory {
  private readonly calls: A2ICall[] = [];

  record(call: A2ICall): void {
    this.calls.push(call);
  }

  list<Op extends A2IOperationName>(operation?: Op): A2ICall<Op>[] {
    const all = this.calls as A2ICall<Op>[];
    return operation === undefined ? [...all] : all.filter((c) => c.operation === operation);
  }

  clear(): void {
    this.calls.length = 0;
  }
}
