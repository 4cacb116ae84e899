import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Readable stack traces without `--enable-source-maps`. That flag makes Node load and parse the
 * bundle's source map at every cold start (5–25 ms of CPU here, docs/performance.md). We only need
 * it when we log an error. So a logged error's frames in this bundle are mapped back to our
 * TypeScript, through the `index.mjs.map` beside the bundle, read on first use.
 *
 * From source (tsx, vitest) the frames already name the .ts files, and the stack is left as it is.
 */
type StackMapper = (stack: string) => string;

type Bundle = { file: string; url: string; map: SourceMap };

/** Maps `file:line:column` frames of `bundleFile` through `mapJson`. */
function stackMapperFor(bundleFile: string, mapJson: string): StackMapper {
  const bundle: Bundle = {
    file: bundleFile,
    url: pathToFileURL(bundleFile).href,
    map: new SourceMap(JSON.parse(mapJson)),
  };
  return (stack) =>
    stack
      .split('\n')
      .map((line) => mapFrame(line, bundle))
      .join('\n');
}

const frame = /(file:\/\/[^\s()]+|\/[^\s():]+):(\d+):(\d+)/;

function mapFrame(line: string, bundle: Bundle): string {
  return line.replace(frame, (whole, file: string, l: string, c: string) => {
    if (file !== bundle.url && file !== bundle.file) return whole;
    const entry = bundle.map.findEntry(Number(l) - 1, Number(c) - 1) as Partial<{
      originalSource: string;
      originalLine: number;
      originalColumn: number;
    }>;
    if (!entry.originalSource || entry.originalLine === undefined || entry.originalColumn === undefined) return whole;
    // Sources are relative to the map ("../../shared/…"); keep the repository path.
    const source = entry.originalSource.replace(/^(?:file:\/\/)?(?:\.\.\/|\.\/)*/, '');
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

let mapper: StackMapper | undefined;

/** This bundle's mapper, loaded once; the identity when there is no bundle or no map beside it. */
function bundleMapper(): StackMapper {
  if (mapper) return mapper;
  mapper = (stack) => stack;
  try {
    const file = fileURLToPath(import.meta.url);
    if (file.endsWith('.mjs')) mapper = stackMapperFor(file, readFileSync(`${file}.map`, 'utf8'));
  } catch {
    // No map shipped (or unreadable): the bundle's own positions are still a stack.
  }
  return mapper;
}

/** The stack with this bundle's frames pointing at the TypeScript they came from. */
export const readableStack = (stack: string | undefined): string | undefined =>
  stack === undefined ? undefined : bundleMapper()(stack);
