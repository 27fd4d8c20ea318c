/** Where in a source file something was found: 1-based line and column. */
export interface SourceLocation {
  readonly file: string;
  /** Absent for a problem with the file as a whole, e.g. a truncated archive. */
  readonly line?: number;
  readonly column?: number;
}

export function formatLocation(location: SourceLocation): string {
  if (location.line === undefined) return location.file;
  return `${location.file}:${location.line}${location.column === undefined ? '' : `:${location.column}`}`;
}

/** A problem with an input file, named by file, line and column. Nothing from the file is written. */
export class ImportError extends Error {
  override name = 'ImportError';
  constructor(
    readonly location: SourceLocation,
    readonly problem: string,
  ) {
    super(`${formatLocation(location)}: ${problem}`);
  }
}

/** Something the importer noticed and resolved by a stated rule; it is reported, never silent. */
export interface ImportWarning {
  readonly location: SourceLocation;
  readonly message: string;
}

export function formatWarning(warning: ImportWarning): string {
  return `${formatLocation(warning.location)}: ${warning.message}`;
}

/**
 * Decodes bytes as UTF-8, failing with the line and column of the first byte that is not
 * UTF-8 (a garbled or wrongly encoded file), instead of silently inserting U+FFFD.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    let valid = bytes.length;
    // Find the longest valid prefix to say where the bad byte is.
    let low = 0;
    let high = bytes.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
        low = mid;
      } catch {
        high = mid - 1;
      }
    }
    valid = low;
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, valid));
    const lines = prefix.split('\n');
    throw new ImportError(
      { file, line: lines.length, column: lines[lines.length - 1].length + 1 },
      `byte 0x${bytes[valid]?.toString(16).padStart(2, '0')} is not valid UTF-8; save the file as UTF-8`,
    );
  }
}
