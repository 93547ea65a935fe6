import { useMutation } from '@tanstack/react-query'
import type { Task } from '@taskstream/core'
import { useTaskStore, useTaskStreamClient } from '@taskstream/react'
import { type FormEvent, useState } from 'react'
import type { AppField, AppInfo } from './use-apps'

type Values = Record<string, string | number | boolean>

function defaults(app: AppInfo | undefined): Values {
  const values: Values = {}
  for (const [name, field] of Object.entries(app?.input ?? {})) {
    values[name] = field.default ?? (field.type === 'boolean' ? false : '')
  }
  return values
}

function readValue(field: AppField, input: HTMLInputElement): string | number | boolean {
  if (field.type === 'boolean') return input.checked
  if (field.type === 'string') return input.value
  return input.value === '' ? '' : Number(input.value)
}

/** Picks an app, fills in its input fields and starts a task with them. */
export function RunForm(props: { apps: AppInfo[]; onStarted: (task: Task) => void }) {
  const client = useTaskStreamClient()
  const store = useTaskStore()
  const [appId, setAppId] = useState(props.apps[0]?.id ?? '')
  const app = props.apps.find((candidate) => candidate.id === appId)
  const [values, setValues] = useState<Values>(() => defaults(app))

  const start = useMutation({
    mutationFn: (input: Values) => client.run({ app: appId, input }, { wait: false }),
    onSuccess: (task) => {
      // Seeding the store shows the task's first status before its stream has said anything.
      store.getState().track(task)
      props.onStarted(task)
    },
  })

  const choose = (id: string) => {
    setAppId(id)
    setValues(defaults(props.apps.find((candidate) => candidate.id === id)))
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const input = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''))
    start.mutate(input)
  }

  return (
    <form className="demo-form" onSubmit={submit} aria-label="Run an app">
      <label>
        App
        <select value={appId} onChange={(event) => choose(event.target.value)} name="app">
          {props.apps.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name} ({option.id})
            </option>
          ))}
        </select>
      </label>
      {app && <p className="demo-hint">{app.description}</p>}
      {Object.entries(app?.input ?? {}).map(([name, field]) => (
        <label key={`${appId}:${name}`} title={field.description}>
          {name}
          <input
            name={name}
            type={
              field.type === 'string' ? 'text' : field.type === 'boolean' ? 'checkbox' : 'number'
            }
            {...(field.type === 'boolean'
              ? { checked: Boolean(values[name]) }
              : { value: String(values[name] ?? '') })}
            required={field.type !== 'boolean' && field.default === undefined}
            {...(field.type === 'number' && { step: 'any' })}
            {...(field.minimum !== undefined && { min: field.minimum })}
            {...(field.maximum !== undefined && { max: field.maximum })}
            onChange={(event) =>
              setValues({ ...values, [name]: readValue(field, event.currentTarget) })
            }
          />
        </label>
      ))}
      <button type="submit" disabled={!app || start.isPending}>
        {start.isPending ? 'Starting…' : 'Run'}
      </button>
      {start.error && (
        <p role="alert" className="demo-error">
          {start.error.message}
        </p>
      )}
    </form>
  )
}
