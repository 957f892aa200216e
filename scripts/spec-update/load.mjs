// Reads an OpenAPI document from a URL (http/https, fetched) or a file, as JSON or YAML.
import { readFile } from "node:fs/promises";
import { parse } from "yaml";

export async function loadDocument(from) {
  let text;
  if (/^https?:\/\//i.test(from)) {
    const response = await fetch(from, { headers: { accept: "application/json, application/yaml;q=0.9, */*;q=0.1" } });
    if (!response.ok) throw new Error(`GET ${from} answered ${response.status} ${response.statusText}`);
    text = await response.text();
  } else {
    text = await readFile(from, "utf8");
  }
  // YAML 1.2 is a superset of JSON, so one parser reads both.
  const document = parse(text);
  if (document === null || typeof document !== "object" || !document.paths) {
    throw new Error(`${from} is not an OpenAPI document (no "paths")`);
  }
  if (!/^3\.1\./.test(String(document.openapi))) {
    throw new Error(`${from} is OpenAPI ${document.openapi ?? "?"}; the project's spec and generators expect OpenAPI 3.1`);
  }
  return document;
}
