import { defineConfig } from "vitest/config"

// vitest 5's reporter calls Map.groupBy, which Node 20 (our machines) lacks;
// this file is loaded in vitest's main process, so the shim reaches it.
if (typeof (Map as unknown as { groupBy?: unknown }).groupBy !== "function") {
  Object.defineProperty(Map, "groupBy", {
    value: <K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, Array<T>> => {
      const groups = new Map<K, Array<T>>()
      let index = 0
      for (const item of items) {
        const k = key(item, index++)
        const group = groups.get(k)
        if (group === undefined) groups.set(k, [item])
        else group.push(item)
      }
      return groups
    }
  })
}

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/temporaryRoot.ts"],
    env: { TZ: "UTC" },
    testTimeout: 60_000
  }
})
