/**
 * Compare on generated drops: the discrepancies do not depend on the order the sources come in, every list of
 * sources is in id order without repeats, groups within an event never mix events, and the sources of a
 * discrepancy are exactly those of its groups (or, for an omission, those that omit the claim).
 */
import { readFileSync } from "node:fs"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { Catalogue } from "../../src/claims/Catalogue.ts"
import { type ComparedSource, compare } from "../../src/compare/Compare.ts"

const catalogue = JSON.parse(readFileSync(new URL("../../pipelines/kim-putin/claims.json", import.meta.url), "utf8")) as Catalogue
const claims = catalogue.claims.slice(0, 6).map((c) => c.id)

const source = fc.record({
  id: fc.stringMatching(/^[a-e][a-e0-9]{0,3}$/),
  eventId: fc.constantFrom("vostochny-2023", "pyongyang-2024", null),
  searchable: fc.boolean(),
  primaries: fc.uniqueArray(
    fc.record({
      claimId: fc.constantFrom(...claims),
      stance: fc.constantFrom("affirms" as const, "contradicts" as const),
      speaker: fc.constantFrom("narrator", "kim", "putin"),
      slots: fc.oneof(fc.constant({}), fc.record({ minutes: fc.constantFrom(60, 61, 120, 180), approx: fc.boolean() }), fc.record({ framing: fc.constantFrom("imperialism", "west") }))
    }),
    { selector: (p) => p.claimId, maxLength: 4 }
  )
})

const drop = fc.uniqueArray(source, { selector: (s) => s.id, maxLength: 25 })
const sorted = (ids: ReadonlyArray<string>) => [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

describe("compare", () => {
  it("gives the same discrepancies whatever the order of the sources", () => {
    fc.assert(fc.property(drop, fc.integer(), (sources, seed) => {
      const shuffled = [...sources].sort((a, b) => ((a.id.charCodeAt(0) * 31 + seed) % 7) - ((b.id.charCodeAt(0) * 31 + seed) % 7))
      expect(compare({ catalogue, sources: shuffled as ReadonlyArray<ComparedSource> })).toEqual(compare({ catalogue, sources: sources as ReadonlyArray<ComparedSource> }))
    }), { numRuns: 200 })
  })

  it("lists sources in id order, once, and as its groups say", () => {
    fc.assert(fc.property(drop, (sources) => {
      const byId = new Map(sources.map((s) => [s.id, s]))
      for (const d of compare({ catalogue, sources: sources as ReadonlyArray<ComparedSource> })) {
        expect(d.sourceIds).toEqual(sorted(d.sourceIds))
        for (const g of d.groups) {
          expect(g.sourceIds).toEqual(sorted(g.sourceIds))
          if (!d.crossEvent) for (const id of g.sourceIds) expect(byId.get(id)!.eventId).toBe(d.eventIds[0])
        }
        const omitting = d.groups.filter((g) => g.value === null).flatMap((g) => g.sourceIds)
        expect(d.sourceIds).toEqual(sorted(d.kind === "omission" ? omitting : d.groups.flatMap((g) => g.sourceIds)))
        for (const id of d.sourceIds) expect(byId.get(id)!.searchable).toBe(true)
      }
    }), { numRuns: 300 })
  })
})
