import {
  QueryClient,
  QueryClientProvider,
  experimental_streamedQuery as streamedQuery,
  useQuery,
} from '@tanstack/react-query'
import { createTaskStore, StreamError, type Task, type TaskStream } from '@taskstream/core'
import { TaskStreamProvider, useTask } from '@taskstream/react'
import { createElement as h, Profiler, type ReactNode, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { createFeed, type Feed, type FeedPlan } from './feed'

/** What one contender did with one feed. */
export interface Measurement {
  contender: string
  scenario: string
  updates: number
  wallMs: number
  cpuMs: number
  notifications: number
  commits: number
}

interface Contender {
  name: string
  /** Renders the view of the feed's task; `count` is called once per notification. */
  render(feed: Feed, count: () => void, shown: (lines: number) => void): ReactNode
}

/** The same view for every contender: the status and how many log lines there are. */
function View(props: { status: string; lines: number; shown: (lines: number) => void }) {
  useEffect(() => props.shown(props.lines))
  return h('p', null, `${props.status} · ${props.lines} lines`)
}

// The kit: the task store (one flush a frame) and two selector hooks.
function KitView(props: { id: string; shown: (lines: number) => void }) {
  const status = useTask(props.id, (state) => state.statusName) ?? 'UNKNOWN'
  const lines = useTask(props.id, (state) => state.logs.length) ?? 0
  return h(View, { status, lines, shown: props.shown })
}

const kit: Contender = {
  name: 'taskstream useTask',
  render(feed, count, shown) {
    const client = {
      streamTask(id: string, options: { onUpdate?: ((task: Task) => void) | undefined } = {}) {
        let resolve: (task: Task) => void = () => undefined
        const result = new Promise<Task>((ok) => {
          resolve = ok
        })
        const stop = feed.subscribe((task) => {
          options.onUpdate?.(task)
          if (task.status === 10) resolve(task)
        })
        const close = (): void => stop()
        const stream: TaskStream = {
          result,
          task: null,
          close,
          [Symbol.asyncIterator]: () => {
            throw new StreamError('closed', 'not iterable here', id)
          },
          [Symbol.asyncDispose]: async () => close(),
          [Symbol.dispose]: close,
        }
        return stream
      },
      run: () => Promise.reject(new Error('not here')),
      getTask: () => Promise.reject(new Error('not here')),
      cancel: () => Promise.reject(new Error('not here')),
    } as unknown as Parameters<typeof TaskStreamProvider>[0]['client']
    const store = createTaskStore(client, { pollMs: 0 })
    store.subscribe(count)
    return h(TaskStreamProvider, { client, store }, h(KitView, { id: 'bench', shown }))
  },
}

// The naive hook: one useState update per stream update.
function useNaiveTask(feed: Feed, count: () => void): Task | null {
  const [task, setTask] = useState<Task | null>(null)
  useEffect(
    () =>
      feed.subscribe((next) => {
        count()
        setTask(next)
      }),
    [feed, count],
  )
  return task
}

function NaiveView(props: { feed: Feed; count: () => void; shown: (lines: number) => void }) {
  const task = useNaiveTask(props.feed, props.count)
  const lines = typeof task?.logs === 'string' ? task.logs.split('\n').length - 1 : 0
  const status = task?.status === 10 ? 'COMPLETED' : task ? 'RUNNING' : 'UNKNOWN'
  return h(View, { status, lines, shown: props.shown })
}

const naive: Contender = {
  name: 'naive useState per update',
  render: (feed, count, shown) => h(NaiveView, { feed, count, shown }),
}

// TanStack Query's streamedQuery, keeping the latest task as the query's data.
function StreamedView(props: { feed: Feed; shown: (lines: number) => void }) {
  const { data } = useQuery({
    queryKey: ['bench', 'task'],
    queryFn: streamedQuery<Task, Task | null>({
      streamFn: () => props.feed.iterate(),
      reducer: (_previous, chunk) => chunk,
      initialValue: null,
    }),
  })
  const lines = typeof data?.logs === 'string' ? data.logs.split('\n').length - 1 : 0
  const status = data?.status === 10 ? 'COMPLETED' : data ? 'RUNNING' : 'UNKNOWN'
  return h(View, { status, lines, shown: props.shown })
}

const streamed: Contender = {
  name: 'TanStack Query streamedQuery',
  render(feed, count, shown) {
    const queryClient = new QueryClient()
    queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'success') count()
    })
    return h(QueryClientProvider, { client: queryClient }, h(StreamedView, { feed, shown }))
  },
}

/** Every contender, one after the other, on the same plan. */
export const contenders = [kit, naive, streamed]

/** Runs one contender on a fresh feed until its view shows every line. */
export async function measure(
  contender: Contender,
  scenario: string,
  plan: FeedPlan,
): Promise<Measurement> {
  const feed = createFeed('bench', plan)
  const container = document.createElement('div')
  document.body.append(container)
  const root = createRoot(container)

  let notifications = 0
  let commits = 0
  let resolveShown: () => void = () => undefined
  const allShown = new Promise<void>((resolve) => {
    resolveShown = resolve
  })
  const count = (): void => {
    notifications += 1
  }
  const shown = (lines: number): void => {
    if (lines === plan.updates) resolveShown()
  }

  root.render(
    h(Profiler, { id: 'view', onRender: () => commits++ }, contender.render(feed, count, shown)),
  )
  await new Promise((resolve) => setTimeout(resolve, 50))
  const before = { commits, notifications }

  const cpu = process.cpuUsage()
  const began = performance.now()
  await Promise.all([feed.start(), allShown])
  const wallMs = performance.now() - began
  const used = process.cpuUsage(cpu)

  root.unmount()
  container.remove()
  return {
    contender: contender.name,
    scenario,
    updates: plan.updates,
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    notifications: notifications - before.notifications,
    commits: commits - before.commits,
  }
}
