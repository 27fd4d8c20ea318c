/**
 * Bundles the playground (web/graphiql/main.tsx: GraphiQL with React and Monaco) into
 * build/graphiql/: index.html, and under assets/ the script, its stylesheet and Monaco's three
 * workers, each named by a hash of its content so the server can let browsers keep them for a
 * year. Run by `npm run build` and `npm test` after tsc; nothing is fetched at run time.
 *
 *   node build/scripts/build-graphiql.js
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { build, Metafile } from 'esbuild';
import { readPlaygroundTabs } from './graphiql-tabs';
import { GRAPHIQL_ASSETS_PATH, GRAPHIQL_DIR } from '../src/graphiql';

const ROOT = join(__dirname, '..', '..');
const ASSETS = join(GRAPHIQL_DIR, 'assets');

const WORKERS = {
  editor: 'monaco-editor/esm/vs/editor/editor.worker.js',
  json: 'monaco-editor/esm/vs/language/json/json.worker.js',
  graphql: 'monaco-graphql/esm/graphql.worker.js',
} as const;

/** The URL of the output built from an entry point, found in esbuild's metafile. */
function outputUrl(metafile: Metafile, entry: string, extension = '.js'): string {
  const found = Object.entries(metafile.outputs).find(([file, output]) =>
    file.endsWith(extension) && (extension !== '.js' || output.entryPoint?.endsWith(entry)) && (extension !== '.css' || output.cssBundle === undefined));
  if (!found) throw new Error(`esbuild wrote no ${extension} output for ${entry}`);
  return `${GRAPHIQL_ASSETS_PATH}/${basename(found[0])}`;
}

async function main(): Promise<void> {
  const started = Date.now();
  rmSync(GRAPHIQL_DIR, { recursive: true, force: true });
  mkdirSync(ASSETS, { recursive: true });
  const common = {
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    // GraphiQL titles its icons after their components' names ("close icon").
    keepNames: true,
    outdir: ASSETS,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'linked',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
  } as const;
  // Classic (not module) workers: Monaco creates them with `new Worker(url)`.
  const workers = await build({
    ...common,
    entryPoints: Object.entries(WORKERS).map(([name, path]) => ({ in: path, out: `${name}.worker` })),
    format: 'iife',
  });
  const workerUrls = Object.fromEntries(Object.entries(WORKERS).map(([name, path]) => [name, outputUrl(workers.metafile, path)]));
  const tabs = readPlaygroundTabs(ROOT).map(({ name, query, variables }) => ({ name, query, variables }));
  const page = await build({
    ...common,
    entryPoints: [{ in: 'web/graphiql/main.tsx', out: 'graphiql' }],
    format: 'esm',
    jsx: 'automatic',
    // Fonts and images the stylesheets name are served from here too (graphiql inlines its own).
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file' },
    define: { ...common.define, __PLAYGROUND__: JSON.stringify({ tabs, workers: workerUrls }) },
  });
  const script = outputUrl(page.metafile, 'web/graphiql/main.tsx');
  const stylesheet = outputUrl(page.metafile, 'web/graphiql/main.tsx', '.css');
  writeFileSync(join(GRAPHIQL_DIR, 'index.html'), `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphiQL · safer-communities-api</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${stylesheet}">
</head>
<body>
<main id="graphiql"></main>
<script type="module" src="${script}"></script>
</body>
</html>
`);
  const bytes = Object.values({ ...workers.metafile.outputs, ...page.metafile.outputs }).reduce((sum, output) => sum + output.bytes, 0);
  console.log(`GraphiQL built into ${relative(ROOT, GRAPHIQL_DIR)}/ (${tabs.length} tabs, ${(bytes / 1024 / 1024).toFixed(1)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(`build-graphiql: ${(error as Error).message ?? error}`);
  process.exitCode = 1;
});
