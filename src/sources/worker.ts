/** A worker thread of the source pool: loads the language resources once, then processes the batches of articles it is sent. */
import { parentPort, workerData } from "node:worker_threads"
import type { Claim } from "../claims/Catalogue.ts"
import { makeExtractor } from "../claims/Extract.ts"
import type { Article, IngestOptions } from "../ingest/Ingest.ts"
import { loadLanguages } from "../languages/Languages.ts"
import { processArticle, readArticleSync } from "./ProcessSource.ts"

interface Setup {
  readonly claims: ReadonlyArray<Claim>
  readonly options: IngestOptions
}

export interface Batch {
  readonly id: number
  readonly folder: string
  readonly articles: ReadonlyArray<Article>
}

const { claims, options } = workerData as Setup
const extractor = makeExtractor(loadLanguages())

parentPort!.on("message", (batch: Batch) => {
  try {
    const results = batch.articles.map((article) => processArticle(article.file, readArticleSync(batch.folder, article, options), extractor, claims))
    // class instances cross as plain data; the receiving side reads their fields only
    parentPort!.postMessage({ id: batch.id, results })
  } catch (error) {
    parentPort!.postMessage({ id: batch.id, error: String((error as Error).stack ?? error) })
  }
})
