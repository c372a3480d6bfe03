import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** `\N` is NULL in COPY's text format. */
export const NULL = '\\N';

/** A value for COPY's text format: NULL, or the text with backslash, tab and line breaks escaped. */
export function text(value: string | null | undefined): string {
  if (value === null || value === undefined) return NULL;
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : value;
}

/**
 * A PostgreSQL array literal inside a COPY text field. Elements are quoted; our word lists contain
 * no ASCII double quote or backslash, but they are escaped anyway (twice: array, then COPY).
 */
export function textArray(values: readonly string[]): string {
  if (values.length === 0) return '{}';
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`.replace(/\\/g, '\\\\');
}

const FLUSH_AT = 1 << 17;

/**
 * One `COPY table (columns) FROM STDIN` on its own connection. Rows are appended to a string
 * buffer that is handed to the stream in ~128 KB chunks; `write` waits when the server is behind,
 * so memory stays flat whatever the row count.
 */
export class CopySink {
  rows = 0;
  private buffer = '';
  private readonly stream: ReturnType<typeof copyFrom>;
  private failed: Error | null = null;

  constructor(
    client: pg.Client,
    readonly table: string,
    columns: string[],
  ) {
    this.stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
    this.stream.on('error', (error: Error) => {
      this.failed = error;
    });
  }

  /** Appends one row (fields already formatted); resolves at once unless the buffer must be flushed. */
  write(fields: string): Promise<void> | undefined {
    this.buffer += fields;
    this.buffer += '\n';
    this.rows++;
    if (this.buffer.length >= FLUSH_AT) return this.flush();
    return undefined;
  }

  private async flush(): Promise<void> {
    if (this.failed) throw this.failed;
    const chunk = this.buffer;
    this.buffer = '';
    // events.once also rejects when the stream emits 'error' while we wait.
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  /** Sends the rest and waits until the server has committed the COPY. */
  async end(): Promise<number> {
    if (this.failed) throw this.failed;
    if (this.buffer) this.stream.write(this.buffer);
    this.buffer = '';
    const finished = once(this.stream, 'finish');
    this.stream.end();
    await finished;
    return this.rows;
  }
}
