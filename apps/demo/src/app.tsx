import { RunForm } from './run-form'
import { serverUrl } from './server-url'
import { TaskCard } from './task-card'
import { useApps } from './use-apps'
import { useTaskIds } from './use-task-ids'

/** The demo: a form to start tasks and every task started, side by side, live. */
export function App() {
  const apps = useApps()
  const tasks = useTaskIds()

  return (
    <main className="demo">
      <header className="demo-header">
        <h1>taskstream</h1>
        <p>
          Tasks run on the local task server at <code>{serverUrl()}</code> and stream back over
          Server-Sent Events.
        </p>
      </header>

      {apps.isPending && <p>Loading apps…</p>}
      {apps.error && (
        <p role="alert" className="demo-error">
          Cannot reach the task server: {apps.error.message}
        </p>
      )}
      {apps.data && <RunForm apps={apps.data} onStarted={(task) => tasks.add(task.id)} />}

      {tasks.ids.length > 0 && (
        <button type="button" className="demo-clear" onClick={tasks.clear}>
          Clear all
        </button>
      )}
      <section className="demo-tasks" aria-label="Tasks">
        {tasks.ids.map((id) => (
          <TaskCard key={id} taskId={id} onRemove={() => tasks.remove(id)} />
        ))}
      </section>
    </main>
  )
}
