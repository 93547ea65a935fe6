import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { createClient } from '@taskstream/core'
import { TaskStreamProvider } from '@taskstream/react'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '@taskstream/components/styles.css'
import './demo.css'
import { App } from './app'
import { serverUrl } from './server-url'

const client = createClient({ baseUrl: serverUrl() })
const queryClient = new QueryClient()

const root = document.getElementById('root')
if (!root) throw new Error('The demo page has no #root element.')

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <TaskStreamProvider client={client}>
        <App />
      </TaskStreamProvider>
    </QueryClientProvider>
  </StrictMode>,
)
