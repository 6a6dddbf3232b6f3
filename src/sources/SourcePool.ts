/**
 * SourcePool: runs the per-source stages (read, decode, normalize, extract,
 * align, render) over the articles of a drop, in worker threads when the drop is
 * large enough to pay for starting them, else on the main thread. Each outcome is
 * handed on in the order of the articles, whatever thread did the work, as soon
 * as those before it are in: a run holds a window of batches, never the drop.
 */
import { availableParallelism } from "node:os"
import { Worker } from "node:worker_threads"
import { Context, Effect, Layer, Schema } from "effect"
import { ExtractClaims } from "../claims/Extract.ts"
import type { Article, IngestOptions } from "../ingest/Ingest.ts"
import { processArticle, readArticleSync, type SourceOutcome, type SourceSetup } from "./ProcessSource.ts"
import type { Batch, Reply, WorkerSetup } from "./worker.ts"

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
const BATCH = 32
/** batches sent ahead of the first one not yet handed on, per worker */
const AHEAD = 4

/**
 * The young generation of a worker's heap, where V8 allocates first: 96 MB (two semi-spaces of 32 MB and room for
 * large objects), twice Node's default. A source's tokens, hits and rendered pieces die young; with room for them,
 * fewer of them are copied by scavenges before they die. Measured in a worker thread on 2,000 generated articles
 * (medians of 18 passes after warm-up, runs alternating): 1,354 µs per article against 1,514 µs with the default
 * 48 MB, and 1,422 µs with 192 MB.
 */
const YOUNG_GENERATION_MB = 96

/** Compiled JavaScript can start workers (the bundle ships `worker.js` beside itself); TypeScript run by a test runner cannot. */
const workerScript = new URL("./worker.js", import.meta.url)
const canUseWorkers = !import.meta.url.endsWith(".ts")

export const defaultWorkers = () => Math.max(1, Math.min(availableParallelism(), 8))

type OnOutcome = (outcome: SourceOutcome) => void

const runInWorkers = (folder: string, articles: ReadonlyArray<Article>, options: PoolOptions, setup: SourceSetup, onOutcome: OnOutcome) =>
  Effect.acquireUseRelease(
    Effect.sync(() =>
      Array.from({ length: Math.min(options.workers, Math.ceil(articles.length / BATCH)) }, () =>
        new Worker(workerScript, {
          workerData: { setup, options: { maxBytes: options.maxBytes } } satisfies WorkerSetup,
          resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB }
        })
      )
    ),
    (workers) =>
      Effect.callback<void, WorkerError>((resume) => {
        const batches = Math.ceil(articles.length / BATCH)
        const arrived = new Map<number, ReadonlyArray<SourceOutcome>>()
        let sent = 0
        let handed = 0
        let failed = false
        const idle: Array<Worker> = []
        const fail = (detail: string) => {
          if (failed) return
          failed = true
          resume(Effect.fail(new WorkerError({ detail })))
        }
        const feed = () => {
          while (!failed && idle.length > 0 && sent < batches && sent < handed + AHEAD * workers.length) {
            const batch: Batch = { id: sent, folder, articles: articles.slice(sent * BATCH, (sent + 1) * BATCH) }
            idle.pop()!.postMessage(batch)
            sent++
          }
        }
        for (const worker of workers) {
          worker.on("message", (reply: Reply) => {
            if (failed) return
            if (reply.error !== undefined) return fail(reply.error)
            arrived.set(reply.id, reply.outcomes)
            for (let next = arrived.get(handed); next !== undefined; next = arrived.get(handed)) {
              arrived.delete(handed)
              handed++
              for (const outcome of next) onOutcome(outcome)
            }
            idle.push(worker)
            if (handed === batches) resume(Effect.void)
            else feed()
          })
          worker.on("error", (error) => fail(error.message))
          idle.push(worker)
        }
        feed()
      }),
    (workers) => Effect.promise(() => Promise.all(workers.map((w) => w.terminate())))
  )

export class SourcePool extends Context.Service<SourcePool, {
  /** Processes the articles and hands each outcome to `onOutcome`, in the order of the articles. */
  readonly process: (folder: string, articles: ReadonlyArray<Article>, options: PoolOptions, setup: SourceSetup, onOutcome: OnOutcome) => Effect.Effect<void, WorkerError>
}>()("crossclaim/SourcePool") {
  static readonly layer = Layer.effect(
    SourcePool,
    Effect.gen(function*() {
      const extract = yield* ExtractClaims
      const process = Effect.fn("SourcePool.process")(function*(folder: string, articles: ReadonlyArray<Article>, options: PoolOptions, setup: SourceSetup, onOutcome: OnOutcome) {
        if (canUseWorkers && options.workers > 0 && articles.length >= WORKER_THRESHOLD) return yield* runInWorkers(folder, articles, options, setup, onOutcome)
        yield* Effect.sync(() => {
          for (const article of articles) onOutcome(processArticle(article.file, readArticleSync(folder, article, options), extract, setup))
        })
      })
      return SourcePool.of({ process })
    })
  )
}
