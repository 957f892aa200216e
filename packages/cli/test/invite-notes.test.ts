// What `dcloud invite` says beyond the outcome: an existing member asked into workspaces is
// told that their access did not change; the organization is named by its name with its ID;
// a 403 gets the permission hint, not the refused-key one; a CI script's --yes is accepted on a
// single invitation.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { JANE, KEYS, runCli, tempDir } from "./helpers/cli.js";
import { startInvitationServer, usersCsv } from "./helpers/invitation-server.js";
import { inviteReply, OK_ROUTES, ORG_ID, startServer } from "./helpers/server.js";

const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };
const WS = "0b8a6f8e-1f4c-4d3a-9e2b-7c6d5e4f3a21";

async function csv(text: string): Promise<string> {
  const file = join(await tempDir(), "people.csv");
  await writeFile(file, text);
  return file;
}

describe("an existing member asked into workspaces", () => {
  it("single invitation: exit 0, and a warning that the workspace access was not changed", async () => {
    const server = await startServer(inviteReply({ status: 409 }));
    const result = await runCli(["invite", ...JANE, "--workspace-id", WS, "--org", ORG_ID, "--api-url", server.url], {
      env,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      "warning: jane@example.com: already a member: their workspace access was not changed",
    );
  });

  it("a file: the warning names the line; --json carries it as the row's note; without workspaces, no note", async () => {
    const server = await startServer(inviteReply({ status: 409 }));
    const file = await csv(
      `email,given_name,family_name,role,workspace_ids\na@example.com,A,A,member,${WS}\nb@example.com,B,B,member,\n`,
    );
    const args = ["invite", "--file", file, "--org", ORG_ID, "--api-url", server.url];
    const text = await runCli(args, { env });
    expect(text.stderr).toContain(
      "warning: line 2: a@example.com: already a member: their workspace access was not changed",
    );
    expect(text.stderr).not.toContain("b@example.com");

    const json = JSON.parse((await runCli([...args, "--json"], { env })).stdout);
    const byEmail = new Map(json.results.map((r: { email: string }) => [r.email, r]));
    expect(byEmail.get("a@example.com")).toMatchObject({
      status: "already_member",
      note: expect.stringMatching(/workspace access was not changed/),
    });
    expect(byEmail.get("b@example.com")).not.toHaveProperty("note");
  });
});

describe("the organization", () => {
  it("is named by its name and ID in the summary when /me gives it", async () => {
    const api = await startInvitationServer();
    const result = await runCli(["invite", "--file", await csv(usersCsv(2)), "--api-url", api.url], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`organization Analytical Engines (${ORG_ID})`);
  });
});

describe("--yes", () => {
  it("is accepted on a single invitation, doing nothing", async () => {
    const server = await startServer(OK_ROUTES);
    const result = await runCli(["invite", ...JANE, "--org", ORG_ID, "--api-url", server.url, "--yes"], { env });
    expect(result.code).toBe(0);
    expect(server.requests).toHaveLength(1);
  });
});

describe("a 403 in a file run", () => {
  it("stops the run with the permission hint, not the refused-key one", async () => {
    const api = await startInvitationServer({ always: 403 });
    const result = await runCli(
      ["invite", "--file", await csv(usersCsv(3)), "--org", ORG_ID, "--api-url", api.url, "--concurrency", "1"],
      { env },
    );
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("the run stopped at the first 403");
    expect(result.stderr).toContain("inviting users needs an organization admin");
    expect(result.stderr).not.toContain("The API key was refused");
  });
});
