/**
 * Every test runs as on a machine with no AWS configuration at all: no region, no credentials, no config
 * files. The fake must need none of them and must never ask the network for them.
 */
for (const name of Object.keys(process.env)) {
  if (name.startsWith("AWS_")) delete process.env[name];
}
process.env.AWS_CONFIG_FILE = "/nonexistent/a2i-fake-test/config";
process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/a2i-fake-test/credentials";
// Node 20 is supported by the SDK versions we test against; its notice is noise in our output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
