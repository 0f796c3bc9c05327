/**
 * The fake's default Region: the one an SDK client built with no options would resolve (decisions.md "Defaults";
 * issue 9 item 7), without ever asking the instance metadata service:
 * 1. `AWS_REGION`;
 * 2. `region` of the profile (`AWS_PROFILE`, else `default`) in the shared config file (`AWS_CONFIG_FILE`, else
 *    `~/.aws/config`, as `[profile name]` or `[default]`), then in the shared credentials file
 *    (`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`): the SDK's `loadConfig` with `preferredFile: "config"`;
 * 3. `us-east-1`.
 * So seeds land where the app's own clients go, locally and in CI (which sets AWS_REGION).
 *
 * The files are read with a few lines of INI reading rather than the SDK's `@smithy/shared-ini-file-loader`:
 * that loader is asynchronous (the fake's Region is known at construction) and is not a dependency of ours; the
 * rules below are its `parseIni`'s for the one key read here (comments `#`/`;`, `[profile x]` sections, `key = value`).
 */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { DEFAULT_REGION } from "./model/options.js";

function homeDir(): string {
  const { HOME, USERPROFILE, HOMEPATH, HOMEDRIVE = "C:\\" } = process.env;
  return HOME || USERPROFILE || (HOMEPATH ? `${HOMEDRIVE}${HOMEPATH}` : homedir());
}

function expandHome(path: string): string {
  return path.startsWith("~/") ? join(homeDir(), path.slice(2)) : path;
}

/** `region` of a profile in one INI file, or undefined (no file, no profile, no key). */
function regionInFile(path: string, sectionNames: readonly string[]): string | undefined {
  let text: string;
  try {
    text = readFileSync(expandHome(path), "utf8");
  } catch {
    return undefined;
  }
  let inProfile = false;
  let found: string | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    // A nested sub-section line (indented) belongs to the key above it, never to the profile.
    const indented = /^\s/.test(rawLine);
    const line = rawLine.split(/(^|\s)[;#]/)[0]!.trim();
    if (line.startsWith("[") && line.endsWith("]")) {
      inProfile = sectionNames.includes(line.slice(1, -1).trim().replace(/\s+/g, " "));
      continue;
    }
    if (!inProfile || indented) continue;
    const eq = line.indexOf("=");
    if (eq > 0 && line.slice(0, eq).trim().toLowerCase() === "region") {
      const value = line.slice(eq + 1).trim();
      if (value) found = value;
    }
  }
  return found;
}

export function defaultRegion(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AWS_REGION) return env.AWS_REGION;
  const profile = env.AWS_PROFILE || "default";
  const configFile = env.AWS_CONFIG_FILE || join(homeDir(), ".aws", "config");
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE || join(homeDir(), ".aws", "credentials");
  return (
    regionInFile(configFile, profile === "default" ? ["default", "profile default"] : [`profile ${profile}`]) ??
    regionInFile(credentialsFile, [profile]) ??
    DEFAULT_REGION
  );
}
