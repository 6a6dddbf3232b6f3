/**
 * report.html in headless Chromium: the seeds' report built by the real pipeline,
 * rendered and opened from a file. The matrix shows the right cells, the filters
 * hide what they should, a cell leads to its evidence (mouse and keyboard), the
 * page reads without JavaScript and in print, and a hostile article stays inert
 * text. Writes docs/review.png, a screenshot of the seeds' page.
 *
 * Chromium is required: without it at CHROMIUM_PATH (default /usr/bin/chromium)
 * every test here fails with a message saying so.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { ReportDocument } from "../../src/domain/Report.ts"
import { defaultCatalogue, projectRoot } from "../../src/ProjectFiles.ts"
import { renderReportHtml } from "../../src/report/Html.ts"
import { runPipeline } from "../support/pipeline.ts"

const executablePath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium"
const LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]

const claims = (JSON.parse(readFileSync(defaultCatalogue, "utf8")) as { readonly claims: ReadonlyArray<{ readonly id: string; readonly proposition: string }> }).claims

const VOSTOCHNY = "vostochny-2023"
const HU = "000_13346463097e4644"
const SL = "001_801594c05e67ed0f"
const EL = "002_d3a4fc174fde5289"
const DE = "003_0ba4148576c906b3"

/** The hostile article: its file name and its text try to run script; the talks sentence matches talks-duration. */
const HOSTILE_FILE = "\"><svg onload=window.__pwned=3>.txt"
const HOSTILE_ID = HOSTILE_FILE.slice(0, -4)
const HOSTILE_PAYLOAD = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned=2\">"
const HOSTILE_TEXT = [
  "Kim and Putin meet at the Vostochny cosmodrome",
  "",
  "Kim Jong-un met Vladimir Putin on Wednesday at the Vostochny cosmodrome in the Russian Far East.",
  "",
  `Putin said that the talks with Kim Jong-un lasted two hours ${HOSTILE_PAYLOAD}.`,
  "",
  "Kim said <script>window.__pwned = 4</script> North Korea will always stand together with Russia in the fight against <b onmouseover=\"window.__pwned=5\">imperialism</b>.",
  ""
].join("\n")

let browser: Browser
let work: string
const cleanup: Array<string> = []
let seedsReport: ReportDocument
let seedsPage: string
let hostileReport: ReportDocument
let hostilePage: string
let hostileNoCspPage: string

const render = (report: ReportDocument, name: string) => {
  const file = join(work, name)
  writeFileSync(file, renderReportHtml(report, claims))
  return pathToFileURL(file).href
}

