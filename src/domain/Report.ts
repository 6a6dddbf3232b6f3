/** The shape of report.json, as a Schema: the JSON Schema in output/report.schema.json is generated from it. */
import { Schema } from "effect"
import { Discrepancy } from "./Discrepancy.ts"
import { SegmentRole } from "./Document.ts"
import { Match } from "./Match.ts"
import { RejectReason } from "./Source.ts"

const Nullable = Schema.NullOr

export const SentenceEntry = Schema.Struct({ start: Schema.Finite, end: Schema.Finite, paragraph: Schema.Finite })

export const SegmentEntry = Schema.Struct({
  role: SegmentRole,
  roleReason: Nullable(Schema.String),
  language: Schema.String,
  languageConfidence: Schema.Finite,
  start: Schema.Finite,
  end: Schema.Finite,
  author: Nullable(Schema.String),
  date: Nullable(Schema.String),
  sentences: Schema.Array(SentenceEntry)
})

export const SourceEntry = Schema.Struct({
  id: Schema.String,
  file: Schema.String,
  metaFile: Nullable(Schema.String),
  language: Schema.String,
  languageConfidence: Schema.Finite,
  eventId: Nullable(Schema.String),
  eventReason: Schema.String,
  published: Nullable(Schema.String),
  headerSection: Nullable(Schema.String),
  outlet: Nullable(Schema.String),
  url: Nullable(Schema.String),
  encoding: Schema.String,
  encodingDetail: Nullable(Schema.String),
  length: Schema.Finite,
  segments: Schema.Array(SegmentEntry)
})
export type SourceEntry = typeof SourceEntry.Type

export const MatchEntry = Schema.Struct({
  ...Match.fields,
  /** this match speaks for its source on the claim in the comparisons */
  primary: Schema.Boolean
})

export const DiscrepancyEntry = Schema.Struct(Discrepancy.fields)

export const EventEntry = Schema.Struct({
  id: Schema.String,
  title: Nullable(Schema.String),
  date: Nullable(Schema.String),
  place: Nullable(Schema.String),
  sourceIds: Schema.Array(Schema.String)
})

export const ReportDocument = Schema.Struct({
  tool: Schema.Struct({ name: Schema.Literal("crossclaim"), version: Schema.String }),
  investigation: Schema.String,
  catalogueVersion: Schema.Finite,
  sources: Schema.Array(SourceEntry),
  events: Schema.Array(EventEntry),
  matches: Schema.Array(MatchEntry),
  discrepancies: Schema.Array(DiscrepancyEntry),
  rejected: Schema.Array(Schema.Struct({ file: Schema.String, reason: RejectReason, message: Schema.String })),
  ignored: Schema.Array(Schema.Struct({ file: Schema.String, reason: Schema.String })),
  diagnostics: Schema.Array(Schema.Struct({ code: Schema.String, sourceId: Nullable(Schema.String), message: Schema.String }))
})
export type ReportDocument = typeof ReportDocument.Type

/** The JSON Schema (draft 2020-12) of report.json. */
export const reportJsonSchema = (): string => {
  const document = Schema.toJsonSchemaDocument(ReportDocument)
  const definitions = (document as { readonly definitions?: Record<string, unknown> }).definitions ?? {}
  return JSON.stringify({
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://crossclaim.invalid/report.schema.json",
    title: "crossclaim report.json",
    ...document.schema,
    ...(Object.keys(definitions).length > 0 ? { $defs: definitions } : {})
  }, null, 2) + "\n"
}
