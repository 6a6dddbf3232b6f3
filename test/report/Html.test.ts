/**
 * report.html without a browser: the same report gives the same bytes, article
 * text and source ids are escaped everywhere, nothing remote is referenced, the
 * Content-Security-Policy hashes fit the inline style and script, and every
 * fragment link has its target.
 */
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import type { ReportDocument } from "../../src/domain/Report.ts"
import { cueRanges, escapeHtml, highlight, renderLargeDropHtml, renderReportHtml } from "../../src/report/Html.ts"

const seedsReport = JSON.parse(readFileSync(new URL("../fixtures/report/report.json", import.meta.url), "utf8")) as ReportDocument
const catalogue = JSON.parse(readFileSync(new URL("../../pipelines/kim-putin/claims.json", import.meta.url), "utf8")) as {
  readonly claims: ReadonlyArray<{ readonly id: string; readonly proposition: string }>
}
const claims = catalogue.claims.map((c) => ({ id: c.id, proposition: c.proposition }))

const HOSTILE_SENTENCE = "Putin said the talks lasted two hours <script>alert(1)</script><img src=x onerror=alert(2)> & more."
const HOSTILE_ID = "\"><svg onload=alert(3)>"
const OTHER_ID = "b' onmouseover='alert(4)"

const segment = (length: number) => ({
  role: "body" as const, roleReason: null, language: "en", languageConfidence: 1, start: 0, end: length, author: null, date: null,
  sentences: [{ start: 0, end: length, paragraph: 0 }]
})

const source = (id: string, extra: Partial<ReportDocument["sources"][number]> = {}): ReportDocument["sources"][number] => ({
  id, file: `${id}.txt`, metaFile: null, language: "en", languageConfidence: 1, eventId: "ev-1", eventReason: "meets at <b>x</b>",
  published: null, headerSection: null, outlet: null, url: null, encoding: "utf-8", encodingDetail: null, length: 200, segments: [segment(200)],
  ...extra
})

const match = (sourceId: string, extra: Partial<ReportDocument["matches"][number]> = {}): ReportDocument["matches"][number] => ({
  sourceId, claimId: "talks-duration", eventId: "ev-1", language: "en", stance: "affirms", speaker: "putin", speakerVia: "speech-verb",
  slots: { minutes: 120, scope: "total", approx: false }, sentence: HOSTILE_SENTENCE, start: 0, end: HOSTILE_SENTENCE.length,
  cues: ["talks", "two", "hours", "<img"], negation: null, segmentRole: "body", backReference: false, timeCues: [], primary: true,
  ...extra
})

/** A small report built by hand whose every string from an article or a file name is hostile. */
const hostileReport: ReportDocument = {
  tool: { name: "crossclaim", version: "0.1.0" },
  investigation: "probe</title><script>alert(5)</script>",
  catalogueVersion: 1,
  sources: [
    source(HOSTILE_ID, { url: "https://evil.example/<script>", outlet: "<i onclick=alert(6)>Outlet</i>", published: "2023-09" }),
    source(OTHER_ID, { language: "de" }),
    source("c/../../x", { eventId: null, eventReason: "no <event>" }),
    source("d-unsearched", { language: "xx" })
  ],
  events: [{ id: "ev-1", title: "<svg/onload=alert(7)>", date: "2023-09-13", place: "x", sourceIds: [HOSTILE_ID, OTHER_ID] }],
  matches: [
    match(HOSTILE_ID),
    match(OTHER_ID, { language: "de", speaker: "peskov\"><img src=x>", slots: { minutes: 60, scope: "<b>delegations</b>" }, sentence: "Die Gespräche dauerten eine Stunde.", cues: ["Stunde"] }),
    match("c/../../x", { eventId: null, claimId: "meeting-venue", slots: { place: "vostochny" }, sentence: "<svg onload=alert(8)> met", cues: ["met"] })
  ],
  discrepancies: [
    {
      id: "talks-duration/quantity/ev-1", claimId: "talks-duration", kind: "quantity", crossEvent: false, eventIds: ["ev-1"],
      sourceIds: [HOSTILE_ID, OTHER_ID], values: [60, 120],
      groups: [
        { value: 60, label: "about 60 min <script>alert(9)</script>", eventId: null, sourceIds: [OTHER_ID] },
        { value: 120, label: "120 min", eventId: null, sourceIds: [HOSTILE_ID] }
      ],
      slot: "minutes", summary: `talks-duration: ${HOSTILE_ID} says <script>alert(10)</script>`
    },
    {
      id: "meeting-venue/omission/ev-1", claimId: "meeting-venue", kind: "omission", crossEvent: false, eventIds: ["ev-1"],
      sourceIds: [HOSTILE_ID, OTHER_ID], values: [],
      groups: [{ value: null, label: "omits it", eventId: "ev-1", sourceIds: [HOSTILE_ID, OTHER_ID] }],
      slot: null, summary: "omitted"
    }
  ],
  rejected: [{ file: "<img src=x onerror=alert(11)>.txt", reason: "binary", message: "<script>alert(12)</script>" }],
  ignored: [{ file: "\"><svg>.md", reason: "not an article" }],
  diagnostics: [
    { code: "event-unassigned", sourceId: "c/../../x", message: "<script>alert(13)</script>" },
    { code: "no-resources", sourceId: "d-unsearched", message: "no resources for xx: claims not searched in its text" }
  ]
}
const hostileClaims = [
  { id: "talks-duration", proposition: "How long </title><script>alert(14)</script>" },
  { id: "meeting-venue", proposition: "Where \"the\" leaders 'met'" }
]

