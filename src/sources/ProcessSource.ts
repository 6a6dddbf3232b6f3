/**
 * The per-source stages in one function: an article's bytes → its document,
 * its event, its matches with the primary one per claim, and its share of the
 * reports already rendered; or the reasons it was rejected. Sources are
 * independent until comparison, so this runs in worker threads; what it returns
 * is plain data that crosses threads as it is, and small: the comparison keeps
 * only the primary matches' values, the reports get the rendered pieces.
 */
import { readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import type { Claim, Event } from "../claims/Catalogue.ts"
import type { Extractor } from "../claims/Extract.ts"
import { alignSource, type Primary, primaryKey } from "../compare/Align.ts"
import { Diagnostic, type Document } from "../domain/Document.ts"
import type { Rejected } from "../domain/Source.ts"
import { type Article, articleFromBytes, type IngestOptions, oversize, type ReadArticle } from "../ingest/Ingest.ts"
import { normalizeSource } from "../normalize/Normalize.ts"
import { encodePieces, renderSourcePieces, type SourcePieces, sourceEntry } from "../report/SourcePieces.ts"

/** What the comparison and the run's summary keep of a source: its primary matches are shared readings. */
export interface SourceRecord extends Omit<SourceFacts, "primaries"> {
  /** the match that speaks for the source, per claim, in catalogue order */
  readonly primaries: ReadonlyArray<Primary>
}

/** A source's record as it leaves the thread that processed it. */
export interface SourceFacts {
  readonly id: string
  readonly language: string
  readonly eventId: string | null
  /** its text is in a language the claims can be searched in: only such a source can omit a claim */
  readonly searchable: boolean
  /** diagnostics saying that a part of it could not be searched */
  readonly unsearchedParts: number
  readonly affirms: number
  readonly contradicts: number
  /** the keys (primaryKey) of the matches that speak for the source, per claim, in catalogue order */
  readonly primaries: ReadonlyArray<string>
}

export interface SourceOutcome {
  readonly file: string
  readonly rejected: ReadonlyArray<Rejected>
  /** null when the file was rejected */
  readonly record: SourceFacts | null
  readonly pieces: SourcePieces | null
}

/** What every source is processed against. */
export interface SourceSetup {
  readonly claims: ReadonlyArray<Claim>
  readonly events: ReadonlyArray<Event>
}

/** Reads an article with plain synchronous file calls: a source is processed start to end without yielding. */
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

const encodingDiagnostics = (document: Document) =>
  document.encodingDetail === null
    ? []
    : [new Diagnostic({ code: "legacy-encoding", sourceId: document.id, message: `decoded as ${document.encoding}: ${document.encodingDetail}` })]

/** Normalize, extract and align one read article, and render its pieces of the reports. */
export const processArticle = (file: string, read: ReadArticle, extractor: Extractor, setup: SourceSetup): SourceOutcome => {
  if (read.source === null) return { file, rejected: read.rejected, record: null, pieces: null }
  const normalized = normalizeSource(read.source)
  const document = normalized.document
  const extracted = extractor.extract(extractor.prepare(normalized), setup.claims)
  const aligned = alignSource({ document, matches: extracted.matches, time: extracted.time }, setup.events, setup.claims)
  const diagnostics = [...encodingDiagnostics(document), ...extracted.diagnostics, ...aligned.diagnostics]
  const unsearched = extracted.diagnostics.filter((d) => d.code === "no-resources")
  const record: SourceFacts = {
    id: document.id,
    language: document.language,
    eventId: aligned.eventId,
    searchable: !unsearched.some((d) => d.message.includes("its text")),
    unsearchedParts: unsearched.length,
    affirms: aligned.matches.filter((m) => m.stance === "affirms").length,
    contradicts: aligned.matches.filter((m) => m.stance === "contradicts").length,
    primaries: aligned.primaries.map(primaryKey)
  }
  const pieces = encodePieces(renderSourcePieces(sourceEntry(document, aligned.eventId, aligned.eventReason), aligned.matches, new Set(aligned.primaries), diagnostics))
  return { file, rejected: read.rejected, record, pieces }
}
