/**
 * The report → `report.html`: one self-contained page a fact-checker reviews in a
 * browser, offline. Per event a coverage matrix (claims × sources), then the
 * discrepancies with the evidence sentences side by side, then one anchored entry
 * per match, then the sources, rejected files and diagnostics.
 *
 * Pure and deterministic: no clock, no randomness, the same report gives the same
 * bytes. Nothing remote: inline CSS and script only, allowed by their hashes in a
 * Content-Security-Policy that forbids everything else. Article text is untrusted:
 * every string from the report is escaped, cue highlighting is built from escaped
 * pieces, and ids and fragment links are made from sanitized slugs.
 */
import { createHash } from "node:crypto"
import type { ReportDocument } from "../domain/Report.ts"
import { byText } from "../domain/Order.ts"

type Match = ReportDocument["matches"][number]
type Source = ReportDocument["sources"][number]
type Discrepancy = ReportDocument["discrepancies"][number]
type Group = Discrepancy["groups"][number]

export interface ClaimText {
  readonly id: string
  readonly proposition: string
}

// ---------------------------------------------------------------------------
// Escaping, slugs and ids

/** Above this many matches the evidence section shows primary matches only. */
const EVIDENCE_LIMIT = 20_000

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }

/** Text → HTML that shows that text, safe in element content and in quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)

const attr = (name: string, value: string): string => ` ${name}="${escapeHtml(value)}"`

/** A stable, unique `[A-Za-z0-9_-]` slug per raw string (source ids are file names and may contain anything). */
class Slugs {
  private readonly byRaw = new Map<string, string>()
  private readonly used = new Set<string>()

  of(raw: string): string {
    const known = this.byRaw.get(raw)
    if (known !== undefined) return known
    const base = raw.normalize("NFKD").replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^[_-]+|[_-]+$/g, "").slice(0, 60) || "x"
    let slug = base
    for (let n = 2; this.used.has(slug); n++) slug = `${base}_${n}`
    this.used.add(slug)
    this.byRaw.set(raw, slug)
    return slug
  }
}

/** Element ids, unique in the page: a candidate already taken gets a suffix. */
class Ids {
  private readonly used = new Set<string>()

  unique(candidate: string): string {
    let id = candidate
    for (let n = 2; this.used.has(id); n++) id = `${candidate}_${n}`
    this.used.add(id)
    return id
  }
}

// ---------------------------------------------------------------------------
// Cue highlighting on escaped pieces

const WORD_CHARACTER = /^[\p{L}\p{M}\p{N}]$/u

const indexesOf = (text: string, needle: string): Array<number> => {
  const found: Array<number> = []
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) found.push(at)
  return found
}

/**
 * Where the cue words stand in the sentence: exact whole-word occurrences first, then
 * whole words in another case, then anywhere; overlaps merged. Plain string search (no
 * regular expression built from a cue), so any cue is taken literally.
 */
export const cueRanges = (sentence: string, cues: ReadonlyArray<string>): Array<readonly [number, number]> => {
  const lower = sentence.toLowerCase()
  // lower-casing keeps offsets only when it keeps the length (true for the seeds' scripts; İ and the like fall back)
  const folds = lower.length === sentence.length
  const wordAt = (start: number, end: number) =>
    !WORD_CHARACTER.test(sentence.slice(start - 1, start)) && !WORD_CHARACTER.test(sentence.slice(end, end + 1))
  const ranges: Array<[number, number]> = []
  for (const cue of [...new Set(cues)]) {
    if (cue.trim() === "") continue
    const cueLower = cue.toLowerCase()
    const caseless = folds && cueLower.length === cue.length ? indexesOf(lower, cueLower) : []
    const exact = indexesOf(sentence, cue)
    const tries = [exact.filter((i) => wordAt(i, i + cue.length)), caseless.filter((i) => wordAt(i, i + cue.length)), exact, caseless]
    const chosen = tries.find((t) => t.length > 0) ?? []
    for (const i of chosen) ranges.push([i, i + cue.length])
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: Array<[number, number]> = []
  for (const [start, end] of ranges) {
    const last = merged[merged.length - 1]
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end)
    else merged.push([start, end])
  }
  return merged
}

/** The sentence as HTML: split at the cue occurrences, each piece escaped, the cues in `<mark>`. */
export const highlight = (sentence: string, cues: ReadonlyArray<string>): string => {
  let html = ""
  let at = 0
  for (const [start, end] of cueRanges(sentence, cues)) {
    html += escapeHtml(sentence.slice(at, start)) + "<mark>" + escapeHtml(sentence.slice(start, end)) + "</mark>"
    at = end
  }
  return html + escapeHtml(sentence.slice(at))
}

// ---------------------------------------------------------------------------
// Words

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  bg: "Bulgarian", bs: "Bosnian", cs: "Czech", de: "German", el: "Greek", en: "English", es: "Spanish", fr: "French",
  hr: "Croatian", hu: "Hungarian", it: "Italian", ko: "Korean", mk: "Macedonian", pl: "Polish", ro: "Romanian",
  ru: "Russian", sk: "Slovak", sl: "Slovenian", sr: "Serbian", uk: "Ukrainian", zh: "Chinese", und: "undetermined"
}
const languageName = (code: string) => LANGUAGE_NAMES[code] ?? code

const KINDS = ["stance", "quantity", "attribution", "framing", "omission"] as const
const KIND_HELP: Readonly<Record<string, string>> = {
  stance: "sources affirm and contradict the claim",
  quantity: "sources give different numbers",
  attribution: "sources attribute the claim to different speakers",
  framing: "sources word the claim differently",
  omission: "some sources do not report the claim"
}

