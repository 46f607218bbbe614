// The server logs one JSON object per line (lib/log); tests wait for lines by their message.

export type LogEntry = { level: string; msg: string; [field: string]: unknown };

/** The entry a stdout line holds, or null for a line that is no log entry (a script's own output). */
export function parseLogLine(line: string): LogEntry | null {
  if (!line.startsWith('{')) return null;
  try {
    const entry = JSON.parse(line) as Partial<LogEntry>;
    return typeof entry.msg === 'string' && typeof entry.level === 'string' ? (entry as LogEntry) : null;
  } catch {
    return null;
  }
}
