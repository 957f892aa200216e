/** An environment variable, trimmed; unset and blank are both `undefined`. */
export function readEnv(name: string): string | undefined {
  const value = typeof process === "object" ? process.env[name]?.trim() : undefined;
  return value ? value : undefined;
}
