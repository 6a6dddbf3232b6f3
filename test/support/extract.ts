/** Builds documents from plain text and runs the claim search on them, for tests. */
import { readFileSync } from "node:fs"
import { decodeCatalogue } from "../../src/claims/Catalogue.ts"
import { makeExtractor } from "../../src/claims/Extract.ts"
import { Source } from "../../src/domain/Source.ts"
import { loadLanguages } from "../../src/languages/Languages.ts"
import { normalizeSource } from "../../src/normalize/Normalize.ts"
import { defaultCatalogue } from "../../src/ProjectFiles.ts"

export const languages = loadLanguages()
export const extractor = makeExtractor(languages)
export const catalogue = decodeCatalogue(defaultCatalogue, JSON.parse(readFileSync(defaultCatalogue, "utf8")), {
  concepts: languages.concepts,
  entities: new Set(languages.entities.kinds.keys())
})

export const claimById = (id: string) => {
  const claim = catalogue.claims.find((c) => c.id === id)
  if (claim === undefined) throw new Error(`no claim ${id}`)
  return claim
}

export const sourceOf = (id: string, text: string, language?: string) =>
  new Source({
    id,
    file: `${id}.txt`,
    text,
    encoding: "utf-8",
    encodingDetail: null,
    bytes: Buffer.byteLength(text),
    metaFile: null,
    meta: language === undefined ? {} : { language }
  })

/** The matches of some claims in a text (all claims when none are given). */
export const matchesIn = (text: string, language?: string, claimIds?: ReadonlyArray<string>) => {
  const prepared = extractor.prepare(normalizeSource(sourceOf("case", text, language)))
  const claims = claimIds === undefined ? catalogue.claims : claimIds.map(claimById)
  return extractor.extract(prepared, claims).matches
}
