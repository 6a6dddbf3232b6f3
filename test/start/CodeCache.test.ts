/**
 * The start with V8's code cache: a bundle runs the same with a cache, without one, with one V8 rejects and with
 * one made from another bundle; a recorded cache is used by the next start, also when two threads recorded it at once.
 */
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { startBundle } from "../../src/start/CodeCache.ts"

const folder = mkdtempSync(join(tmpdir(), "crossclaim-cache-"))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** A CommonJS bundle that uses require, __dirname and module.exports and lazily compiles a function. */
const writeBundle = (name: string, factor: number) => {
  const file = join(folder, name)
  writeFileSync(
    file,
    `#!/usr/bin/env node\nconst { basename } = require("node:path")\n` +
      `function later(n) { let s = 0; for (let i = 0; i < n; i++) s += i * ${factor}; return s }\n` +
      `module.exports = { folder: basename(__dirname), later }\n`
  )
  return pathToFileURL(file)
}

type Exports = { readonly folder: string; readonly later: (n: number) => number }

describe("startBundle", () => {
  it("runs a bundle without a cache, records one, and the next start uses it", () => {
    const bundle = writeBundle("a.cjs", 2)
    const first = startBundle(bundle)
    expect(first.cache).toBe("none")
    expect((first.exports as Exports).later(10)).toBe(90)
    first.record()
    const second = startBundle(bundle)
    expect(second.cache).toBe("used")
    expect(second.exports).toMatchObject({ folder: folder.split("/").at(-1) })
    expect((second.exports as Exports).later(10)).toBe(90)
  })

  it("reads a bundle that is not ASCII as UTF-8", () => {
    const file = join(folder, "d.cjs")
    writeFileSync(file, `// «Ελληνικά»\nmodule.exports = { word: "straße".replace(/ß/g, "ss"), greek: "Ελλάδα" }\n`)
    expect(startBundle(pathToFileURL(file)).exports).toEqual({ word: "strasse", greek: "Ελλάδα" })
  })

  it("compiles as usual when V8 rejects the cache", () => {
    const bundle = writeBundle("b.cjs", 3)
    // a cache made for this bundle (the key fits) whose bytecode V8 cannot take
    const { size, mtimeMs } = statSync(bundle)
    writeFileSync(`${bundle.pathname}.cache`, `${size}:${mtimeMs}\n${"garbage".repeat(100)}`)
    const started = startBundle(bundle)
    expect(started.cache).toBe("rejected")
    expect((started.exports as Exports).later(10)).toBe(135)
  })

  it("ignores a cache made from another bundle, even one of the same length", () => {
    const bundle = writeBundle("c.cjs", 4)
    startBundle(bundle).record()
    writeBundle("c.cjs", 5)
    // another modification time: the key no longer fits
    utimesSync(bundle.pathname, new Date(2020, 0, 1), new Date(2020, 0, 1))
    const changed = startBundle(bundle)
    expect(changed.cache).toBe("none")
    expect((changed.exports as Exports).later(10)).toBe(225)
  })
})


describe("recording from several threads", () => {
  it("lets two workers of one process record the same bundle's cache at the same moment", async () => {
    const bundle = writeBundle("e.cjs", 6)
    // the module as the workers run it: plain JavaScript, bundled here
    const { buildSync } = await import("esbuild")
    const module = join(folder, "code-cache.cjs")
    buildSync({ entryPoints: [new URL("../../src/start/CodeCache.ts", import.meta.url).pathname], bundle: true, platform: "node", format: "cjs", outfile: module, logLevel: "silent" })
    // both record ROUNDS times, meeting at a barrier before each: the two writes and renames overlap
    const ROUNDS = 200
    const program = `
      const { workerData, parentPort } = require("node:worker_threads")
      const { startBundle } = require(workerData.module)
      const barrier = new Int32Array(workerData.shared)
      const started = startBundle(new URL(workerData.bundle))
      let failure = null
      for (let round = 1; round <= ${ROUNDS}; round++) {
        Atomics.add(barrier, 0, 1)
        while (Atomics.load(barrier, 0) < 2 * round);
        try { started.record() } catch (error) { failure ??= String(error.message) }
      }
      parentPort.postMessage(failure)
    `
    const shared = new SharedArrayBuffer(4)
    const { Worker } = await import("node:worker_threads")
    const run = () =>
      new Promise<string | null>((resolve, reject) => {
        const worker = new Worker(program, { eval: true, workerData: { module, bundle: bundle.href, shared } })
        worker.once("message", resolve)
        worker.once("error", reject)
      })
    expect(await Promise.all([run(), run()])).toEqual([null, null])
    expect(startBundle(bundle).cache).toBe("used")
  })
})
