// A CSV of `rows` valid invitees (user1@example.com, …), written in chunks so that a million
// rows never sit in memory at once. Shared by the benchmarks that run `dcloud invite --file`.
import { once } from "node:events";
import { createWriteStream } from "node:fs";

export async function writePeopleCsv(path, rows) {
  const out = createWriteStream(path);
  out.write("email,given_name,family_name,role,workspace_ids\n");
  const CHUNK = 10_000;
  for (let start = 1; start <= rows; start += CHUNK) {
    let text = "";
    for (let i = start; i < Math.min(start + CHUNK, rows + 1); i++)
      text += `user${i}@example.com,Given${i},Family${i},member,\n`;
    if (!out.write(text)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return path;
}