const STANCE_MARK: Readonly<Record<string, string>> = { affirms: "✓", contradicts: "✗" }

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

const slotEntries = (slots: Match["slots"]): Array<readonly [string, string | number | boolean]> =>
  Object.keys(slots).sort(byText).flatMap((k) => {
    const v = slots[k]
    return v === undefined || v === false ? [] : [[k, v] as const]
  })

const slotsHtml = (slots: Match["slots"], className: string): string => {
  const entries = slotEntries(slots)
  if (entries.length === 0) return ""
  return `<span class="${className}">${entries
    .map(([k, v]) => (v === true ? `<span class="slot">${escapeHtml(k)}</span>` : `<span class="slot"><span class="k">${escapeHtml(k)}</span> <b>${escapeHtml(String(v))}</b></span>`))
    .join(" ")}</span>`
}

const shorten = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`)

// ---------------------------------------------------------------------------
// Style and script (static: no report data in them, their hashes go in the CSP)

const STYLE = `
:root{--fg:#1d2330;--muted:#5b6475;--line:#d5dae3;--bg:#fff;--soft:#f4f6f9;--accent:#1a5fb4;--mark:#ffe58a;--omit:#eef0f3;--contra:#b3261e;--ok:#1e6b3a;--cross:#6b4fbb}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--fg);background:var(--bg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans",sans-serif}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,select:focus-visible,[tabindex]:focus-visible{outline:3px solid var(--accent);outline-offset:2px;border-radius:3px}
.skip{position:absolute;left:-999px;top:0;background:var(--fg);color:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:1rem;top:1rem}
.vh{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
header.page{padding:1.25rem 2rem 1rem;border-bottom:1px solid var(--line);background:var(--soft)}
header.page h1{margin:0 0 .25rem;font-size:1.5rem;line-height:1.25}
.lede{margin:0;color:var(--muted)}
nav.toc ol{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.6rem 0 0;padding:0;list-style:none}
main{padding:0 2rem 3rem;max-width:110rem}
h2{font-size:1.3rem;margin:2.25rem 0 .5rem;padding-top:.5rem;border-top:3px solid var(--fg)}
h3{font-size:1.05rem;margin:1.5rem 0 .5rem}
h2 small,h3 small{font-weight:normal;color:var(--muted);font-size:.85rem}
.note{color:var(--muted);margin:.25rem 0 .75rem;max-width:60rem}
.filters{position:sticky;top:0;z-index:5;display:flex;flex-wrap:wrap;align-items:flex-end;gap:.5rem 1rem;padding:.6rem 2rem;background:#fff;border-bottom:1px solid var(--line);box-shadow:0 2px 4px rgba(0,0,0,.05)}
.filters[hidden]{display:none}
.filters label{display:block;font-size:.75rem;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.03em}
.filters select{font:inherit;padding:.25rem .4rem;border:1px solid #9aa3b2;border-radius:4px;background:#fff;max-width:22rem}
.filters button{font:inherit;padding:.3rem .8rem;border:1px solid var(--accent);border-radius:4px;background:var(--accent);color:#fff;cursor:pointer}
.filters output{font-size:.85rem;color:var(--muted);margin-left:auto}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;font-size:.85rem;color:var(--muted);margin:.75rem 0 0;padding:0;list-style:none}
.scroll{overflow-x:auto;border:1px solid var(--line);border-radius:6px;width:fit-content;max-width:100%}
[id]{scroll-margin-top:6rem}
.cell:target,.disc:target,tr:target>th{outline:3px solid #e5a50a;outline-offset:-3px}
table{border-collapse:collapse}
table.matrix{width:auto;font-size:.9rem}
.matrix th,.matrix td{border:1px solid var(--line);padding:.35rem .5rem;vertical-align:top;text-align:left}
.matrix caption{text-align:left;padding:.4rem .5rem;color:var(--muted);font-size:.85rem;caption-side:top}
.matrix thead th{background:var(--soft);font-weight:600;min-width:10.5rem;max-width:16rem}
.matrix thead th.corner{min-width:17rem;max-width:24rem}
.src-id{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.8rem;word-break:break-all}
.src-meta{display:block;font-weight:normal;color:var(--muted);font-size:.8rem}
.lang{display:inline-block;font-size:.72rem;font-weight:700;letter-spacing:.04em;text-transform:uppercase;padding:0 .35rem;border-radius:3px;background:#e3e8f0;color:#2c3646;margin-right:.3rem}
.matrix tbody th{background:#fff;font-weight:normal;position:sticky;left:0;z-index:1;min-width:17rem;max-width:24rem}
.claim-id{font-weight:600}
.prop{display:block;color:var(--muted);font-size:.8rem;line-height:1.35}
.chips{display:flex;flex-wrap:wrap;gap:.2rem;margin-top:.25rem}
.cell a{display:block;color:inherit;text-decoration:none;min-height:1.5rem}
.cell a:hover{background:#eef4fc}
.cell a:hover .speaker{text-decoration:underline}
.stance{display:block;font-weight:600;font-size:.82rem}
.st-affirms .stance{color:var(--ok)}
.st-contradicts{background:#fdf0ef}
.st-contradicts .stance{color:var(--contra)}
.speaker{display:block}
.speaker::before{content:"by ";color:var(--muted);font-size:.8rem}
.slots{display:flex;flex-wrap:wrap;gap:.2rem;margin-top:.15rem}
.slot{display:inline-block;font-size:.8rem;background:var(--soft);border:1px solid var(--line);border-radius:3px;padding:0 .3rem}
.slot .k{color:var(--muted)}
.more{display:block;font-size:.75rem;color:var(--muted)}
td.omitted{background:var(--omit);background-image:repeating-linear-gradient(135deg,transparent 0 6px,rgba(0,0,0,.035) 6px 12px);color:#7b8496;text-align:center;vertical-align:middle;font-size:1.1rem}
td.unsearched{background:#f7f3e8;color:#7a6a3a;text-align:center;vertical-align:middle;font-size:.8rem}
.kind{display:inline-block;font-size:.72rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em;padding:.05rem .4rem;border-radius:3px;color:#fff;background:#5b6475;text-decoration:none}
a.kind:hover{filter:brightness(1.15)}
.k-stance{background:#b3261e}.k-quantity{background:#a8590a}.k-attribution{background:#1a5fb4}.k-framing{background:#7b3fa0}.k-omission{background:#68707d}
.k-cross{background:#fff;color:var(--cross);border:1px dashed var(--cross)}
.disc-list{display:grid;gap:1rem}
.disc{border:1px solid var(--line);border-left:5px solid #68707d;border-radius:6px;padding:.75rem 1rem;background:#fff}
.disc.d-stance{border-left-color:#b3261e}.disc.d-quantity{border-left-color:#a8590a}.disc.d-attribution{border-left-color:#1a5fb4}.disc.d-framing{border-left-color:#7b3fa0}
.disc.cross{border-style:dashed;border-left-style:solid;background:#faf9fd}
.disc h4{margin:0 0 .25rem;font-size:1rem;display:flex;flex-wrap:wrap;gap:.4rem;align-items:baseline}
.disc .summary{margin:.1rem 0 .6rem;color:var(--muted);font-size:.88rem}
.groups{display:grid;grid-template-columns:repeat(auto-fit,minmax(17rem,1fr));gap:.75rem}
.group{border:1px solid var(--line);border-radius:5px;padding:.5rem .7rem;background:var(--soft)}
.group h5{margin:0 0 .35rem;font-size:.95rem}
.group h5 .ev{font-weight:normal;font-size:.8rem;color:var(--cross)}
.group.omits{background:var(--omit)}
.group ul{list-style:none;margin:0;padding:0;display:grid;gap:.5rem}
.who{font-size:.8rem;color:var(--muted);display:flex;flex-wrap:wrap;gap:.1rem .5rem;align-items:baseline}
blockquote{margin:.2rem 0 0;padding:.35rem .6rem;border-left:3px solid #9aa3b2;background:#fff;font-size:.95rem;line-height:1.45;overflow-wrap:anywhere}
mark{background:var(--mark);color:inherit;padding:0 .1em;border-radius:2px}
.missing{color:#7b8496;font-style:italic;font-size:.85rem}
li.absent{display:flex;flex-wrap:wrap;gap:.5rem;align-items:baseline}
.evi-source{margin:1.25rem 0 1.75rem}
.evi-source>h3{padding-bottom:.3rem;border-bottom:1px solid var(--line)}
.evi-list{display:grid;gap:.6rem}
.evidence{border:1px solid var(--line);border-radius:6px;padding:.6rem .9rem;scroll-margin-top:5rem}
.evidence:target{outline:3px solid #e5a50a;background:#fffaeb}
.evidence h4{margin:0;font-size:.95rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:baseline}
.badge{font-size:.7rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em;border:1px solid currentColor;border-radius:3px;padding:0 .3rem;color:var(--ok)}
.badge.secondary{color:var(--muted)}
.evidence .back{margin-left:auto;font-size:.8rem;font-weight:normal}
dl.facts{display:flex;flex-wrap:wrap;gap:.2rem 1.25rem;margin:.4rem 0 0;font-size:.83rem}
dl.facts div{display:flex;gap:.35rem}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0}
table.plain{font-size:.85rem;width:100%}
table.plain th,table.plain td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
table.plain thead th{background:var(--soft)}
ul.plain{margin:.25rem 0;padding-left:1.25rem;font-size:.88rem}
code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.85em;overflow-wrap:anywhere}
[hidden]{display:none!important}
@media (max-width:700px){main{padding:0 1rem 2rem}header.page,.filters{padding-left:1rem;padding-right:1rem}}
@media print{
@page{margin:12mm}
body{font-size:9.5pt}
.filters,.skip,nav.toc,.legend-js{display:none!important}
header.page{background:none;padding:0 0 .5rem}
main{padding:0;max-width:none}
.scroll{overflow:visible;border:0}
table.matrix{table-layout:fixed;width:100%}
.matrix th,.matrix td{word-break:break-word}
.matrix tbody th{position:static}
.matrix thead th,.matrix thead th.corner,.matrix tbody th{min-width:0}
.matrix thead th.corner{width:24%}
thead{display:table-header-group}
tr,.disc,.group,.evidence,blockquote{break-inside:avoid}
h2,h3,h4{break-after:avoid}
a{color:inherit;text-decoration:none}
.evidence:target{outline:0;background:none}
.kind{border:1px solid #000;color:#000;background:none!important}
}
`

const SCRIPT = `
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) return;
  var names = ["event", "claim", "kind", "lang"];
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-f]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-fgroup]"));
  var status = document.getElementById("filter-status");
  function chosen() {
    var v = {};
    names.forEach(function (n) { var s = form.elements.namedItem(n); v[n] = s ? s.value : ""; });
    return v;
  }
  function passes(el, v) {
    for (var i = 0; i < names.length; i++) {
      var want = v[names[i]];
      if (!want) continue;
      var have = el.getAttribute("data-" + names[i]);
      if (have === null) continue;
      if (have.split(" ").indexOf(want) < 0) return false;
    }
    return true;
  }
  function shown(el) { return el.closest("[hidden]") === null; }
  function visibleWithin(el, g) {
    for (var n = el; n !== null && n !== g; n = n.parentElement) if (n.hidden) return false;
    return true;
  }
  function count(selector) {
    var all = Array.prototype.slice.call(document.querySelectorAll(selector));
    return all.filter(shown).length + " of " + all.length;
  }
  function apply() {
    var v = chosen();
    groups.forEach(function (g) { g.hidden = false; });
    items.forEach(function (el) { el.hidden = !passes(el, v); });
    groups.slice().reverse().forEach(function (g) {
      var inside = Array.prototype.slice.call(g.querySelectorAll("[data-f]"));
      g.hidden = !inside.some(function (el) { return visibleWithin(el, g); });
    });
    var active = names.some(function (n) { return v[n] !== ""; });
    if (status) status.textContent = (active ? "Filtered: " : "") + count(".disc") + " discrepancies, " + count(".evidence") + " evidence entries shown";
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  form.addEventListener("reset", function (e) {
    e.preventDefault();
    names.forEach(function (n) { var s = form.elements.namedItem(n); if (s) s.value = ""; });
    apply();
  });
  form.hidden = false;
  Array.prototype.forEach.call(document.querySelectorAll(".legend-js"), function (el) { el.hidden = true; });
  apply();
})();
`

const cspHash = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`

const CSP = [
  "default-src 'none'",
  `style-src ${cspHash(STYLE)}`,
  `script-src ${cspHash(SCRIPT)}`,
  "img-src 'none'",
  "font-src 'none'",
  "connect-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'"
].join("; ")

// ---------------------------------------------------------------------------
// The page

const UNASSIGNED = "unassigned"

interface EventBlock {
  readonly key: string | null
  readonly slug: string
  readonly title: string | null
  readonly date: string | null
  readonly place: string | null
  readonly sources: ReadonlyArray<Source>
}

/** The document head of both pages: the policy, the style, the title. */
const pageHead = (report: Pick<ReportDocument, "tool" | "investigation">): string => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"${attr("content", CSP)}>
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="generator"${attr("content", `${report.tool.name} ${report.tool.version}`)}>
<title>${escapeHtml(`${report.investigation} — crossclaim review`)}</title>
<style>${STYLE}</style>
</head>`

export const renderReportHtml = (report: ReportDocument, claims: ReadonlyArray<ClaimText>): string => {
  const sourceSlugs = new Slugs()
  const claimSlugs = new Slugs()
  const eventSlugs = new Slugs()
  const langSlugs = new Slugs()
  const ids = new Ids()

  const sources = [...report.sources].sort((a, b) => byText(a.id, b.id))
  for (const s of sources) sourceSlugs.of(s.id)
  const sourceById = new Map(sources.map((s) => [s.id, s]))

  // claims: catalogue order, then any claim the report knows and the catalogue does not
  const claimList: Array<ClaimText> = [...claims]
  const knownClaims = new Set(claimList.map((c) => c.id))
  for (const id of [...new Set([...report.matches.map((m) => m.claimId), ...report.discrepancies.map((d) => d.claimId)])].sort(byText)) {
    if (!knownClaims.has(id)) {
      claimList.push({ id, proposition: "" })
      knownClaims.add(id)
    }
  }
  for (const c of claimList) claimSlugs.of(c.id)
  const proposition = new Map(claimList.map((c) => [c.id, c.proposition]))

  // events: the report's, then events only sources name, then the sources without an event
  const unassignedSlug = eventSlugs.of("\u0000unassigned")
  // chronological (undated last), then by id
  const eventKeys = [...report.events].sort((a, b) => byText(a.date ?? "\uffff", b.date ?? "\uffff") || byText(a.id, b.id)).map((e) => e.id)
  for (const id of [...new Set(sources.flatMap((s) => (s.eventId === null ? [] : [s.eventId])))].sort(byText)) if (!eventKeys.includes(id)) eventKeys.push(id)
  const eventSlug = (id: string | null) => (id === null ? unassignedSlug : eventSlugs.of(id === UNASSIGNED ? `event:${id}` : id))
  const blocks: Array<EventBlock> = eventKeys.map((id) => {
    const known = report.events.find((e) => e.id === id)
    return { key: id, slug: eventSlug(id), title: known?.title ?? null, date: known?.date ?? null, place: known?.place ?? null, sources: sources.filter((s) => s.eventId === id) }
  })
  const unassigned = sources.filter((s) => s.eventId === null)
  if (unassigned.length > 0) blocks.push({ key: null, slug: unassignedSlug, title: null, date: null, place: null, sources: unassigned })

  const languages = [...new Set(sources.map((s) => s.language))].sort(byText)
  for (const l of languages) langSlugs.of(l)
  const langOf = (sourceId: string) => sourceById.get(sourceId)?.language ?? "und"
  const langToken = (sourceId: string) => langSlugs.of(langOf(sourceId))

  const unsearched = new Set(report.diagnostics.filter((d) => d.code === "no-resources" && d.sourceId !== null && d.message.includes("its text")).map((d) => d.sourceId ?? ""))

  // anchors: evidence entries, matrix cells and rows, discrepancies
  const evidenceId = new Map<Match, string>()
  for (const m of report.matches) evidenceId.set(m, ids.unique(`m-${sourceSlugs.of(m.sourceId)}-${claimSlugs.of(m.claimId)}-${Math.trunc(m.start)}`))
  const matchesOf = new Map<string, Array<Match>>()
  for (const m of report.matches) {
    const key = `${m.sourceId}\u0000${m.claimId}`
    const list = matchesOf.get(key)
    if (list === undefined) matchesOf.set(key, [m])
    else list.push(m)
  }
  const primaryOf = (sourceId: string, claimId: string): Match | undefined => {
    const all = matchesOf.get(`${sourceId}\u0000${claimId}`) ?? []
    return all.find((m) => m.primary) ?? all[0]
  }
  const cellId = new Map<string, string>()
  const rowId = new Map<string, string>()
  for (const b of blocks) {
    for (const c of claimList) {
      rowId.set(`${b.slug}\u0000${c.id}`, ids.unique(`r-${b.slug}-${claimSlugs.of(c.id)}`))
      for (const s of b.sources) cellId.set(`${s.id}\u0000${c.id}`, ids.unique(`c-${b.slug}-${claimSlugs.of(c.id)}-${sourceSlugs.of(s.id)}`))
    }
  }
  const discId = new Map<Discrepancy, string>()
  for (const d of report.discrepancies) discId.set(d, ids.unique(`d-${d.id.normalize("NFKD").replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 120)}`))
  const blockIds = new Map(blocks.map((b) => [b.slug, ids.unique(`event-${b.slug}`)]))
  const crossId = ids.unique("between-events")
  const evidenceSection = ids.unique("evidence")
  const sourcesSection = ids.unique("sources")

  const href = (id: string | undefined) => (id === undefined ? "" : attr("href", `#${id}`))
  const srcLabel = (sourceId: string) => `<bdi class="src-id">${escapeHtml(sourceId)}</bdi>`
  const langChip = (code: string) => `<span class="lang"${attr("title", languageName(code))}>${escapeHtml(code)}</span>`
  const eventName = (key: string | null) => (key === null ? "unassigned" : key)

  // ---- header
  // the substantive kinds first, omissions last; within a kind, catalogue order
  const claimOrder = new Map(claimList.map((c, i) => [c.id, i]))
  const kindOrder = (kind: string) => { const i = (KINDS as ReadonlyArray<string>).indexOf(kind); return i < 0 ? KINDS.length : i }
  const ordered = report.discrepancies
    .map((d, i) => ({ d, i }))
    .sort((a, b) => kindOrder(a.d.kind) - kindOrder(b.d.kind) || (claimOrder.get(a.d.claimId) ?? 0) - (claimOrder.get(b.d.claimId) ?? 0) || a.i - b.i)
    .map(({ d }) => d)
  const within = ordered.filter((d) => !d.crossEvent)
  const between = ordered.filter((d) => d.crossEvent)
  const lede = [
    plural(sources.length, "source"),
    plural(languages.length, "language"),
    plural(blocks.filter((b) => b.key !== null).length, "event"),
    `${plural(report.matches.length, "match", "matches")} (${report.matches.filter((m) => m.primary).length} primary)`,
    `${plural(report.discrepancies.length, "discrepancy", "discrepancies")}: ${within.length} within an event, ${between.length} between events`
  ].join(" · ")

  const toc = [
    ...blocks.map((b) => `<li><a${href(blockIds.get(b.slug))}>${b.key === null ? "Sources without an event" : `Event ${escapeHtml(b.key)}`}</a></li>`),
    `<li><a${href(crossId)}>Differences between events</a></li>`,
    `<li><a${href(evidenceSection)}>Evidence</a></li>`,
    `<li><a${href(sourcesSection)}>Sources &amp; diagnostics</a></li>`
  ].join("")

  const option = (value: string, label: string) => `<option${attr("value", value)}>${escapeHtml(label)}</option>`
  const filters = `<form id="filters" class="filters" hidden aria-label="Filters">
<div><label for="f-event">Event</label><select id="f-event" name="event">${option("", "All events")}${blocks.map((b) => option(b.slug, b.key === null ? "unassigned" : `${b.key}${b.title === null ? "" : ` — ${shorten(b.title, 50)}`}`)).join("")}</select></div>
<div><label for="f-claim">Claim</label><select id="f-claim" name="claim">${option("", "All claims")}${claimList.map((c) => option(claimSlugs.of(c.id), c.id)).join("")}</select></div>
<div><label for="f-kind">Discrepancy kind</label><select id="f-kind" name="kind">${option("", "All kinds")}${KINDS.map((k) => option(k, k)).join("")}</select></div>
<div><label for="f-lang">Article language</label><select id="f-lang" name="lang">${option("", "All languages")}${languages.map((l) => option(langSlugs.of(l), `${l} — ${languageName(l)}`)).join("")}</select></div>
<div><button type="reset">Show all</button></div>
<output id="filter-status" for="f-event f-claim f-kind f-lang" aria-live="polite"></output>
</form>`

  // ---- a matrix per event
  const cellHtml = (claimId: string, s: Source): string => {
    const id = cellId.get(`${s.id}\u0000${claimId}`) ?? ""
    const common = `${attr("id", id)} data-f${attr("data-lang", langToken(s.id))}`
    const m = primaryOf(s.id, claimId)
    if (m === undefined) {
      if (unsearched.has(s.id)) return `<td class="cell unsearched"${common} title="not searched: no language resources for this article">n/a<span class="vh"> not searched</span></td>`
      return `<td class="cell omitted"${common} title="not reported"><span aria-hidden="true">—</span><span class="vh">not reported</span></td>`
    }
    const others = (matchesOf.get(`${s.id}\u0000${claimId}`)?.length ?? 1) - 1
    return `<td class="cell st-${escapeHtml(m.stance)}"${common}><a${href(evidenceId.get(m))}${attr("title", shorten(m.sentence, 240))}>` +
      `<span class="stance">${STANCE_MARK[m.stance] ?? ""} ${escapeHtml(m.stance)}</span>` +
      `<span class="speaker">${escapeHtml(m.speaker)}</span>` +
      slotsHtml(m.slots, "slots") +
      (others > 0 ? `<span class="more">+${others} more in the evidence</span>` : "") +
      `</a></td>`
  }

  const discrepanciesOf = (b: EventBlock) => (b.key === null ? within.filter((d) => d.eventIds.length === 0) : within.filter((d) => d.eventIds[0] === b.key))

  const matrixHtml = (b: EventBlock): string => {
    const captionId = ids.unique(`cap-${b.slug}`)
    const head = `<tr><th scope="col" class="corner">Claim</th>${b.sources.map((s) => {
      const meta = [s.outlet, s.published].filter((x): x is string => x !== null && x !== "")
      return `<th scope="col" data-f${attr("data-lang", langToken(s.id))}>${langChip(s.language)}${srcLabel(s.id)}` +
        `<span class="src-meta">${meta.length > 0 ? meta.map(escapeHtml).join(" · ") : "outlet and date unknown"}</span></th>`
    }).join("")}</tr>`
    const discs = discrepanciesOf(b)
    const rows = claimList.map((c) => {
      const chips = discs.filter((d) => d.claimId === c.id).map((d) => `<a class="kind k-${escapeHtml(d.kind)}"${href(discId.get(d))}${attr("title", `${d.kind}: ${KIND_HELP[d.kind] ?? ""}`)}>${escapeHtml(d.kind)}</a>`)
      const prop = proposition.get(c.id) ?? ""
      return `<tr${attr("id", rowId.get(`${b.slug}\u0000${c.id}`) ?? "")} data-f${attr("data-claim", claimSlugs.of(c.id))}>` +
        `<th scope="row"${prop === "" ? "" : attr("title", prop)}><span class="claim-id">${escapeHtml(c.id)}</span>` +
        (prop === "" ? "" : `<span class="prop">${escapeHtml(prop)}</span>`) +
        (chips.length > 0 ? `<span class="chips">${chips.join("")}</span>` : "") +
        `</th>${b.sources.map((s) => cellHtml(c.id, s)).join("")}</tr>`
    }).join("\n")
    return `<div class="scroll" role="region" tabindex="0"${attr("aria-labelledby", captionId)}><table class="matrix">` +
      `<caption${attr("id", captionId)}>Coverage of ${escapeHtml(eventName(b.key))}: claims × sources. Each cell shows the stance, the speaker and the slot values of the source's primary match and links to its evidence; — marks a claim the source does not report.</caption>` +
      `<thead>${head}</thead><tbody>\n${rows}\n</tbody></table></div>`
  }

  // ---- discrepancies with the sources side by side
  const sourceItem = (sourceId: string, claimId: string, reported: boolean): string => {
    const s = sourceById.get(sourceId)
    const m = reported ? primaryOf(sourceId, claimId) : undefined
    const who = `<span class="who">${langChip(s?.language ?? "und")}${srcLabel(sourceId)}` +
      (m === undefined ? "" : `<span>${STANCE_MARK[m.stance] ?? ""} ${escapeHtml(m.stance)} · by ${escapeHtml(m.speaker)}</span><a${href(evidenceId.get(m))}>evidence<span class="vh"> from ${escapeHtml(sourceId)}</span></a>`) +
      `</span>`
    if (m === undefined) return `<li class="absent">${who}<span class="missing">${reported ? "no primary match recorded" : "not reported"}</span></li>`
    return `<li>${who}<blockquote${attr("lang", m.language)} dir="auto">${highlight(m.sentence, m.cues)}</blockquote></li>`
  }

  const groupHtml = (d: Discrepancy, g: Group): string => {
    const omits = g.value === null
    return `<div class="group${omits ? " omits" : ""}"><h5>${escapeHtml(g.label)}` +
      (d.crossEvent && g.eventId !== null ? ` <span class="ev">[${escapeHtml(g.eventId)}]</span>` : "") +
      ` <small>(${plural(g.sourceIds.length, "source")})</small></h5><ul>${g.sourceIds.map((sid) => sourceItem(sid, d.claimId, !omits)).join("")}</ul></div>`
  }

  const discHtml = (d: Discrepancy): string => {
    const langs = [...new Set([...d.sourceIds, ...d.groups.flatMap((g) => g.sourceIds)].map(langToken))].sort(byText)
    const events = d.eventIds.length === 0 ? [unassignedSlug] : d.eventIds.map((e) => eventSlug(e))
    return `<article${attr("id", discId.get(d) ?? "")} class="disc d-${escapeHtml(d.kind)}${d.crossEvent ? " cross" : ""}" data-f` +
      `${attr("data-claim", claimSlugs.of(d.claimId))}${attr("data-kind", d.kind)}${attr("data-event", events.join(" "))}${attr("data-lang", langs.join(" "))}>` +
      `<h4><span class="kind k-${escapeHtml(d.kind)}"${attr("title", KIND_HELP[d.kind] ?? d.kind)}>${escapeHtml(d.kind)}</span>` +
      (d.crossEvent ? `<span class="kind k-cross">between events</span>` : "") +
      `<span>${escapeHtml(d.claimId)}</span>${d.slot === null ? "" : `<small>slot ${escapeHtml(d.slot)}</small>`}</h4>` +
      `<p class="summary">${escapeHtml(d.summary)}</p>` +
      `<div class="groups">${d.groups.map((g) => groupHtml(d, g)).join("")}</div></article>`
  }

  const eventSection = (b: EventBlock): string => {
    const discs = discrepanciesOf(b)
    const facts = [b.date, b.place].filter((x): x is string => x !== null).map(escapeHtml)
    const langs = [...new Set(b.sources.map((s) => langToken(s.id)))].sort(byText)
    return `<section${attr("id", blockIds.get(b.slug) ?? "")} class="event" data-f${attr("data-event", b.slug)}${attr("data-lang", langs.join(" "))}${attr("aria-labelledby", `${blockIds.get(b.slug) ?? ""}-h`)}>` +
      `<h2${attr("id", `${blockIds.get(b.slug) ?? ""}-h`)}>${b.key === null ? "Sources without an event" : `Event ${escapeHtml(b.key)}${b.title === null ? "" : ` — ${escapeHtml(b.title)}`}`}` +
      ` <small>${[...facts, plural(b.sources.length, "source")].join(" · ")}</small></h2>` +
      (b.key === null ? `<p class="note">These sources could not be placed at an event; their rows are not compared with each other.</p>` : "") +
      (b.sources.length === 0 ? `<p class="note">No source reports this event.</p>` : `<h3>Coverage</h3>${matrixHtml(b)}`) +
      (discs.length === 0
        ? (b.key === null ? "" : `<h3>Discrepancies within this event</h3><p class="note">None found.</p>`)
        : `<div data-fgroup><h3>Discrepancies within this event <small>${discs.length}</small></h3><div class="disc-list">${discs.map(discHtml).join("\n")}</div></div>`) +
      `</section>`
  }

  const crossSection = `<section${attr("id", crossId)} aria-labelledby="${crossId}-h"><h2 id="${crossId}-h">Differences between events <small>${between.length}</small></h2>` +
    `<p class="note">These compare sources that report <strong>different events</strong>. A different value here is a difference between the events, not a contradiction between the sources.</p>` +
    (between.length === 0 ? `<p class="note">None found.</p>` : `<div data-fgroup class="disc-list">${between.map(discHtml).join("\n")}</div>`) +
    `</section>`

  // ---- evidence: one anchored entry per match, grouped by source
  const evidenceEntry = (m: Match): string => {
    const facts: Array<readonly [string, string]> = [
      ["stance", `${STANCE_MARK[m.stance] ?? ""} ${escapeHtml(m.stance)}${m.negation === null ? "" : ` (negation “${escapeHtml(m.negation)}”)`}`],
      ["speaker", `${escapeHtml(m.speaker)} <small>(via ${escapeHtml(m.speakerVia)})</small>`],
      ...slotEntries(m.slots).map(([k, v]) => [`slot ${escapeHtml(k)}`, escapeHtml(String(v))] as const),
      ["language", `${escapeHtml(m.language)} (${escapeHtml(languageName(m.language))})`],
      ["event", escapeHtml(eventName(m.eventId))],
      ["segment", escapeHtml(m.segmentRole)],
      ["offsets", `${m.start}–${m.end}`],
      ...(m.backReference ? [["looks back", m.timeCues.map(escapeHtml).join(", ") || "yes"] as const] : [])
    ]
    return `<article${attr("id", evidenceId.get(m) ?? "")} class="evidence" data-f${attr("data-claim", claimSlugs.of(m.claimId))}${attr("data-event", eventSlug(sourceById.get(m.sourceId)?.eventId ?? m.eventId))}${attr("data-lang", langToken(m.sourceId))}>` +
      `<h4><span>${escapeHtml(m.claimId)}</span>${m.primary ? `<span class="badge" title="speaks for its source in the comparisons">primary</span>` : `<span class="badge secondary" title="another sentence of the source on this claim">other mention</span>`}` +
      `<a class="back"${href(cellId.get(`${m.sourceId}\u0000${m.claimId}`))}>↑ in the coverage matrix</a></h4>` +
      `<blockquote${attr("lang", m.language)} dir="auto">${highlight(m.sentence, m.cues)}</blockquote>` +
      `<dl class="facts">${facts.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join("")}</dl></article>`
  }
  // a very large drop keeps its page readable: only the matches that speak for their sources are shown as evidence
  const allEvidence = report.matches.length <= EVIDENCE_LIMIT
  const matchesBySource = new Map<string, Array<Match>>()
  for (const m of report.matches) {
    if (!allEvidence && !m.primary) continue
    const list = matchesBySource.get(m.sourceId)
    if (list === undefined) matchesBySource.set(m.sourceId, [m])
    else list.push(m)
  }
  const evidenceBySource = sources.map((s) => {
    const ms = matchesBySource.get(s.id) ?? []
    if (ms.length === 0) return ""
    const meta = [languageName(s.language), s.outlet, s.published, `event ${eventName(s.eventId)}`].filter((x): x is string => x !== null && x !== "")
    return `<div class="evi-source" data-fgroup><h3>${langChip(s.language)}${srcLabel(s.id)} <small>${meta.map(escapeHtml).join(" · ")} · ${plural(ms.length, "match", "matches")}</small></h3>` +
      `<div class="evi-list">${ms.map(evidenceEntry).join("\n")}</div></div>`
  }).join("\n")
  const strays = report.matches.filter((m) => !sourceById.has(m.sourceId) && (allEvidence || m.primary))
  const evidenceHtml = `<section${attr("id", evidenceSection)} aria-labelledby="${evidenceSection}-h"><h2 id="${evidenceSection}-h">Evidence <small>${plural(report.matches.length, "match", "matches")}</small></h2>` +
    `<p class="note">Each sentence in its original language and script; the words that made the match are <mark>highlighted</mark>.${allEvidence ? "" : ` With ${report.matches.length} matches, only the primary match of each source and claim is shown here; claims.csv and report.json hold them all.`}</p>` +
    evidenceBySource + (strays.length > 0 ? `<div class="evi-source" data-fgroup><h3>Other sources</h3><div class="evi-list">${strays.map(evidenceEntry).join("\n")}</div></div>` : "") +
    `</section>`

  // ---- sources, rejected, ignored, diagnostics
  const sourceRows = sources.map((s) =>
    `<tr data-f${attr("data-event", eventSlug(s.eventId))}${attr("data-lang", langToken(s.id))}><td>${srcLabel(s.id)}</td><td><code>${escapeHtml(s.file)}</code>${s.metaFile === null ? "" : `<br><code>${escapeHtml(s.metaFile)}</code>`}</td>` +
    `<td>${langChip(s.language)}${escapeHtml(languageName(s.language))} <small>(${s.languageConfidence})</small></td>` +
    `<td>${escapeHtml(eventName(s.eventId))}<br><small>${escapeHtml(s.eventReason)}</small></td>` +
    `<td>${escapeHtml(s.outlet ?? "—")}</td><td>${escapeHtml(s.published ?? "—")}</td>` +
    `<td>${s.url === null ? "—" : `<code>${escapeHtml(s.url)}</code>`}</td>` +
    `<td>${escapeHtml(s.encoding)}${s.encodingDetail === null ? "" : `<br><small>${escapeHtml(s.encodingDetail)}</small>`}</td></tr>`
  ).join("\n")
  const listOr = (items: ReadonlyArray<string>, none: string) => (items.length === 0 ? `<p class="note">${none}</p>` : `<ul class="plain">${items.map((i) => `<li>${i}</li>`).join("")}</ul>`)
  const finalSection = `<section${attr("id", sourcesSection)} aria-labelledby="${sourcesSection}-h"><h2 id="${sourcesSection}-h">Sources, rejected files and diagnostics</h2>` +
    `<div class="scroll" role="region" tabindex="0" aria-label="Sources"><table class="plain"><thead><tr><th scope="col">Source</th><th scope="col">File</th><th scope="col">Language</th><th scope="col">Event</th><th scope="col">Outlet</th><th scope="col">Published</th><th scope="col">URL (not linked)</th><th scope="col">Encoding</th></tr></thead><tbody>\n${sourceRows}\n</tbody></table></div>` +
    `<h3>Rejected <small>${report.rejected.length}</small></h3>` +
    listOr(report.rejected.map((r) => `<code>${escapeHtml(r.file)}</code> — ${escapeHtml(r.reason)}: ${escapeHtml(r.message)}`), "No file was rejected.") +
    `<h3>Ignored <small>${report.ignored.length}</small></h3>` +
    listOr(report.ignored.map((r) => `<code>${escapeHtml(r.file)}</code> — ${escapeHtml(r.reason)}`), "No file was ignored.") +
    `<h3>Diagnostics <small>${report.diagnostics.length}</small></h3>` +
    listOr(report.diagnostics.map((d) => `<code>${escapeHtml(d.code)}</code>${d.sourceId === null ? "" : ` ${srcLabel(d.sourceId)}`}: ${escapeHtml(d.message)}`), "No diagnostics.") +
    `</section>`

  const legend = `<ul class="legend" aria-label="Legend"><li>✓ affirms the claim</li><li>✗ contradicts it</li><li>— not reported by the source</li><li><mark>cue</mark> word that made the match</li><li class="legend-js">Filters need JavaScript; without it everything is shown.</li></ul>`

  return `${pageHead(report)}
<body>
<a class="skip" href="#main">Skip to the coverage</a>
<header class="page">
<h1>Claims compared across sources — ${escapeHtml(report.investigation)}</h1>
<p class="lede">${escapeHtml(lede)} · ${escapeHtml(`${report.tool.name} ${report.tool.version}`)}, catalogue v${escapeHtml(String(report.catalogueVersion))}</p>
<nav class="toc" aria-label="Contents"><ol>${toc}</ol></nav>
${legend}
</header>
${filters}
<main id="main">
${blocks.map(eventSection).join("\n")}
${crossSection}
${evidenceHtml}
${finalSection}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`
}

/** Above this many sources one page cannot show a readable matrix: the page lists the discrepancies and points to the CSVs. */
export const HTML_SOURCE_LIMIT = 1000

/** What the page of a very large drop shows: counts and the discrepancies. */
export interface DropOverview extends Pick<ReportDocument, "tool" | "investigation" | "discrepancies"> {
  readonly counts: { readonly sources: number; readonly events: number; readonly matches: number; readonly rejected: number }
}

/** The review page of a very large drop: counts and every discrepancy's summary, no matrix or evidence (coverage.csv and claims.csv hold them). */
export const renderLargeDropHtml = (report: DropOverview): string => {
  const items = report.discrepancies.map((d) =>
    `<li><span class="kind k-${escapeHtml(d.kind)}">${escapeHtml(d.kind)}</span>${d.crossEvent ? " <span class=\"badge\">between events</span>" : ""} <code>${escapeHtml(d.id)}</code><br>${escapeHtml(d.summary)}</li>`
  )
  return `${pageHead(report)}
<body>
<header class="page">
<h1>Claims compared across sources — ${escapeHtml(report.investigation)}</h1>
<p class="lede">${escapeHtml(`${report.counts.sources} sources · ${report.counts.events} events · ${report.counts.matches} matches · ${report.discrepancies.length} discrepancies · ${report.counts.rejected} rejected`)}</p>
<p class="note">${escapeHtml(`This drop has more than ${HTML_SOURCE_LIMIT} sources, too many for one readable page: the coverage matrix is in coverage.csv and every match with its sentence in claims.csv and report.json.`)}</p>
</header>
<main id="main">
<section><h2>Discrepancies <small>${report.discrepancies.length}</small></h2><ul class="plain">${items.join("\n")}</ul></section>
</main>
</body>
</html>
`
}
