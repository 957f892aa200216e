// A throwaway npm registry for the release rehearsal: Verdaccio on 127.0.0.1, its storage,
// configuration and users in a folder of the caller's, one user created for the run, and the
// configuration that points npm and pnpm at it and at nothing else.
//
// It has no uplink: nothing published, viewed or installed can come from, or go to, another
// registry. The third-party packages a release needs (openapi-fetch, which the client depends
// on) are published into it from the clone's own install (`seed`), so it needs no network.
import { fork } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { must } from "./exec.mjs";

/** @import { Readable } from "node:stream" */
/** @import { Manifest } from "./checks.mjs" */

/**
 * @typedef {Manifest & { dist: { tarball: string, [field: string]: unknown } }} ServedManifest
 * @typedef {{ versions?: Record<string, ServedManifest>, "dist-tags"?: Record<string, string> }} Packument
 *   a registry's document for a package
 */
/**
 * What the registry serves for one version of a package.
 * @template {string} [Name=string]
 * @typedef {object} Inspection
 * @property {Name} name
 * @property {string} version
 * @property {ServedManifest} served the manifest in the packument
 * @property {Manifest} packed the package.json in the tarball
 * @property {string} tarball the tarball, downloaded
 * @property {string[]} files its paths, as `tar -t` lists them
 */
/** @typedef {Awaited<ReturnType<typeof startRegistry>>} Registry */

const serverScript = new URL("./registry-server.mjs", import.meta.url).pathname;

// Inherited settings and credentials that could send a command elsewhere or sign with a CI
// identity: npm's and pnpm's own variables (a `pnpm test` run sets many), tokens, the OIDC
// request of GitHub Actions, an outer turbo run's variables.
const INHERITED =
  /^(npm_|pnpm_|turbo_)|^(NODE_AUTH_TOKEN|NPM_TOKEN|ACTIONS_ID_TOKEN_REQUEST_URL|ACTIONS_ID_TOKEN_REQUEST_TOKEN|SIGSTORE_ID_TOKEN)$/i;

/**
 * `env` without the variables above.
 * @param {NodeJS.ProcessEnv} env
 * @returns {NodeJS.ProcessEnv}
 */
export const withoutInherited = (env) =>
  Object.fromEntries(Object.entries(env).filter(([name]) => !INHERITED.test(name)));

/**
 * Starts the registry; resolves once it listens and the run's user exists, with
 *   url, token          where it is, and the user's token;
 *   env(base)           `base` (default process.env) for npm and pnpm commands that must use
 *                       only this registry, with the user's token, provenance off;
 *   packument(name)     what it serves for a package (versions, dist-tags), or null;
 *   inspect(name, v)    what it serves for name@v: the manifest, the tarball, its files;
 *   stop()              ends the server (idempotent).
 *   seed(dirs)          publishes installed third-party packages (their folders) to it.
 * @param {string} dir
 */
