// The emails seen so far answer as a Map of lower-cased emails to their first line would,
// however many there are.
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { SeenEmails } from "../../src/input/seen-emails.js";

const email = fc.oneof(
  fc.constantFrom("a@x.io", "A@X.io", "zoë@bücher.example", "ZOË@BÜCHER.EXAMPLE", "b@x.io"),
  fc.emailAddress(),
  fc.string({ unit: "grapheme", maxLength: 12 }),
);

test.prop([fc.array(email, { maxLength: 5000 })])(
  "firstLine answers as a Map of lower-cased emails would",
  (emails) => {
    const seen = new SeenEmails();
    const model = new Map<string, number>();
    emails.forEach((address, i) => {
      const line = i + 2;
      const key = address.toLowerCase();
      expect(seen.firstLine(address, line)).toBe(model.get(key));
      if (!model.has(key)) model.set(key, line);
    });
  },
);