const unescape = (text: string) => text.replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")
const attributeValues = (html: string, name: string) => [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, "g"))].map((m) => unescape(m[1]!))

const inline = (html: string, tag: "script" | "style") => {
  const all = [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g"))]
  expect(all).toHaveLength(1)
  return all[0]![1]!
}

describe("cue highlighting", () => {
  it("marks whole words, merges overlaps and escapes every piece", () => {
    expect(highlight("Kim met Putin; Kimchi.", ["Kim", "Putin"])).toBe("<mark>Kim</mark> met <mark>Putin</mark>; Kimchi.")
    expect(cueRanges("Észak-Korea támogatja", ["Észak", "Észak-Korea"])).toEqual([[0, 11]])
    expect(highlight("a <b> & c", ["<b>"])).toBe("a <mark>&lt;b&gt;</mark> &amp; c")
    expect(highlight("(1+1)* x", ["(1+1)*"])).toBe("<mark>(1+1)*</mark> x")
    expect(highlight("Nothing here", ["absent", ""])).toBe("Nothing here")
  })

  it("marks Greek and finds a cue in another case when no exact one stands", () => {
    expect(highlight("ο Πούτιν υπογραμμίζει", ["Πούτιν"])).toBe("ο <mark>Πούτιν</mark> υπογραμμίζει")
    expect(highlight("Die Verhandlungen", ["verhandlungen"])).toBe("Die <mark>Verhandlungen</mark>")
  })

  it("escapes the five characters that matter in content and attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
  })
})

