// Newline-delimited JSON-RPC over a byte stream, with as little copying as possible: every
// complete line goes to `decide`, which returns null (send the bytes as they are) or the
// bytes to send instead. Runs of untouched lines leave as one slice of the chunk they came
// in. A line longer than `maxLineBytes` is an error (the stream cannot be checked).
export type LineDecision = (line: Buffer) => Buffer | null;

export class LineTooLong extends Error {}

export class LineSplitter {
  private parts: Buffer[] = [];
  private partBytes = 0;

  constructor(
    private readonly decide: LineDecision,
    private readonly maxLineBytes: number,
  ) {}

  /** The bytes to send for this chunk (possibly empty: a line is not complete yet). */
  push(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let start = 0;
    let runStart = 0;
    let nl = chunk.indexOf(0x0a, start);
    if (nl < 0) {
      this.keep(chunk);
      return out;
    }
    if (this.partBytes > 0) {
      // The first line began in an earlier chunk.
      const line = Buffer.concat([...this.parts, chunk.subarray(0, nl + 1)]);
      this.parts = [];
      this.partBytes = 0;
      if (line.length > this.maxLineBytes) throw new LineTooLong(`a message of more than ${this.maxLineBytes} bytes`);
      out.push(this.decide(line) ?? line);
      start = runStart = nl + 1;
      nl = chunk.indexOf(0x0a, start);
    }
    while (nl >= 0) {
      if (nl + 1 - start > this.maxLineBytes) throw new LineTooLong(`a message of more than ${this.maxLineBytes} bytes`);
      const line = chunk.subarray(start, nl + 1);
      const replaced = this.decide(line);
      if (replaced) {
        if (start > runStart) out.push(chunk.subarray(runStart, start));
        out.push(replaced);
        runStart = nl + 1;
      }
      start = nl + 1;
      nl = chunk.indexOf(0x0a, start);
    }
    if (start > runStart) out.push(chunk.subarray(runStart, start));
    if (start < chunk.length) this.keep(chunk.subarray(start));
    return out;
  }

  /** What is left at the end of the stream (a last line without a newline). */
  end(): Buffer[] {
    if (this.partBytes === 0) return [];
    const line = Buffer.concat(this.parts);
    this.parts = [];
    this.partBytes = 0;
    return [this.decide(line) ?? line];
  }

  private keep(b: Buffer): void {
    this.partBytes += b.length;
    if (this.partBytes > this.maxLineBytes) throw new LineTooLong(`a message of more than ${this.maxLineBytes} bytes`);
    // Copy: the chunk's memory may be reused by the stream.
    this.parts.push(Buffer.from(b));
  }
}