export async function startRegistry(dir) {
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, "config.yaml");
  writeFileSync(
    configFile,
    stringify({
      storage: join(dir, "storage"),
      auth: { htpasswd: { file: join(dir, "htpasswd"), max_users: 1 } },
      // No uplinks, and no `proxy` for any package: only what is published here is served.
      packages: {
        "**": { access: "$all", publish: "$authenticated", unpublish: "$authenticated" },
      },
      web: { enable: false },
      log: { type: "stdout", format: "pretty", level: "warn", colors: false },
    }),
  );

  let output = "";
  const child = fork(serverScript, [configFile], { stdio: ["ignore", "pipe", "pipe", "ipc"] });
  // Both are pipes (stdio above).
  for (const stream of /** @type {Readable[]} */ ([child.stdout, child.stderr]))
    stream.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      if (child.connected) child.disconnect();
      child.kill("SIGTERM");
    }
    await exited;
  };

  let url;
  let token;
  try {
    /** @type {number} */
    const port = await new Promise((resolve, reject) => {
      child.once("message", (message) => resolve(/** @type {{ port: number }} */ (message).port));
      child.once("exit", (code, signal) =>
        reject(new Error(`Verdaccio exited (${signal ?? code}) before it listened:\n${output}`)),
      );
    });
    url = `http://127.0.0.1:${port}/`;
    token = await addUser(url, "rehearsal", `pw-${process.pid}-${Date.now()}`);
  } catch (error) {
    await stop();
    throw error;
  }

  const client = join(dir, "client");
  mkdirSync(join(client, "config"), { recursive: true });
  mkdirSync(join(client, "published"));
  const userconfig = join(client, "npmrc");
  const globalconfig = join(client, "npmrc-global");
  writeFileSync(
    userconfig,
    `registry=${url}\n@dcloud:registry=${url}\n//${new URL(url).host}/:_authToken=${token}\nprovenance=false\n`,
    { mode: 0o600 },
  );
  writeFileSync(globalconfig, "");
  /** @param {NodeJS.ProcessEnv} [base] */
  const env = (base = process.env) => ({
    ...withoutInherited(base),
    // npm and pnpm read their user configuration here instead of ~/.npmrc, npm its global
    // one there; pnpm's global config.yaml and auth.ini live under XDG_CONFIG_HOME.
    npm_config_userconfig: userconfig,
    npm_config_globalconfig: globalconfig,
    XDG_CONFIG_HOME: join(client, "config"),
    // `changeset publish` picks the registry it asks "is this version out?" from these.
    npm_config_registry: url,
    "npm_config_@dcloud:registry": url,
    // No CI identity here to sign a provenance statement with.
    npm_config_provenance: "false",
    npm_config_cache: join(client, "npm-cache"),
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
  });

  /**
   * The registry's document for a package (all versions, dist-tags), or null when it has none.
   * @param {string} name
   * @returns {Promise<Packument | null>}
   */
  const packument = async (name) => {
    const response = await fetch(new URL(name.replace("/", "%2f"), url), { headers: { accept: "application/json" } });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`GET ${name} from the registry: HTTP ${response.status}`);
    return /** @type {Promise<Packument>} */ (response.json());
  };

  /**
   * @template {string} Name
   * @param {Name} name
   * @param {string} version
   * @returns {Promise<Inspection<Name>>}
   */
  const inspect = async (name, version) => {
    const served = (await packument(name))?.versions?.[version];
    if (!served) throw new Error(`${name}@${version} is not on the registry`);
    const response = await fetch(served.dist.tarball);
    if (!response.ok) throw new Error(`GET ${served.dist.tarball}: HTTP ${response.status}`);
    const tarball = join(client, "published", `${name.replace("@", "").replace("/", "-")}-${version}.tgz`);
    writeFileSync(tarball, Buffer.from(await response.arrayBuffer()));
    const files = (await must("tar", ["-tzf", tarball])).stdout.split("\n").filter(Boolean);
    const packed = /** @type {Manifest} */ (
      JSON.parse((await must("tar", ["-xzOf", tarball, "package/package.json"])).stdout)
    );
    return { name, version, served, packed, tarball, files };
  };

  /**
   * Publishes installed packages (their folders) as they are, scripts not run.
   * @param {string[]} dirs
   */
  const seed = async (dirs) => {
    const packed = join(client, "seed");
    mkdirSync(packed, { recursive: true });
    for (const dir of dirs) {
      const { stdout } = await must("npm", ["pack", dir, "--ignore-scripts", "--pack-destination", packed], {
        cwd: client,
        env: env(),
      });
      const tarball = join(packed, stdout.trim().split("\n").pop() ?? "");
      await must("npm", ["publish", tarball, "--ignore-scripts"], { cwd: client, env: env() });
    }
  };

  return { url, token, env, packument, inspect, seed, stop };
}

/**
 * `npm adduser` as the registry API has it: creates the user and returns its token.
 * @param {string} url
 * @param {string} name
 * @param {string} password
 */
async function addUser(url, name, password) {
  const response = await fetch(new URL(`-/user/org.couchdb.user:${name}`, url), {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password, email: `${name}@example.com`, type: "user" }),
  });
  const body = /** @type {{ token?: unknown }} */ (await response.json().catch(() => ({})));
  if (!response.ok || typeof body.token !== "string")
    throw new Error(`creating the registry user failed: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}
