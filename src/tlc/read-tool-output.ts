// Takes what TLC printed in `-tool` mode (all at once or chunk by chunk) and returns its
// messages, split by the STARTMSG/ENDMSG framing and identified by message code only. It must
// not interpret the messages (to-check-result.ts does) nor depend on the version line's shape.

/** Message classes of `tlc2.output.MP`. */
export const MessageClass = { NONE: 0, ERROR: 1, TLCBUG: 2, WARNING: 3, STATE: 4 } as const;

/** One framed message: `@!@!@STARTMSG code:class @!@!@`, its text lines, `@!@!@ENDMSG code @!@!@`. */
export interface ToolMessage {
  readonly code: number;
  /** The message class (see MessageClass). */
  readonly severity: number;
  /** The lines between the frame markers, joined with `\n`, without trailing empty lines. */
  readonly text: string;
}

/** Everything TLC printed, in the order printed. */
export interface ParsedToolOutput {
  readonly messages: readonly ToolMessage[];
  /**
   * SANY's unframed lines (printed between message 2220 "Starting SANY..." and 2219 "SANY
   * finished."), without the `Parsing file`, `Semantic processing` and `Linting` progress lines:
   * what is left is SANY's report of errors, if any.
   */
  readonly sanyLines: readonly string[];
  /** Other unframed lines (PrintT output, `"CounterExample written: ..."`), in order. */
  readonly otherLines: readonly string[];
}

const START = /^@!@!@STARTMSG (\d+):(\d+) @!@!@$/;
const END = /^@!@!@ENDMSG (\d+) @!@!@$/;
const SANY_PROGRESS = /^(Parsing file |Semantic processing of module |Linting of module )/;

/** Codes that bracket SANY's unframed output. */
const SANY_START = 2220;
const SANY_END = 2219;

/**
 * An incremental reader: feed it chunks as TLC prints them; it calls `onMessage` for each
 * message as soon as its ENDMSG line arrives, so a runner can react to progress (2200) while
 * TLC is still running. `end()` flushes a last line without a newline and returns the whole.
 */
export class ToolOutputReader {
  private pending = '';
  private current: { code: number; severity: number; lines: string[] } | null = null;
  private inSany = false;
  private readonly messages: ToolMessage[] = [];
  private readonly sanyLines: string[] = [];
  private readonly otherLines: string[] = [];

  constructor(private readonly onMessage: (message: ToolMessage) => void = () => {}) {}

  /** Adds a chunk of output; complete lines are processed at once. */
  push(chunk: string): void {
    this.pending += chunk;
    let nl = this.pending.indexOf('\n');
    while (nl >= 0) {
      this.line(this.pending.slice(0, nl).replace(/\r$/, ''));
      this.pending = this.pending.slice(nl + 1);
      nl = this.pending.indexOf('\n');
    }
  }

  /** Processes what is left and returns everything read. An unclosed message is kept as read so far. */
  end(): ParsedToolOutput {
    if (this.pending.length > 0) {
      this.line(this.pending.replace(/\r$/, ''));
      this.pending = '';
    }
    if (this.current) this.finish(this.current);
    return {
      messages: [...this.messages],
      sanyLines: trimBlank(this.sanyLines),
      otherLines: [...this.otherLines],
    };
  }

  private line(line: string): void {
    const start = START.exec(line);
    if (start) {
      // A message started before the previous one ended (TLC killed mid-message): keep both.
      if (this.current) this.finish(this.current);
      this.current = { code: Number(start[1]), severity: Number(start[2]), lines: [] };
      return;
    }
    const end = END.exec(line);
    if (end && this.current) {
      this.finish(this.current);
      return;
    }
    if (this.current) {
      this.current.lines.push(line);
      return;
    }
    if (this.inSany) {
      if (!SANY_PROGRESS.test(line)) this.sanyLines.push(line);
      return;
    }
    if (line.trim() !== '') this.otherLines.push(line);
  }

  private finish(current: { code: number; severity: number; lines: string[] }): void {
    this.current = null;
    const lines = [...current.lines];
    while (lines.at(-1)?.trim() === '') lines.pop();
    const message: ToolMessage = {
      code: current.code,
      severity: current.severity,
      text: lines.join('\n'),
    };
    if (message.code === SANY_START) this.inSany = true;
    if (message.code === SANY_END) this.inSany = false;
    this.messages.push(message);
    this.onMessage(message);
  }
}

/** Reads a whole `-tool` output at once. */
export function readToolOutput(text: string): ParsedToolOutput {
  const reader = new ToolOutputReader();
  reader.push(text);
  return reader.end();
}

function trimBlank(lines: readonly string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a]?.trim() === '') a++;
  while (b > a && lines[b - 1]?.trim() === '') b--;
  return lines.slice(a, b);
}
