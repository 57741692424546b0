/** Where the emulator writes its log lines; each already has the prefix. */
export type LogSink = (line: string) => void;

export type Logger = (message: string) => void;

const LOG_PREFIX = "[emulator]";

/** A logger that puts the one emulator prefix in front of every line. */
export function createLogger(sink: LogSink = console.log): Logger {
  return (message) => sink(`${LOG_PREFIX} ${message}`);
}

/** An ISO timestamp for log lines from an epoch-millisecond instant. */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** A client-supplied value made safe for one log line: no spaces, short. */
export function logValue(value: string): string {
  const printable = value.replace(/[^\x21-\x7e]/g, "?");

  return printable.length > 80 ? `${printable.slice(0, 80)}…` : printable;
}
