/**
 * The street-level files in what a user points the importer at: police.uk's zip download
 * (`YYYY-MM/YYYY-MM-<force>-street.csv` inside), an unpacked folder, or single CSVs.
 * Files are read as streams, one at a time; nothing is unpacked to disk or held whole.
 */
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ImportError } from '../import-error';

export interface StreetFile {
  /** How errors name it: the path, or `archive.zip!YYYY-MM/YYYY-MM-force-street.csv`. */
  readonly name: string;
  readonly force: string;
  /** `YYYY-MM`. */
  readonly month: string;
  /** Compressed or on-disk size, for progress. */
  readonly size: number;
  open(): Promise<Readable>;
}

const STREET_FILE = /(?:^|\/)(\d{4}-(?:0[1-9]|1[0-2]))-([a-z0-9]+(?:-[a-z0-9]+)*)-street\.csv$/;

function parseName(path: string): { month: string; force: string } | null {
  const match = STREET_FILE.exec(path.replace(/\\/g, '/'));
  return match ? { month: match[1], force: match[2] } : null;
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) {
        reject(new ImportError({ file }, `cannot read the zip archive (${error?.message ?? 'unknown error'}); is it truncated or not a zip?`));
      } else {
        resolve(zip);
      }
    });
  });
}

/** The street files of a zip, in archive order; the next entry is read only when the caller asks. */
async function* zipEntries(file: string, skipped: string[]): AsyncGenerator<StreetFile> {
  const zip = await openZip(file);
  const next = (): Promise<yauzl.Entry | null> => new Promise((resolve, reject) => {
    const onEntry = (entry: yauzl.Entry): void => { cleanup(); resolve(entry); };
    const onEnd = (): void => { cleanup(); resolve(null); };
    const onError = (error: Error): void => { cleanup(); reject(new ImportError({ file }, `the zip archive is damaged: ${error.message}`)); };
    const cleanup = (): void => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
  try {
    for (let entry = await next(); entry; entry = await next()) {
      if (entry.fileName.endsWith('/')) continue;
      const parsed = parseName(entry.fileName);
      if (!parsed) {
        skipped.push(`${basename(file)}!${entry.fileName}`);
        continue;
      }
      const current = entry;
      yield {
        name: `${file}!${entry.fileName}`,
        ...parsed,
        size: entry.compressedSize,
        open: () => new Promise<Readable>((resolve, reject) => {
          zip.openReadStream(current, (error, stream) => {
            if (error || !stream) reject(new ImportError({ file: `${file}!${current.fileName}` }, `cannot read this entry: ${error?.message}`));
            else resolve(stream);
          });
        }),
      };
    }
  } finally {
    zip.close();
  }
}

function plainFile(path: string, name: string, parsed: { month: string; force: string }): StreetFile {
  return { name, ...parsed, size: statSync(path).size, open: async () => createReadStream(path) };
}

function* folderFiles(folder: string, skipped: string[]): Generator<StreetFile> {
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
  for (const path of walk(folder)) {
    const parsed = parseName(relative(folder, path));
    if (parsed) yield plainFile(path, path, parsed);
    else skipped.push(path);
  }
}

/** Every street file in the inputs, in order; other files are listed in `skipped`. */
export async function* streetFiles(inputs: readonly string[], skipped: string[] = []): AsyncGenerator<StreetFile> {
  for (const input of inputs) {
    let stats;
    try {
      stats = statSync(input);
    } catch {
      throw new ImportError({ file: input }, 'no such file or folder');
    }
    if (stats.isDirectory()) {
      yield* folderFiles(input, skipped);
    } else if (input.toLowerCase().endsWith('.zip')) {
      yield* zipEntries(input, skipped);
    } else {
      const parsed = parseName(basename(input));
      if (!parsed) throw new ImportError({ file: input }, 'not a police.uk street-level file: expected a name like 2021-03-leicestershire-street.csv, a police.uk zip or a folder');
      yield plainFile(input, input, parsed);
    }
  }
}