describe("report.html", () => {
  const seedsHtml = renderReportHtml(seedsReport, claims)
  const hostileHtml = renderReportHtml(hostileReport, hostileClaims)

  it("is deterministic: two renders are byte-identical", () => {
    expect(renderReportHtml(seedsReport, claims)).toBe(seedsHtml)
    expect(renderReportHtml(structuredClone(hostileReport), hostileClaims)).toBe(hostileHtml)
  })

  it("is one document with one inline style and one inline script, their hashes in the CSP", () => {
    for (const html of [seedsHtml, hostileHtml]) {
      expect(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">")).toBe(true)
      const csp = attributeValues(html, "content").find((c) => c.startsWith("default-src"))!
      expect(csp).toContain("default-src 'none'")
      for (const tag of ["script", "style"] as const) {
        const hash = createHash("sha256").update(inline(html, tag), "utf8").digest("base64")
        expect(csp).toContain(`${tag}-src 'sha256-${hash}'`)
      }
      expect(csp).not.toMatch(/unsafe|https?:|\*/)
    }
  })

  it("escapes hostile article text, labels and source ids everywhere", () => {
    const html = hostileHtml
    // the only elements are the page's own: one script, no image, no svg, no inline handler
    expect(html.match(/<script/gi)).toHaveLength(1)
    expect(html).not.toMatch(/<script>alert/i)
    expect(html).not.toMatch(/<img/i)
    expect(html).not.toMatch(/<svg/i)
    expect(html).not.toMatch(/<i onclick/i)
    expect(html).not.toContain("<b>delegations</b>")
    expect(html).not.toContain("meets at <b>")
    // no attribute name starting with "on" in any tag (quoted values, where escaped text may say "onerror=", left out)
    for (const tag of html.match(/<[A-Za-z][^>]*>/g) ?? []) expect(tag.replace(/"[^"]*"/g, "\"\""), tag).not.toMatch(/\son[a-z]+\s*=/i)
    expect(html).not.toContain("</title><script>")
    // the text is there, as text
    expect(html).toContain("two hours &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; more.")
    expect(html).toContain("&quot;&gt;&lt;svg onload=alert(3)&gt;")
    expect(html).toContain("peskov&quot;&gt;&lt;img src=x&gt;")
    // a cue inside the hostile text is marked around escaped text only
    expect(html).toContain("<mark>&lt;img</mark>")
  })

  it("derives ids and fragment links from sanitized slugs only, and every link has its target", () => {
    for (const html of [seedsHtml, hostileHtml]) {
      const ids = attributeValues(html, "id")
      expect(new Set(ids).size).toBe(ids.length)
      for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/)
      const hrefs = attributeValues(html, "href")
      expect(hrefs.length).toBeGreaterThan(0)
      for (const href of hrefs) {
        expect(href).toMatch(/^#[A-Za-z][A-Za-z0-9_-]*$/)
        expect(ids).toContain(href.slice(1))
      }
      for (const name of ["data-event", "data-claim", "data-kind", "data-lang"]) {
        for (const value of attributeValues(html, name)) expect(value).toMatch(/^[A-Za-z0-9_-]+(?: [A-Za-z0-9_-]+)*$/)
      }
    }
  })

  it("references nothing remote", () => {
    for (const html of [seedsHtml, hostileHtml]) {
      expect(html).not.toMatch(/\b(?:src|href|action|srcset|poster|data|formaction|xlink:href)\s*=\s*["']?\s*(?:[a-z]+:)?\/\//i)
      expect(inline(html, "style")).not.toMatch(/url\s*\(|@import|@font-face/i)
      expect(html).not.toMatch(/<(?:link|iframe|object|embed|base|img|video|audio|source|form[^>]*action)/i)
    }
    // the source's URL is shown as text, never linked
    expect(hostileHtml).toContain("https://evil.example/&lt;script&gt;")
    expect(attributeValues(hostileHtml, "href").some((h) => h.includes("evil"))).toBe(false)
  })

  it("shows each seed cell with its stance, speaker and slots, omissions as — with an accessible label", () => {
    const html = seedsHtml
    const cell = (event: string, claim: string, sourceId: string) => {
      const found = html.match(new RegExp(`<td class="cell [^"]*" id="c-${event}-${claim}-${sourceId}"[\\s\\S]*?</td>`))
      expect(found, `${event} ${claim} ${sourceId}`).not.toBeNull()
      return found![0]
    }
    const sl = cell("vostochny-2023", "talks-duration", "001_801594c05e67ed0f")
    expect(sl).toMatch(/<a href="#m-001_801594c05e67ed0f-talks-duration-\d+"/)
    expect(sl).toContain("affirms")
    expect(sl).toContain("narrator")
    expect(sl).toContain("<b>120</b>")
    expect(cell("vostochny-2023", "talks-duration", "003_0ba4148576c906b3")).toContain("<b>60</b>")
    for (const omitted of [cell("vostochny-2023", "talks-duration", "000_13346463097e4644"), cell("vostochny-2023", "support-against-imperialism", "002_d3a4fc174fde5289")]) {
      expect(omitted).toContain("omitted")
      expect(omitted).toContain("—")
      expect(omitted).toContain("not reported")
      expect(omitted).not.toContain("<a ")
    }
    expect(cell("pyongyang-2024", "no-agreements-signed", "004_83fcd9591b34a538")).toContain("contradicts")
  })

  it("tells a source searched without a hit (not reported) from one that could not be searched", () => {
    const row = hostileHtml.match(/<tr id="r-ev-1-meeting-venue"[\s\S]*?<\/tr>/)![0]
    expect(row).toMatch(/<td class="cell omitted" id="c-ev-1-meeting-venue-b_onmouseover_alert_4"[^>]*>.*?not reported/)
    expect(row).toMatch(/<td class="cell unsearched" id="c-ev-1-meeting-venue-d-unsearched"[^>]*>.*?not searched/)
  })

  it("gives every match one evidence entry in its language, and labels cross-event differences as such", () => {
    const html = seedsHtml
    expect(html.match(/<article id="m-[^"]+" class="evidence"/g)).toHaveLength(seedsReport.matches.length)
    expect(html).toContain("<blockquote lang=\"el\" dir=\"auto\">")
    expect(html).toContain("<blockquote lang=\"en\" dir=\"auto\">") // the English post embedded in the Greek article
    expect(html).toContain("Differences between events")
    const crossCards = html.match(/<article id="d-[^"]+" class="disc [^"]*cross"[\s\S]*?<\/article>/g) ?? []
    expect(crossCards).toHaveLength(seedsReport.discrepancies.filter((d) => d.crossEvent).length)
    for (const card of crossCards) {
      expect(card).toContain("between events")
      expect(card.replace(/not a contradiction/g, "")).not.toMatch(/contradiction/i)
    }
  })
})

describe("report.html of a very large drop", () => {
  const seeds = JSON.parse(readFileSync(new URL("../fixtures/report/report.json", import.meta.url), "utf8")) as ReportDocument
  const hostile: ReportDocument = {
    ...seeds,
    discrepancies: seeds.discrepancies.map((d, i) => (i === 0 ? { ...d, summary: "<script>alert(1)</script> and <img src=x onerror=alert(2)>" } : d))
  }
  const page = renderLargeDropHtml({ ...hostile, counts: { sources: 5000, events: 2, matches: 90_000, rejected: 3 } })

  it("lists every discrepancy and points to the CSVs", () => {
    for (const d of seeds.discrepancies) expect(page).toContain(escapeHtml(d.id))
    expect(page).toContain(`5000 sources · 2 events · 90000 matches · ${seeds.discrepancies.length} discrepancies · 3 rejected`)
    expect(page).toContain("coverage.csv")
  })

  it("escapes the article-derived text and runs no script", () => {
    expect(page).not.toContain("<script")
    expect(page).not.toContain("<img")
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;")
    expect(page).toMatch(/Content-Security-Policy/)
  })
})
