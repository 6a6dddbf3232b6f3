/**
 * A normalized source: metadata, segments with a role and a language, sentences with offsets into the decoded text.
 * The normalizer builds documents, segments and sentences as plain records of these schemas: every field comes
 * from its own computation, so a check at construction (thousands per drop) would only repeat it.
 */
import { Schema } from "effect"

export const SegmentRole = Schema.Literals(["body", "embedded-post", "boilerplate"])
export type SegmentRole = typeof SegmentRole.Type

export const Sentence = Schema.Struct({
  start: Schema.Number,
  end: Schema.Number,
  /** index of the paragraph (line) the sentence belongs to */
  paragraph: Schema.Number
})
export type Sentence = typeof Sentence.Type

export const Segment = Schema.Struct({
  role: SegmentRole,
  /** why the role was given, for boilerplate and embedded posts ("credit line", "teaser", "tweet signature") */
  roleReason: Schema.NullOr(Schema.String),
  language: Schema.String,
  languageConfidence: Schema.Number,
  start: Schema.Number,
  end: Schema.Number,
  /** for an embedded post: its author and date as printed */
  author: Schema.NullOr(Schema.String),
  date: Schema.NullOr(Schema.String),
  sentences: Schema.Array(Sentence)
})
export type Segment = typeof Segment.Type

export class Diagnostic extends Schema.Class<Diagnostic>("crossclaim/Diagnostic")({
  /** stable id of the kind of finding, e.g. `legacy-encoding`, `no-resources` */
  code: Schema.String,
  sourceId: Schema.NullOr(Schema.String),
  message: Schema.String
}) {}

export const Document = Schema.Struct({
  id: Schema.String,
  file: Schema.String,
  metaFile: Schema.NullOr(Schema.String),
  language: Schema.String,
  languageConfidence: Schema.Number,
  encoding: Schema.String,
  encodingDetail: Schema.NullOr(Schema.String),
  /** YYYY, YYYY-MM or YYYY-MM-DD: from the metadata, else the in-band header */
  published: Schema.NullOr(Schema.String),
  headerSection: Schema.NullOr(Schema.String),
  outlet: Schema.NullOr(Schema.String),
  url: Schema.NullOr(Schema.String),
  /** event id from the metadata; otherwise inferred later */
  metaEvent: Schema.NullOr(Schema.String),
  /** length of the decoded text */
  length: Schema.Number,
  segments: Schema.Array(Segment)
})
export type Document = typeof Document.Type
