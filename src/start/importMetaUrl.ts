/**
 * `import.meta.url` in the CommonJS bundle (src/start/CodeCache.ts): esbuild puts this in its place, the
 * URL of the bundle file, which is beside the worker, the recorded resource check and the project.
 */
import { pathToFileURL } from "node:url"

export const importMetaUrl: string = pathToFileURL(__filename).href
