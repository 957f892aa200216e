// What a failed write says to the user: "no space left on device (ENOSPC)", without Node's
// syscall and path decoration. Shared by the report and the standard streams.

const MEANINGS: Record<string, string> = {
  ENOSPC: "no space left on device",
  EFBIG: "the file is too large (a file size limit)",
  EIO: "an input/output error",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  EDQUOT: "disk quota exceeded",
};

export function describeWriteError(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "string" && MEANINGS[code]) return `${MEANINGS[code]} (${code})`;
  const text = typeof message === "string" ? message.split(",")[0] : String(error);
  return typeof code === "string" ? `${text} (${code})` : (text ?? "unknown error");
}
