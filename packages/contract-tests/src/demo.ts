// `pnpm demo`: the real dcloud CLI against a Prism mock of spec/openapi.yaml. No account
// and no network needed: Prism answers on 127.0.0.1 with the examples from the spec.
//
// Each step prints the command line, the CLI's output, and a line on what happened. The
// demo exits 0 only if every step exited with the code the README promises.
import { rmSync } from "node:fs";
import { relative } from "node:path";
import { cliIsBuilt, cliPath, freshHome, runCli } from "./cli.js";
import { type PreferProxy, startPreferProxy } from "./prefer-proxy.js";
import { type RunningPrism, startPrism } from "./prism.js";
import { SPEC_PATH } from "./spec.js";

const API_KEY = "demo-key";
/** The organization of the spec's /me example, which the CLI learns in step 2. */
const ORG = "5a2b7c1d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string) => (text: string) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);
const bold = paint("1");
const dim = paint("2");
const green = paint("32");
const red = paint("31");

interface Step {
  title: string;
  args: string[];
  /** The proxy in front of Prism that the CLI is pointed at. */
  via: PreferProxy;
  expectedExit: number;
  /** What the reader should take away, given the exit code. */
  explain: (exit: number | null) => string;
}

function indent(text: string): string {
  const trimmed = text.replace(/\s+$/, "");
  if (!trimmed) return dim("  │ (no output)");
  return trimmed
    .split("\n")
    .map((line) => `${dim("  │")} ${line}`)
    .join("\n");
}

async function main(): Promise<number> {
  if (!cliIsBuilt()) {
    console.error(`The dcloud CLI is not built (${cliPath()} is missing). Run \`pnpm build\` first.`);
    return 1;
  }

  const servers: { close(): Promise<void> }[] = [];
  const home = freshHome();
  const stop = async () => {
    const running = servers.splice(0);
    await Promise.allSettled(running.map((s) => s.close()));
    rmSync(home, { recursive: true, force: true });
    if (running.length) console.log(dim("Prism and the proxies stopped."));
  };
  const onSignal = () => {
    void stop().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    const prism: RunningPrism = await startPrism();
    servers.push(prism);
    // The CLI reaches Prism through small proxies that record each exchange (so the demo can
    // show what was sent and whether Prism found it valid); two of them also force a status.
    const proxy = async (code?: number) => {
      const started = await startPreferProxy(prism.url, code);
      servers.push(started);
      return started;
    };
    const recorder = await proxy();
    const force409 = await proxy(409);
    const force402 = await proxy(402);

    console.log(bold("dcloud demo: the real CLI against a mock of the deepset Cloud API"));
    console.log();
    console.log(`Prism is mocking ${relative(process.cwd(), SPEC_PATH) || SPEC_PATH} at ${bold(prism.url)}:`);
    console.log("it checks every request against the spec and answers with the spec's examples.");
    console.log(`The CLI reaches it through local proxies that log each request: ${recorder.url} passes`);
    console.log(`requests on as they are; ${force409.url} and ${force402.url} add "Prefer: code=409" and`);
    console.log(`"Prefer: code=402", which make Prism answer with that status.`);
    console.log(`The API key is a made-up "${API_KEY}" (Prism only checks that there is one), and HOME is an`);
    console.log("empty temporary directory, so your own ~/.deepset-cloud/.env is not read.");

    const invite = [
      "--email",
      "ada@example.com",
      "--given-name",
      "Ada",
      "--family-name",
      "Lovelace",
      "--role",
      "member",
    ];
    const steps: Step[] = [
      {
        title: "Who does the API key belong to?",
        args: ["whoami"],
        via: recorder,
        expectedExit: 0,
        explain: (exit) => `/me answered with the spec's example user and their organization; exit ${exit}.`,
      },
      {
        title: "Which workspaces can the key see?",
        args: ["workspaces"],
        via: recorder,
        expectedExit: 0,
        explain: (exit) => `the spec's example workspaces, by name and ID; exit ${exit}.`,
      },
      {
        title: "Invite a user to a workspace by name (the organization ID comes from /me, since there is no --org)",
        args: ["invite", ...invite, "--workspace", "marketing"],
        via: recorder,
        expectedExit: 0,
        explain: (exit) =>
          `dcloud resolved "marketing" with one list, asked /me for the organization, then sent the invitation: 201 Created; exit ${exit}.`,
      },
      {
        title: "Invite someone who is already a member (Prism forced to answer 409)",
        args: ["invite", ...invite, "--org", ORG],
        via: force409,
        expectedExit: 0,
        explain: (exit) => `409 "already belongs to the organization" counts as success: the user is in; exit ${exit}.`,
      },
      {
        title: "Invite on a free plan (Prism forced to answer 402)",
        args: ["invite", ...invite, "--org", ORG],
        via: force402,
        expectedExit: 3,
        explain: (exit) =>
          `402 Payment Required: the plan does not allow invitations, so dcloud exits 3 (it did: ${exit}).`,
      },
    ];

    const outcomes: boolean[] = [];
    for (const [i, step] of steps.entries()) {
      const args = [...step.args, "--api-url", step.via.url];
      const seen = step.via.exchanges.length;
      console.log();
      console.log(bold(`${i + 1}. ${step.title}`));
      console.log(`${dim("$")} DEEPSET_CLOUD_API_KEY=${API_KEY} dcloud ${args.join(" ")}`);
      const result = await runCli(args, { env: { DEEPSET_CLOUD_API_KEY: API_KEY }, home });
      const output = [result.stdout, result.stderr].filter((s) => s.trim()).join("\n");
      console.log(indent(output));
      const exchanges = step.via.exchanges.slice(seen);
      for (const e of exchanges) {
        const verdict = e.violations ? red(`violates the spec: ${e.violations}`) : dim("valid per the spec");
        console.log(`  ${dim("→ Prism got")} ${e.method} ${e.path} ${dim("and answered")} ${e.status}, ${verdict}`);
      }
      if (exchanges.length === 0) console.log(`  ${dim("→ no request reached Prism")}`);
      const ok = result.code === step.expectedExit && exchanges.every((e) => !e.violations);
      outcomes.push(ok);
      const exit = result.code ?? `killed by ${result.signal}`;
      console.log(
        ok
          ? `${green("✓")} ${step.explain(result.code)}`
          : `${red("✗")} expected exit ${step.expectedExit} and no spec violation; got exit ${exit}.`,
      );
    }

    const passed = outcomes.filter(Boolean).length;
    console.log();
    if (passed === steps.length) {
      console.log(
        green(
          `All ${steps.length} steps exited as expected, every request was valid per the spec, and nothing was sent beyond 127.0.0.1.`,
        ),
      );
      return 0;
    }
    console.log(red(`${steps.length - passed} of ${steps.length} steps did not exit as expected.`));
    return 1;
  } finally {
    await stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

// Piped into `head`, stdout closes early: keep going quietly so that Prism is still stopped and HOME removed.
process.stdout.on("error", () => {});

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
