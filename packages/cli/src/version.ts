// The CLI's version, written into the bundle by build.mjs from package.json, so
// `dcloud --version` needs no file read at start-up.
declare const __DCLOUD_CLI_VERSION__: string | undefined;

export const CLI_VERSION: string = typeof __DCLOUD_CLI_VERSION__ === "string" ? __DCLOUD_CLI_VERSION__ : "0.0.0-dev";
