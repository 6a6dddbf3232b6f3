/**
 * A source worker (`dist/worker.js`): starts the worker's bundle (dist/worker.cjs, from src/sources/worker.ts)
 * with its code cache. With CROSSCLAIM_WRITE_CODE_CACHE=worker (the build) it records the cache once it has
 * processed RECORD_AFTER batches: a pool ends its workers by terminating them, so no exit handler would run.
 * With CROSSCLAIM_CODE_CACHE_STATUS=1 (the build's check) it says on stderr whether V8 took the cache.
 */
import { parentPort } from "node:worker_threads"
import { startBundle } from "./CodeCache.ts"

const RECORD_AFTER = 8

const started = startBundle(new URL("./worker.cjs", import.meta.url))
if (process.env["CROSSCLAIM_CODE_CACHE_STATUS"] === "1") process.stderr.write(`code cache of a source worker: ${started.cache}\n`)
if (process.env["CROSSCLAIM_WRITE_CODE_CACHE"] === "worker") {
  let batches = 0
  // after the bundle's own listener, which processes the batch
  parentPort?.on("message", () => {
    if (++batches === RECORD_AFTER) started.record()
  })
}
