// The command line of a root script (`pnpm spec:diff`, `spec:update`, `spec:sync`), read one
// way: a usage error says what is wrong with the usage line and exits 2, `--help` prints the
// usage line and exits 0, and paths are then taken from where pnpm was called.
import { parseArgs } from "node:util";

/**
 * @template {NonNullable<import("node:util").ParseArgsConfig["options"]>} O
 * @template {keyof O & string} [R=never]
 * @param {{ name: string, usage: string, options: O, allowPositionals?: boolean, required?: R[] }} spec
 *   `required`: options without which only the usage line is printed (exit 2).
 * @returns {{
 *   values: import("node:util").ParsedResults<{ options: O }>["values"] & { [K in R]: string },
 *   positionals: string[],
 *   usageError: (message: string) => never,
 * }}
 */
export function readCommandLine({ name, usage, options, allowPositionals = false, required = [] }) {
  /** @param {string} message @returns {never} */
  const usageError = (message) => {
    console.error(`${name}: ${message}\n${usage}`);
    process.exit(2);
  };
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals,
      options: { ...options, help: { type: "boolean", short: "h", default: false } },
    });
  } catch (error) {
    usageError(/** @type {Error} */ (error).message);
  }
  const { values, positionals } = /** @type {{ values: Record<string, unknown>, positionals: string[] }} */ (parsed);
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const missing = required.find((option) => !values[option]);
  if (missing) {
    console.error(usage);
    process.exit(2);
  }
  // pnpm runs root scripts in the repository's root: paths are taken from where it was called.
  if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
  // parseArgs's own type does not follow a generic `options`; the check above makes `required` strings.
  return /** @type {any} */ ({ values, positionals, usageError });
}
