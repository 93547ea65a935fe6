import { LogConsole, ResultViewer, TaskProgress } from '@taskstream/components'
import { useTask } from '@taskstream/react'

/** One task, live: its progress, its log and its result. */
export function TaskCard(props: { taskId: string; onRemove: () => void }) {
  const app = useTask(props.taskId, (state) => state.task?.app)

  return (
    <article className="demo-card" aria-label={`Task ${props.taskId}`}>
      <header>
        <h2>{app ?? 'task'}</h2>
        <code>{props.taskId}</code>
        <button type="button" onClick={props.onRemove} aria-label={`Remove ${props.taskId}`}>
          ×
        </button>
      </header>
      <TaskProgress taskId={props.taskId} variant="compact" />
      <LogConsole taskId={props.taskId} className="demo-log" />
      <ResultViewer taskId={props.taskId} />
    </article>
  )
}
