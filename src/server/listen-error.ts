/**
 * `startServer` could not listen: `name` "ListenError", `code` Node's (`EADDRINUSE`, `EADDRNOTAVAIL`, `ENOTFOUND`,
 * `EACCES`, ...), `cause` Node's own error, and a message that says why. In its own module, so the package entry
 * exports the class (for `instanceof`) without loading server mode.
 */
export class ListenError extends Error {
  readonly code: string | undefined;
  /** `host:port` as asked. */
  readonly address: string;
  /** Why, in a few words (no final period). */
  readonly reason: string;
  constructor(host: string, port: number, cause: Error & { code?: string }) {
    const reason = listenFailure(host, port, cause);
    super(`[a2i-fake] startServer cannot listen on ${host}:${port}: ${reason}.`, { cause });
    this.name = "ListenError";
    this.code = cause.code;
    this.address = `${host}:${port}`;
    this.reason = reason;
  }
}

function listenFailure(host: string, port: number, err: Error & { code?: string }): string {
  switch (err.code) {
    case "EADDRINUSE":
      return `port ${port} is in use (port 0 picks a free one)`;
    case "EADDRNOTAVAIL":
      return `${host} is not an address of this machine (the default, 127.0.0.1, is loopback only)`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `this machine cannot resolve the host name '${host}' (give a local address such as 127.0.0.1, or 0.0.0.0 for every interface)`;
    case "EACCES":
      return `permission denied (ports below 1024 need privileges; port 0 picks a free one)`;
    default:
      return err.message.replace(/\.$/, "");
  }
}
