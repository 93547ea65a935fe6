import { sleep } from './sleep'
import { Status } from './status'
import type { TaskApp, TaskContext } from './task-app'
import type { TaskRecord, TaskRegistry } from './task-registry'

/** What a run needs from the server around it. */
export interface RunnerOptions {
  registry: TaskRegistry
  /** Multiplies every `ctx.sleep`. */
  timeScale: number
  /** Builds the absolute URL of a task's file. */
  fileUrl(taskId: string, filename: string): string
}

/**
 * Runs an app on a task until it ends: COMPLETED when `run` resolves, FAILED with the error's
 * message when it throws, CANCELLED when the task's signal aborted first.
 */
export async function runTask(app: TaskApp, record: TaskRecord, options: RunnerOptions) {
  const ctx = createContext(record, options)

  try {
    await app.run(ctx)
    options.registry.update(record, { status: Status.COMPLETED })
  } catch (error) {
    if (record.controller.signal.aborted) return
    const message = error instanceof Error ? error.message : String(error)
    options.registry.update(record, { status: Status.FAILED, error: message || 'task failed' })
  }
}

function createContext(record: TaskRecord, options: RunnerOptions): TaskContext {
  const { registry, timeScale } = options
  const { task, controller } = record
  let statusSet = false

  // An app that never names its phases still shows it has started working.
  const started = () => {
    if (!statusSet && task.status < Status.RUNNING)
      registry.update(record, { status: Status.RUNNING })
  }

  return {
    taskId: task.id,
    input: task.input,
    signal: controller.signal,

    setStatus(status) {
      statusSet = true
      registry.update(record, { status: Status[status] })
    },

    log(line) {
      started()
      registry.update(record, { logs: `${task.logs}${line}\n` })
    },

    write(text) {
      started()
      registry.update(record, { logs: task.logs + text })
    },

    setProgress(progress) {
      started()
      registry.update(record, { progress })
    },

    setOutput(output) {
      started()
      registry.update(record, { output })
    },

    putFile(filename, body, contentType) {
      const safe = encodeURIComponent(filename)
      record.files.set(safe, { body, contentType })
      return {
        uri: options.fileUrl(task.id, safe),
        content_type: contentType,
        filename,
        size: body.byteLength,
      }
    },

    sleep: (ms) => sleep(ms * timeScale, controller.signal),
  }
}
