/**
 * SourcePool: runs the per-source stages (read, decode, normalize, extract) over
 * the articles of a drop, in worker threads when the drop is large enough to pay
 * for starting them, else on the main thread. Results come back in the order of
 * the articles, whatever thread did the work.
 */
import { availableParallelism } from "node:os"
import { Worker } from "node:worker_threads"
import { Context, Effect, Layer, Schema } from "effect"
import type { Claim } from "../claims/Catalogue.ts"
import { ExtractClaims } from "../claims/Extract.ts"
import { type Article, Ingest, type IngestOptions } from "../ingest/Ingest.ts"
import { processArticle, type SourceResult } from "./ProcessSource.ts"
import type { Batch } from "./worker.ts"

export class WorkerError extends Schema.TaggedError<WorkerError>()("WorkerError", {
  detail: Schema.String
}) {
  override get message() {
    return `a source worker failed: ${this.detail}`
  }
}

export interface PoolOptions extends IngestOptions {
  /** worker threads; 0 runs everything on the main thread */
  readonly workers: number
}

/** Below this many articles, starting workers (each loads the language resources) costs more than it saves. */
const WORKER_THRESHOLD = 400
const BATCH = 64

/** Compiled JavaScript can start workers (the bundle ships `worker.js` beside itself); TypeScript run by a test runner cannot. */
const workerScript = new URL("./worker.js", import.meta.url)
const canUseWorkers = !import.meta.url.endsWith(".ts")

export const defaultWorkers = () => Math.max(1, Math.min(availableParallelism(), 8))

const runInWorkers = (folder: string, articles: ReadonlyArray<Article>, options: PoolOptions, claims: ReadonlyArray<Claim>) =>
  Effect.acquireUseRelease(
    Effect.sync(() =>
      Array.from({ length: Math.min(options.workers, Math.ceil(articles.length / BATCH)) }, () =>
        new Worker(workerScript, { workerData: { claims, options: { maxBytes: options.maxBytes } } })
      )
    ),
    (workers) =>
      Effect.callback<Array<SourceResult>, WorkerError>((resume) => {
        const batches: Array<Batch> = []
        for (let i = 0; i < articles.length; i += BATCH) batches.push({ id: batches.length, folder, articles: articles.slice(i, i + BATCH) })
        const results: Array<ReadonlyArray<SourceResult> | undefined> = new Array(batches.length)
        let next = 0
        let done = 0
        let failed = false
        const feed = (worker: Worker) => {
          if (next < batches.length) worker.postMessage(batches[next++])
        }
        for (const worker of workers) {
          worker.on("message", (reply: { id: number; results?: ReadonlyArray<SourceResult>; error?: string }) => {
            if (failed) return
            if (reply.error !== undefined || reply.results === undefined) {
              failed = true
              resume(Effect.fail(new WorkerError({ detail: reply.error ?? "no results" })))
              return
            }
            results[reply.id] = reply.results
            done++
            if (done === batches.length) resume(Effect.succeed(results.flatMap((r) => r ?? [])))
            else feed(worker)
          })
          worker.on("error", (error) => {
            if (failed) return
            failed = true
            resume(Effect.fail(new WorkerError({ detail: error.message })))
          })
          feed(worker)
        }
      }),
    (workers) => Effect.promise(() => Promise.all(workers.map((w) => w.terminate())))
  )

export class SourcePool extends Context.Service<SourcePool, {
  readonly process: (folder: string, articles: ReadonlyArray<Article>, options: PoolOptions, claims: ReadonlyArray<Claim>) => Effect.Effect<Array<SourceResult>, WorkerError>
}>()("crossclaim/SourcePool") {
  static readonly layer = Layer.effect(
    SourcePool,
    Effect.gen(function*() {
      const ingest = yield* Ingest
      const extract = yield* ExtractClaims
      const process = Effect.fn("SourcePool.process")(function*(folder: string, articles: ReadonlyArray<Article>, options: PoolOptions, claims: ReadonlyArray<Claim>) {
        if (canUseWorkers && options.workers > 0 && articles.length >= WORKER_THRESHOLD) return yield* runInWorkers(folder, articles, options, claims)
        return yield* Effect.forEach(articles, (article) =>
          Effect.map(ingest.read(folder, article, options), (read) => processArticle(article.file, read, extract, claims)))
      })
      return SourcePool.of({ process })
    })
  )
}
