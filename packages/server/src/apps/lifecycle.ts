import type { PhaseName } from '../status'
import type { TaskApp } from '../task-app'

const phases: [PhaseName, string, number][] = [
  ['RECEIVED', 'Request received', 300],
  ['QUEUED', 'Waiting in the queue', 600],
  ['SCHEDULED', 'A worker is assigned', 300],
  ['PREPARING', 'Preparing the worker', 300],
  ['SERVING', 'The app is being served', 200],
  ['SETTING_UP', 'Setting up the app', 500],
  ['RUNNING', 'Running', 600],
  ['UPLOADING', 'Uploading the results', 300],
]

/** `local/lifecycle`: walks through every status of the table, one log line each. */
export const lifecycleApp: TaskApp = {
  id: 'local/lifecycle',
  name: 'Lifecycle',
  description: 'Walks through every task status up to COMPLETED, with one log line per status.',
  input: {},

  async run(ctx) {
    for (const [status, line, pause] of phases) {
      ctx.setStatus(status)
      ctx.log(line)
      await ctx.sleep(pause)
    }
    ctx.setOutput({ statuses: [...phases.map(([status]) => status), 'COMPLETED'] })
  },
}
