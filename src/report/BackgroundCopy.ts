/**
 * Appends a closed file to an open one on a thread of its own, so that the main thread goes on meanwhile: report.json
 * copies its spilled matches while the comparison runs. The thread writes through the same descriptor, whose offset
 * all threads share, so the bytes land where the report has got to; the report must not be written, nor the
 * descriptor closed, until the promise settles.
 */
import { Worker } from "node:worker_threads"

/** The thread's whole program: a plain script, the same under the bundles and under the test runner. */
const COPY = `
const { workerData, parentPort } = require("node:worker_threads")
const { closeSync, openSync, readSync, writeSync } = require("node:fs")
let failure = null
try {
  const from = openSync(workerData.from, "r")
  try {
    const buffer = Buffer.allocUnsafe(4 << 20)
    for (let read = readSync(from, buffer); read > 0; read = readSync(from, buffer)) {
      for (let done = 0; done < read; ) done += writeSync(workerData.to, buffer, done, read - done)
    }
  } finally {
    closeSync(from)
  }
} catch (error) {
  failure = String(error && error.message || error)
}
parentPort.postMessage(failure)
`

/** Appends the file at `from` to the open descriptor `to`; rejects with the reason when it cannot. */
export const appendInBackground = (from: string, to: number): Promise<void> =>
  new Promise((resolve, reject) => {
    // null once the thread reports the copy done, its reason if it failed
    let reported: string | null | undefined
    let error: string | undefined
    const worker = new Worker(COPY, { eval: true, workerData: { from, to } })
    worker.on("message", (message: string | null) => (reported = message))
    worker.on("error", (e) => (error = e.message))
    // the thread has stopped, and with it every write it made
    worker.on("exit", () => {
      if (reported === null) resolve()
      else reject(new Error(`cannot copy ${from}: ${reported ?? error ?? "the copying thread stopped before it was done"}`))
    })
  })
