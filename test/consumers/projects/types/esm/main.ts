// The main entry: the fake, its option and snapshot types, the matchers object.
import { A2IFake, a2iMatchers, configureA2IFake, type A2IFakeOptions, type HumanLoopSnapshot } from "a2i-fake";

const options: A2IFakeOptions = { accountId: "111122223333", seed: 7, otherS3Requests: "passThrough" };
configureA2IFake(options);
const fake = new A2IFake(options);
const loops: HumanLoopSnapshot[] = fake.humanLoops({ status: "InProgress" });
export const checks = [loops.length, Object.keys(a2iMatchers).length];
