/** Set-up shared by the test directories, written the way a user's test file sets a fake up. */
import { A2IFake, type A2IFakeOptions } from "../../src/index.js";

/** A fake installed for the enclosing `describe`: install once, reset after each test, uninstall at the end. */
export function installFake(options: A2IFakeOptions = {}): A2IFake {
  const a2i = new A2IFake(options);
  beforeAll(() => {
    a2i.install();
  });
  afterEach(() => a2i.reset());
  afterAll(() => a2i.uninstall());
  return a2i;
}

/** jest modern fake timers (Date, timers, nextTick, queueMicrotask) starting at `start`, per test. */
export function useJestFakeTimersFrom(start: number): void {
  beforeEach(() => {
    jest.useFakeTimers({ now: start });
  });
  afterEach(() => {
    jest.useRealTimers();
  });
}
