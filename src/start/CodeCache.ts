/**
 * Starts a bundle (the command line's, or a source worker's) with V8's code cache. The bundle is a CommonJS file
 * compiled through `vm.Script`, which can take the bytecode of an earlier run: the build runs the report on the
 * seeds with CROSSCLAIM_WRITE_CODE_CACHE=main, and on a generated drop with workers with =worker, and the bytecode
 * of every function compiled in those runs is saved beside each bundle. A later start then neither parses the
 * 4 MB bundle nor compiles those functions again. A worker starts cold in every run: on a drop of 2,000
 * articles its cache took 7 % off the wall time.
 *
 * The cache names the bundle it was made from (its size and modification time); V8 itself rejects a cache
 * from another Node or with other V8 flags. A cache that does not fit, or none, only means the bundle is
 * compiled as usual: the cache never changes what a run does, only how soon it starts.
 */
import { isAscii } from "node:buffer"
import { readFileSync, renameSync, statSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname } from "node:path"
import { fileURLToPath } from "node:url"
import { Script } from "node:vm"
import { threadId } from "node:worker_threads"

type CommonJs = (require: NodeJS.Require, module: { exports: unknown }, exports: unknown, filename: string, dirname: string) => void

export interface StartedBundle {
  /** the bundle's exports */
  readonly exports: unknown
  /** "none" without a cache for this bundle, "used", or "rejected" by V8 */
  readonly cache: "none" | "used" | "rejected"
  /** saves the bytecode compiled so far (call it late: at exit) as the bundle's cache */
  readonly record: () => void
}

/** What a cache is valid for: the bundle's size and modification time. */
const bundleKey = (file: string): string => {
  const info = statSync(file)
  return `${info.size}:${info.mtimeMs}\n`
}

/** The cache's bytecode when it was made from this very bundle, else undefined. */
const readCache = (cacheFile: string, key: string): Buffer | undefined => {
  let bytes: Buffer
  try {
    bytes = readFileSync(cacheFile)
  } catch {
    return undefined
  }
  return bytes.subarray(0, key.length).toString("latin1") === key ? bytes.subarray(key.length) : undefined
}

/** Runs a CommonJS bundle, with its code cache (`<bundle>.cache`) when there is one made from it. */
export const startBundle = (bundle: URL): StartedBundle => {
  const file = fileURLToPath(bundle)
  const cacheFile = `${file}.cache`
  const key = bundleKey(file)
  const bytes = readFileSync(file)
  // the build makes the bundle ASCII (AsciiSource.ts), which reads fastest as one-byte text
  const text = bytes.toString(isAscii(bytes) ? "latin1" : "utf8")
  // a "#!" line becomes a comment of the same length, so that positions in stack traces stay those of the file
  const body = text.startsWith("#!") ? `//${text.slice(2)}` : text
  const cachedData = readCache(cacheFile, key)
  const script = new Script(`(function (require, module, exports, __filename, __dirname) {${body}\n})`, { filename: file, cachedData })
  const run = script.runInThisContext() as CommonJs
  const module = { exports: {} as unknown }
  run(createRequire(file), module, module.exports, file, dirname(file))
  return {
    exports: module.exports,
    cache: cachedData === undefined ? "none" : script.cachedDataRejected === true ? "rejected" : "used",
    record: () => {
      // the workers of one process record theirs at about the same time: each writes its own file
      const temporary = `${cacheFile}.${process.pid}-${threadId}.tmp`
      writeFileSync(temporary, Buffer.concat([Buffer.from(key, "latin1"), script.createCachedData()]))
      renameSync(temporary, cacheFile)
    }
  }
}
