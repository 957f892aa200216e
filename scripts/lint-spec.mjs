#!/usr/bin/env node
// `pnpm lint:spec`: lints spec/openapi.yaml with Redocly CLI under the committed redocly.yaml
// (arguments are passed on: a file to lint another spec, `--format=json`). Errors fail the
// build; the config makes every rule of the recommended set an error.
import { redoclyLint } from "./redocly.mjs";

process.exit(redoclyLint(process.argv.slice(2)).status);
