// What the tests of this folder share: a file written to a fresh folder, and `dcloud invite
// --file` run on it against an invitation server on 127.0.0.1, with the key in the environment.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { KEYS, runCli, tempDir } from "../helpers/cli.js";
import { startInvitationServer } from "../helpers/invitation-server.js";
import { ORG_ID } from "../helpers/server.js";

export const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };

export async function inviteFile(name: string, content: string | Uint8Array, extra: string[] = [], runEnv = {}) {
  const server = await startInvitationServer();
  const path = join(await tempDir(), name);
  await writeFile(path, content);
  const result = await runCli(["invite", "--file", path, "--org", ORG_ID, "--api-url", server.url, ...extra], {
    env: { ...env, ...runEnv },
  });
  const sent = server.posts.map((p) => JSON.parse(p.body)).sort((a, b) => a.email.localeCompare(b.email));
  return { server, result, sent, path };
}
