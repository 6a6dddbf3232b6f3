/** A source file after ingest: its decoded text, how it was decoded and its sidecar metadata. */
import { Schema } from "effect"

/** `<id>.meta.json`: every field optional; a given field overrides what the pipeline infers. */
export const SourceMeta = Schema.Struct({
  url: Schema.optionalKey(Schema.String),
  outlet: Schema.optionalKey(Schema.String),
  published: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isPattern(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/)))),
  language: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$/)))),
  event: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9][a-z0-9-]*$/))))
})
export type SourceMeta = typeof SourceMeta.Type

export class Source extends Schema.Class<Source>("crossclaim/Source")({
  id: Schema.String,
  file: Schema.String,
  text: Schema.String,
  encoding: Schema.String,
  /** how a legacy encoding was recognised; null for UTF-8/UTF-16 */
  encodingDetail: Schema.NullOr(Schema.String),
  bytes: Schema.Number,
  /** the sidecar `<id>.meta.json` that was read, or null */
  metaFile: Schema.NullOr(Schema.String),
  meta: SourceMeta
}) {}

export const RejectReason = Schema.Literals([
  "empty",
  "binary",
  "undecodable",
  "too-large",
  "meta-without-text",
  "malformed-meta",
  "invalid-name",
  "unreadable"
])
export type RejectReason = typeof RejectReason.Type

export class Rejected extends Schema.Class<Rejected>("crossclaim/Rejected")({
  file: Schema.String,
  reason: RejectReason,
  message: Schema.String
}) {}

export class Ignored extends Schema.Class<Ignored>("crossclaim/Ignored")({
  file: Schema.String,
  reason: Schema.String
}) {}
