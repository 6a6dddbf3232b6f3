/**
 * Starts the command line's bundle with V8's code cache. The bundle is a CommonJS file compiled through
 * `vm.Script`, which can take the bytecode of an earlier run: the build runs the report once on the seeds
 * with CROSSCLAIM_WRITE_CODE_CACHE=1, and the bytecode of every function compiled in that run is saved
 * beside the bundle. A later start then neither parses the 4 MB bundle nor compiles those functions again.
 * A cache that does not fit (another Node, other V8 flags, a changed bundle) is rejected by V8 and the
 * bundle is compiled as usual; a missing one changes nothing either. The cache never affects what a run
 * writes, only how soon it starts.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname } from "node:path"
import { fileURLToPath } from "node:url"
import { Script } from "node:vm"

type CommonJs = (require: NodeJS.Require, module: { exports: unknown }, exports: unknown, filename: string, dirname: string) => void

const readOrUndefined = (file: string): Buffer | undefined => {
  try {
    return readFileSync(file)
  } catch {
    return undefined
  }
}

/** Runs a CommonJS bundle, with its code cache (`<bundle>.cache`) when there is one that fits. */
export const runBundle = (bundle: URL): void => {
  const file = fileURLToPath(bundle)
  const cacheFile = `${file}.cache`
  const text = readFileSync(file, "utf8")
  // a "#!" line becomes a comment of the same length, so that positions in stack traces stay those of the file
  const body = text.startsWith("#!") ? `//${text.slice(2)}` : text
  const script = new Script(`(function (require, module, exports, __filename, __dirname) {${body}\n})`, {
    filename: file,
    cachedData: readOrUndefined(cacheFile)
  })
  if (process.env["CROSSCLAIM_WRITE_CODE_CACHE"] === "1") {
    process.once("exit", () => {
      const temporary = `${cacheFile}.${process.pid}.tmp`
      writeFileSync(temporary, script.createCachedData())
      renameSync(temporary, cacheFile)
    })
  }
  const run = script.runInThisContext() as CommonJs
  const module = { exports: {} }
  run(createRequire(file), module, module.exports, file, dirname(file))
}
