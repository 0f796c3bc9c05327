/**
 * How many bytes of large request bodies the server buffers at once (issue 10: memory). A body over
 * `LARGE_BODY_BYTES` (by its Content-Length, or any body without one) first reserves its size from the budget
 * and waits, unread, until the budget has room: the socket's flow control holds the client back. Requests are
 * served in arrival order; one larger than the whole budget goes alone. Small bodies never wait.
 */
export const LARGE_BODY_BYTES = 1024 * 1024;

/** Default budget: 64 MiB of large bodies in flight (four 16 MiB bodies). */
export const DEFAULT_MAX_BODY_BYTES_IN_FLIGHT = 64 * 1024 * 1024;

export class BodyBudget {
  private used = 0;
  private readonly waiting: Array<{ bytes: number; grant: () => void }> = [];

  constructor(private readonly total: number) {}

  /** Reserve `bytes` (resolves at once when they fit); call the returned function when the answer is written. */
  async reserve(bytes: number): Promise<() => void> {
    if (this.waiting.length > 0 || !this.fits(bytes)) {
      await new Promise<void>((grant) => this.waiting.push({ bytes, grant }));
    } else {
      this.used += bytes;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= bytes;
      this.grantWaiting();
    };
  }

  private fits(bytes: number): boolean {
    return this.used === 0 || this.used + bytes <= this.total;
  }

  private grantWaiting(): void {
    while (this.waiting.length > 0 && this.fits(this.waiting[0]!.bytes)) {
      const next = this.waiting.shift()!;
      this.used += next.bytes;
      next.grant();
    }
  }
}
