/**
 * Acceptance: the hand labels of the seeds (test/fixtures/gold/seeds.gold.json, a
 * copy of the shared gold). Every scored label must hold: a present claim is
 * found in the sentence holding the evidence with the right stance, speaker and
 * slots; an absent claim is not found at all.
 */
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { seedMatches, seedNormalized } from "../support/seeds.ts"

interface Label {
  readonly source: string
  readonly claim: string
  readonly present: boolean | null
  readonly stance?: string
  readonly speaker?: string | ReadonlyArray<string>
  readonly evidence?: string
  readonly [slot: string]: unknown
}

const gold = JSON.parse(readFileSync(new URL("../fixtures/gold/seeds.gold.json", import.meta.url), "utf8")) as {
  readonly sources: Record<string, { readonly language: string; readonly event: string }>
  readonly labels: ReadonlyArray<Label>
}

const NOT_SLOTS = new Set(["source", "claim", "present", "stance", "speaker", "evidence", "note"])
const oneOf = (value: unknown): ReadonlyArray<unknown> => (Array.isArray(value) ? value : [value])

describe("seed gold", () => {
  for (const [id, expected] of Object.entries(gold.sources)) {
    it(`${id} is ${expected.language}`, () => {
      expect(seedNormalized.find((n) => n.document.id === id)?.document.language).toBe(expected.language)
    })
  }

  for (const label of gold.labels.filter((l) => l.present !== null)) {
    const matches = () => seedMatches.filter((m) => m.sourceId === label.source && m.claimId === label.claim)
    if (label.present === false) {
      it(`${label.source} ${label.claim}: absent`, () => {
        expect(matches().map((m) => m.sentence)).toEqual([])
      })
      continue
    }
    it(`${label.source} ${label.claim}: ${label.stance} by ${String(label.speaker)}`, () => {
      const withEvidence = matches().filter((m) => m.sentence.includes(label.evidence!))
      expect(withEvidence.length, `no match in the sentence holding "${label.evidence}"`).toBeGreaterThan(0)
      for (const match of withEvidence) {
        expect(match.stance).toBe(label.stance)
        expect(oneOf(label.speaker)).toContain(match.speaker)
        for (const [slot, value] of Object.entries(label).filter(([k]) => !NOT_SLOTS.has(k))) {
          expect(oneOf(value), `slot ${slot}`).toContain(match.slots[slot])
        }
      }
    })
  }
})
