import { useQuery } from '@tanstack/react-query'
import { serverUrl } from './server-url'

/** One input field of a built-in app, as `GET /apps` describes it. */
export interface AppField {
  type: 'string' | 'number' | 'integer' | 'boolean'
  description?: string
  default?: string | number | boolean
  minimum?: number
  maximum?: number
}

/** A built-in app of the local task server. */
export interface AppInfo {
  id: string
  name: string
  description: string
  input: Record<string, AppField>
}

/** Lists the apps the task server offers. */
export function useApps() {
  return useQuery({
    queryKey: ['demo', 'apps', serverUrl()],
    queryFn: async (): Promise<AppInfo[]> => {
      const response = await fetch(`${serverUrl()}/apps`)
      if (!response.ok) throw new Error(`GET /apps answered ${response.status}`)
      return response.json()
    },
  })
}
