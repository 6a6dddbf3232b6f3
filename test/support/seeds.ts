/** The seed articles run through ingest, normalize and extract, once per test file. */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { decodeBytes } from "../../src/ingest/Decode.ts"
import { Source } from "../../src/domain/Source.ts"
import { normalizeSource } from "../../src/normalize/Normalize.ts"
import { projectRoot } from "../../src/ProjectFiles.ts"
import { catalogue, extractor } from "./extract.ts"

export const seedsFolder = join(projectRoot, "seeds")

export const seedSources = readdirSync(seedsFolder).filter((f) => f.endsWith(".txt")).sort().map((file) => {
  const bytes = readFileSync(join(seedsFolder, file))
  const decoded = decodeBytes(bytes)
  if (decoded._tag !== "Decoded") throw new Error(`seed ${file} refused: ${decoded.message}`)
  return new Source({ id: file.slice(0, -4), file, text: decoded.text, encoding: decoded.encoding, encodingDetail: decoded.detail, bytes: bytes.length, metaFile: null, meta: {} })
})

export const seedNormalized = seedSources.map(normalizeSource)
export const seedMatches = seedNormalized.flatMap((n) => extractor.extract(extractor.prepare(n), catalogue.claims).matches)
