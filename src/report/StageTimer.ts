/** Wall and CPU time per stage of a run (CPU time counts every thread of the process, workers included). */
import { Effect } from "effect"

export interface StageTime {
  readonly stage: string
  readonly wallMs: number
  readonly cpuMs: number
}

export class StageTimer {
  readonly stages: Array<StageTime> = []

  time<A, E, R>(stage: string, effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> {
    return Effect.suspend(() => {
      const wall = performance.now()
      const cpu = process.cpuUsage()
      return Effect.tap(effect, () =>
        Effect.sync(() => {
          const used = process.cpuUsage(cpu)
          this.stages.push({ stage, wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 })
        }))
    })
  }
}
