/**
 * Each language's own test sentences (test/languages/<code>.cases.json): paraphrases
 * that must match with the given stance, speaker and slots, and near-misses that
 * must not match at all.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { matchesIn } from "../support/extract.ts"

interface Case {
  readonly claim: string
  readonly text: string
  readonly expect: { readonly stance: string; readonly speaker: string; readonly slots?: Record<string, unknown> } | null
  readonly why?: string
  /** a known limit of the engine, not of the language data: the case is kept and must still fail, so that a fix is noticed */
  readonly engineLimit?: string
}

const folder = new URL(".", import.meta.url).pathname
const files = readdirSync(folder).filter((f) => f.endsWith(".cases.json")).sort()

for (const file of files) {
  const { language, cases } = JSON.parse(readFileSync(join(folder, file), "utf8")) as { language: string; cases: ReadonlyArray<Case> }
  describe(`language ${language}`, () => {
    cases.forEach((c, i) => {
      const label = `${language} ${c.claim} #${i + 1}: ${c.text.slice(0, 70)}`
      const run = c.engineLimit === undefined ? it : it.fails
      run(c.engineLimit === undefined ? label : `${label} [engine limit: ${c.engineLimit}]`, () => {
        const found = matchesIn(c.text, language, [c.claim]).map((m) => ({ stance: m.stance, speaker: m.speaker, slots: m.slots }))
        if (c.expect === null) {
          expect(found, c.why ?? "near-miss").toEqual([])
        } else {
          const wanted = { stance: c.expect.stance, speaker: c.expect.speaker, slots: c.expect.slots ?? {} }
          expect(found, "no match with the expected stance, speaker and slots").toContainEqual(wanted)
        }
      })
    })
  })
}
