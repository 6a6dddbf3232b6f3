/** A worker thread of the source pool: loads the language resources once, then processes the batches of articles it is sent. */
import { parentPort, workerData } from "node:worker_threads"
import { makeExtractor } from "../claims/Extract.ts"
import type { Article, IngestOptions } from "../ingest/Ingest.ts"
import { loadLanguages } from "../languages/Languages.ts"
import { piecesBuffers } from "../report/SourcePieces.ts"
import { processArticle, readArticleSync, type SourceOutcome, type SourceSetup } from "./ProcessSource.ts"

export interface WorkerSetup {
  readonly setup: SourceSetup
  readonly options: IngestOptions
}

export interface Batch {
  readonly id: number
  readonly folder: string
  readonly articles: ReadonlyArray<Article>
}

export type Reply = { readonly id: number; readonly outcomes: ReadonlyArray<SourceOutcome>; readonly error?: undefined } | { readonly id: number; readonly error: string }

const { setup, options } = workerData as WorkerSetup
const extractor = makeExtractor(loadLanguages())

parentPort!.on("message", (batch: Batch) => {
  let reply: Reply
  let transfer: Array<ArrayBuffer> = []
  try {
    // class instances cross as plain data; the receiving side reads their fields only
    const outcomes = batch.articles.map((article) => processArticle(article.file, readArticleSync(batch.folder, article, options), extractor, setup))
    reply = { id: batch.id, outcomes }
    // the rendered pieces move to the writer without a copy
    transfer = outcomes.flatMap((o) => (o.pieces === null ? [] : piecesBuffers(o.pieces)))
  } catch (error) {
    reply = { id: batch.id, error: String((error as Error).stack ?? error) }
  }
  parentPort!.postMessage(reply, transfer)
})
