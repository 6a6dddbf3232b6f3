/**
 * vitest's global setup: every test file makes its temporary folders (os.tmpdir()) inside one folder of the
 * run, removed when the run ends, so that no run leaves drops and outputs behind.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "crossclaim-test-"))
  const previous = process.env["TMPDIR"]
  // the test workers are started after this and inherit it; os.tmpdir() reads it at every call
  process.env["TMPDIR"] = root
  return () => {
    if (previous === undefined) delete process.env["TMPDIR"]
    else process.env["TMPDIR"] = previous
    rmSync(root, { recursive: true, force: true })
  }
}
