// The process exit codes, as the README's table states them. Scripts branch on these,
// so every exit of the CLI goes through one of these names.
export const ExitCode = {
  /** Every row invited or already a member; whoami succeeded; --help, --version. */
  Ok: 0,
  /** Some row ended neither `invited` nor `already_member`, or whoami failed. */
  Failed: 1,
  /** A usage or input error; nothing was sent. */
  Usage: 2,
  /** 402: the organization's plan does not allow invitations. */
  PaymentRequired: 3,
  /** 401/403, or no API key found. */
  Auth: 4,
  /** SIGINT (used once bulk runs can be interrupted). */
  Interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
