import type { TaskState, TaskStore } from '../../src/index'

/** Resolves with the task's state once `ready` holds; rejects after `timeoutMs`. */
export function waitForTask(
  store: TaskStore,
  id: string,
  ready: (state: TaskState) => boolean,
  timeoutMs = 5000,
): Promise<TaskState> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const state = store.getState().tasks[id]
      if (state === undefined || !ready(state)) return false
      finish()
      resolve(state)
      return true
    }
    const timer = setTimeout(() => {
      finish()
      reject(new Error(`task ${id} did not get there in ${timeoutMs} ms`))
    }, timeoutMs)
    const unsubscribe = store.subscribe(() => void check())
    const finish = () => {
      clearTimeout(timer)
      unsubscribe()
    }
    check()
  })
}
