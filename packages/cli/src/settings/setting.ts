/** A resolved setting and where it came from, so `--debug` and error messages can say which source won. */
export interface Setting<T> {
  value: T;
  /** e.g. `--api-url`, `env DEEPSET_CLOUD_API_KEY`, `~/.deepset-cloud/.env (API_KEY)`. */
  source: string;
}

/** A value from the environment or a file, trimmed; unset and blank both mean "not given". */
export function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
