import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/** The demo app: React with the workspace packages resolved from their sources. */
export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1' },
})