beforeAll(async () => {
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium is required for the review page tests and was not found at ${executablePath}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to its executable`)
  }
  const launched = chromium.launch({ executablePath, args: LAUNCH_ARGS })
  work = mkdtempSync(join(tmpdir(), "crossclaim-review-"))
  cleanup.push(work)

  const seeds = await runPipeline(join(projectRoot, "seeds"))
  cleanup.push(seeds.out)
  seedsReport = JSON.parse(seeds.files["report.json"]) as ReportDocument
  seedsPage = render(seedsReport, "seeds.html")

  const hostileSources = join(work, "hostile-sources")
  mkdirSync(hostileSources)
  for (const file of readdirSync(join(projectRoot, "seeds"))) copyFileSync(join(projectRoot, "seeds", file), join(hostileSources, file))
  writeFileSync(join(hostileSources, HOSTILE_FILE), HOSTILE_TEXT)
  const hostile = await runPipeline(hostileSources)
  cleanup.push(hostile.out)
  hostileReport = JSON.parse(hostile.files["report.json"]) as ReportDocument
  hostilePage = render(hostileReport, "hostile.html")
  // the same page without its Content-Security-Policy: escaping alone must keep the article inert
  const withoutCsp = renderReportHtml(hostileReport, claims).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n/, "")
  if (withoutCsp.includes("Content-Security-Policy")) throw new Error("could not remove the CSP from the hostile page")
  writeFileSync(join(work, "hostile-no-csp.html"), withoutCsp)
  hostileNoCspPage = pathToFileURL(join(work, "hostile-no-csp.html")).href

  browser = await launched
}, 120_000)

afterAll(async () => {
  await browser?.close()
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true })
})

/** A fresh context and page; console errors, page errors and dialogs are collected. */
const open = async (url: string, options: BrowserContextOptions = {}) => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, ...options })
  const page = await context.newPage()
  const problems: Array<string> = []
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`) })
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`))
  page.on("dialog", (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss() })
  const requests: Array<string> = []
  page.on("request", (r) => requests.push(r.url()))
  await page.goto(url)
  return { page, problems, requests, close: () => context.close() }
}

/** The matrix cell of a source on a claim in an event's section, found through the table: the column whose header names the source. */
const cell = async (page: Page, event: string, claim: string, sourceId: string) => {
  const table = page.locator(`section.event[data-event="${event}"] table.matrix`)
  const headers = await table.locator("thead th").evaluateAll((ths) => ths.map((th) => th.querySelector("bdi")?.textContent ?? null))
  const column = headers.indexOf(sourceId)
  if (column < 0) throw new Error(`no column for ${sourceId} in ${event}: ${headers.join(", ")}`)
  return table.locator(`tbody tr[data-claim="${claim}"] > *`).nth(column)
}

const primary = (report: ReportDocument, sourceId: string, claimId: string) => {
  const m = report.matches.find((x) => x.sourceId === sourceId && x.claimId === claimId && x.primary)
  if (m === undefined) throw new Error(`no primary match of ${sourceId} on ${claimId}`)
  return m
}

describe("the review page on the seeds", () => {
  it("loads offline with its own script and style only: no request beyond the file, no CSP violation, no error", async () => {
    const { page, problems, requests, close } = await open(seedsPage)
    expect(problems).toEqual([])
    expect(requests).toEqual([seedsPage])
    await expect(page.locator("#filters").isVisible()).resolves.toBe(true) // the script ran under the CSP
    await close()
  })

  it("shows the right cells in the coverage matrix", async () => {
    const { page, close } = await open(seedsPage)
    const sl = await cell(page, VOSTOCHNY, "talks-duration", SL)
    await expect(sl.count()).resolves.toBe(1)
    expect(await sl.innerText()).toContain("120")
    expect(await sl.innerText()).toContain("narrator")
    const de = await cell(page, VOSTOCHNY, "talks-duration", DE)
    expect(await de.innerText()).toContain("60")
    expect(await de.innerText()).toContain("peskov")
    for (const omitted of [await cell(page, VOSTOCHNY, "talks-duration", HU), await cell(page, VOSTOCHNY, "support-against-imperialism", EL)]) {
      await expect(omitted.getAttribute("class")).resolves.toContain("omitted")
      expect((await omitted.innerText()).trim().startsWith("—")).toBe(true)
      await expect(omitted.locator("a").count()).resolves.toBe(0)
      // what a screen reader says: "not reported"
      await expect(omitted.locator(".vh").textContent()).resolves.toBe("not reported")
      await expect(omitted.getAttribute("title")).resolves.toBe("not reported")
    }
    // every non-empty cell links to its evidence
    const links = await page.locator("td.cell:not(.omitted):not(.unsearched)").evaluateAll((tds) => tds.map((td) => td.querySelector("a")?.getAttribute("href") ?? ""))
    expect(links.length).toBe(seedsReport.matches.filter((m) => m.primary).length)
    for (const href of links) expect(href).toMatch(/^#m-/)
    await close()
  })

  it("filters by claim, by language, by kind and by event, and shows all again", async () => {
    const { page, close } = await open(seedsPage)
    const rows = page.locator(`section.event[data-event="${VOSTOCHNY}"] table.matrix tbody tr`)
    await expect(rows.count()).resolves.toBe(claims.length)

    await page.selectOption("#f-claim", "talks-duration")
    for (const claim of claims.map((c) => c.id)) {
      const row = page.locator(`section.event[data-event="${VOSTOCHNY}"] tr[data-claim="${claim}"]`)
      await expect(row.isVisible(), claim).resolves.toBe(claim === "talks-duration")
    }
    expect(await page.locator(".disc:visible").evaluateAll((ds) => [...new Set(ds.map((d) => d.getAttribute("data-claim")))])).toEqual(["talks-duration"])
    expect(await page.locator(".evidence:visible").count()).toBe(seedsReport.matches.filter((m) => m.claimId === "talks-duration").length)

    await page.getByRole("button", { name: "Show all" }).click()
    await expect(page.locator("tr[data-claim]:visible").count()).resolves.toBe(claims.length * 2)

    await page.selectOption("#f-lang", "el")
    // the Greek column stays, the others go; pyongyang-2024 has no Greek source
    const headers = page.locator(`section.event[data-event="${VOSTOCHNY}"] table.matrix thead th[data-lang]`)
    expect(await headers.evaluateAll((ths) => ths.filter((th) => !th.closest("[hidden]")).map((th) => th.textContent ?? ""))).toEqual([expect.stringContaining(EL)])
    await expect((await cell(page, VOSTOCHNY, "talks-duration", SL)).isVisible()).resolves.toBe(false)
    await expect((await cell(page, VOSTOCHNY, "military-cooperation-prospects", EL)).isVisible()).resolves.toBe(true)
    await expect(page.locator(`section.event[data-event="pyongyang-2024"]`).isVisible()).resolves.toBe(false)
    const evidence = await page.locator(".evidence:visible").count()
    expect(evidence).toBe(seedsReport.matches.filter((m) => m.sourceId === EL).length)

    await page.selectOption("#f-lang", "")
    await page.selectOption("#f-kind", "quantity")
    expect(await page.locator(".disc:visible").evaluateAll((ds) => ds.map((d) => d.getAttribute("data-kind")))).toEqual(
      seedsReport.discrepancies.filter((d) => d.kind === "quantity").map(() => "quantity")
    )
    await page.selectOption("#f-kind", "")
    await page.selectOption("#f-event", "pyongyang-2024")
    await expect(page.locator(`section.event[data-event="${VOSTOCHNY}"]`).isVisible()).resolves.toBe(false)
    await expect(page.locator(`section.event[data-event="pyongyang-2024"]`).isVisible()).resolves.toBe(true)
    await expect(page.locator("#filter-status").textContent()).resolves.toContain("Filtered")
    await close()
  })

  it("a click on a cell reaches its evidence: the :target holds the original sentence in its language", async () => {
    const { page, close } = await open(seedsPage)
    for (const [sourceId, claim, lang] of [[EL, "military-cooperation-prospects", "el"], [SL, "talks-duration", "sl"]] as const) {
      const m = primary(seedsReport, sourceId, claim)
      const link = (await cell(page, VOSTOCHNY, claim, sourceId)).locator("a")
      const href = await link.getAttribute("href")
      await link.click()
      await page.waitForURL((url) => url.hash === href)
      const target = page.locator(":target")
      await expect(target.count()).resolves.toBe(1)
      await expect(target.getAttribute("id")).resolves.toBe(href!.slice(1))
      const quote = target.locator("blockquote")
      await expect(quote.getAttribute("lang")).resolves.toBe(lang)
      await expect(quote.innerText()).resolves.toBe(m.sentence)
      expect(await quote.locator("mark").allTextContents()).toEqual(expect.arrayContaining([m.cues[0]!]))
      await expect(target.isVisible()).resolves.toBe(true)
      expect(await target.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < (globalThis as unknown as { innerHeight: number }).innerHeight })).toBe(true)
    }
    await close()
  })

  it("is keyboard accessible: a focused cell link opens its evidence with Enter, and the focus is visible", async () => {
    const { page, close } = await open(seedsPage)
    const link = (await cell(page, VOSTOCHNY, "talks-duration", DE)).locator("a")
    await link.focus()
    const outline = await link.evaluate((el) => (globalThis as unknown as { getComputedStyle: (e: unknown) => { outlineStyle: string } }).getComputedStyle(el).outlineStyle)
    expect(outline).not.toBe("none")
    await page.keyboard.press("Enter")
    await page.waitForURL((url) => url.hash.startsWith("#m-"))
    await expect(page.locator(":target blockquote").innerText()).resolves.toBe(primary(seedsReport, DE, "talks-duration").sentence)
    // the filters are labelled form controls
    for (const id of ["f-event", "f-claim", "f-kind", "f-lang"]) await expect(page.locator(`label[for="${id}"]`).count()).resolves.toBe(1)
    await close()
  })

  it("without JavaScript shows everything and no filters", async () => {
    const { page, close } = await open(seedsPage, { javaScriptEnabled: false })
    await expect(page.locator("#filters").isVisible()).resolves.toBe(false)
    await expect(page.locator("tr[data-claim]:visible").count()).resolves.toBe(claims.length * 2)
    await expect(page.locator(".disc:visible").count()).resolves.toBe(seedsReport.discrepancies.length)
    await expect(page.locator(".evidence:visible").count()).resolves.toBe(seedsReport.matches.length)
    expect(await (await cell(page, VOSTOCHNY, "talks-duration", SL)).innerText()).toContain("120")
    await close()
  })

  it("prints without the filters and with the matrix inside the page width", async () => {
    const { page, close } = await open(seedsPage)
    await page.emulateMedia({ media: "print" })
    await expect(page.locator("#filters").isVisible()).resolves.toBe(false)
    const overflow = await page.locator("table.matrix").evaluateAll((tables) => tables.map((t) => t.scrollWidth - (t.parentElement?.clientWidth ?? 0)))
    for (const o of overflow) expect(o).toBeLessThanOrEqual(1)
    await close()
  })

  it("writes docs/review.png", async () => {
    const { page, close } = await open(seedsPage, { viewport: { width: 1400, height: 2000 } })
    mkdirSync(join(projectRoot, "docs"), { recursive: true })
    const png = await page.screenshot({ path: join(projectRoot, "docs", "review.png"), fullPage: false })
    expect(png.length).toBeGreaterThan(10_000)
    await close()
  })
})

describe("the review page with a hostile article", () => {
  it("keeps the article's script and markup inert and shows them as text", async () => {
    const hostile = primary(hostileReport, HOSTILE_ID, "talks-duration")
    expect(hostile.sentence).toContain(HOSTILE_PAYLOAD) // the pipeline kept the payload: the page must defuse it
    const { page, problems, requests, close } = await open(hostilePage)
    await page.waitForLoadState("load")
    await expect(page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned)).resolves.toBeUndefined()
    await expect(page.locator("img, svg, iframe, object, embed").count()).resolves.toBe(0)
    await expect(page.locator("script").count()).resolves.toBe(1)
    expect(problems).toEqual([])
    expect(requests).toEqual([hostilePage])

    // the source id is a column header, as text, and its cell leads to the evidence
    const header = page.locator(`section.event[data-event="${VOSTOCHNY}"] thead th bdi`, { hasText: HOSTILE_ID })
    await expect(header.textContent()).resolves.toBe(HOSTILE_ID)
    const link = (await cell(page, VOSTOCHNY, "talks-duration", HOSTILE_ID)).locator("a")
    expect(await link.innerText()).toContain("120")
    const href = await link.getAttribute("href")
    expect(href).toMatch(/^#[A-Za-z0-9_-]+$/)
    await link.click()
    await page.waitForURL((url) => url.hash === href)
    const quote = page.locator(":target blockquote")
    await expect(quote.innerText()).resolves.toBe(hostile.sentence)
    await expect(quote.getAttribute("lang")).resolves.toBe("en")
    await expect(quote.locator("*:not(mark)").count()).resolves.toBe(0)
    await expect(page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned)).resolves.toBeUndefined()

    // filtering by its language works on the hostile source too
    await page.selectOption("#f-lang", "en")
    await expect(header.isVisible()).resolves.toBe(true)
    await expect(page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned)).resolves.toBeUndefined()
    await close()
  })

  it("stays inert even without its Content-Security-Policy: the escaping alone defuses it", async () => {
    const second = primary(hostileReport, HOSTILE_ID, "support-against-imperialism")
    expect(second.sentence).toContain("<script>window.__pwned = 4</script>")
    const { page, problems, requests, close } = await open(hostileNoCspPage)
    await expect(page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned)).resolves.toBeUndefined()
    await expect(page.locator("img, svg, iframe, object, embed, b[onmouseover]").count()).resolves.toBe(0)
    await expect(page.locator("script").count()).resolves.toBe(1)
    for (const m of hostileReport.matches.filter((x) => x.sourceId === HOSTILE_ID)) {
      const quotes = page.locator(".evidence blockquote", { hasText: m.sentence.slice(0, 30) })
      await expect(quotes.first().innerText()).resolves.toBe(m.sentence)
    }
    // hovering the would-be handler does nothing either
    await page.locator(".evidence blockquote", { hasText: "imperialism" }).first().hover()
    await expect(page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned)).resolves.toBeUndefined()
    expect(problems).toEqual([])
    expect(requests).toEqual([hostileNoCspPage])
    await close()
  })
})
