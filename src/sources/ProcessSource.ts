/**
 * The per-source stages in one function: an article's bytes → its document,
 * matches and diagnostics, or the reasons it was rejected. Sources are
 * independent until alignment, so this runs in worker threads; its result is
 * plain data that crosses threads as it is.
 */
import { readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import type { Claim } from "../claims/Catalogue.ts"
import type { Extractor, TimeSignals } from "../claims/Extract.ts"
import type { Diagnostic, Document } from "../domain/Document.ts"
import type { Match } from "../domain/Match.ts"
import type { Rejected } from "../domain/Source.ts"
import { type Article, articleFromBytes, type IngestOptions, oversize, type ReadArticle } from "../ingest/Ingest.ts"
import { normalizeSource } from "../normalize/Normalize.ts"

export interface SourceResult {
  readonly file: string
  readonly document: Document | null
  readonly rejected: ReadonlyArray<Rejected>
  readonly matches: ReadonlyArray<Match>
  readonly diagnostics: ReadonlyArray<Diagnostic>
  readonly time: TimeSignals
}

const NO_TIME: TimeSignals = { years: [], dayReferences: [] }

/** Reads an article with plain synchronous file calls (inside a worker, nothing else runs on its thread). */
export const readArticleSync = (folder: string, article: Article, options: IngestOptions): ReadArticle => {
  const attempt = <A>(f: () => A): A | { readonly message: string } => {
    try {
      return f()
    } catch (error) {
      return { message: (error as Error).message }
    }
  }
  const info = attempt(() => statSync(join(folder, article.file)))
  if ("message" in info) return articleFromBytes({ file: article.file, metaFile: article.meta, size: 0, bytes: info, metaBytes: undefined })
  const tooLarge = oversize(article.file, article.meta, info.size, options)
  if (tooLarge !== null) return tooLarge
  const meta = article.meta
  return articleFromBytes({
    file: article.file,
    metaFile: meta,
    size: info.size,
    bytes: attempt(() => readFileSync(join(folder, article.file))),
    metaBytes: meta === undefined ? undefined : attempt(() => readFileSync(join(folder, meta)))
  })
}

/** Normalize and extract one read article. */
export const processArticle = (file: string, read: ReadArticle, extractor: Extractor, claims: ReadonlyArray<Claim>): SourceResult => {
  if (read.source === null) return { file, document: null, rejected: read.rejected, matches: [], diagnostics: [], time: NO_TIME }
  const normalized = normalizeSource(read.source)
  const extracted = extractor.extract(extractor.prepare(normalized), claims)
  return { file, document: normalized.document, rejected: read.rejected, matches: extracted.matches, diagnostics: extracted.diagnostics, time: extracted.time }
}
