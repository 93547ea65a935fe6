#!/usr/bin/env node
// Runs every check and test of the repository, then prints one line: `N passed, N failed`.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

const results = '.vitest-results/vitest.json'
const failures = []

/** Runs a command with inherited output; records a failure under `label` when it fails. */
function step(label, command, args, options = {}) {
  console.log(`\n▶ ${label}`)
  const { status } = spawnSync(command, args, { stdio: 'inherit', ...options })
  if (status !== 0) failures.push(label)
  return status === 0
}

ensureChromium()

step('build packages', 'pnpm', ['run', 'build'])
step('bundle budgets', 'pnpm', ['exec', 'size-limit'])
step('lint and format', 'pnpm', ['exec', 'biome', 'ci', '.'])
step('typecheck', 'pnpm', ['exec', 'tsc', '-p', 'tsconfig.json'])
step('storybook build', 'pnpm', ['exec', 'storybook', 'build', '--quiet', '-o', 'storybook-static'])

rmSync(results, { force: true })
mkdirSync('.vitest-results', { recursive: true })
step('vitest', 'pnpm', [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${results}`,
])

const counts = readCounts()
if (failures.length > 0) console.log(`\nFailed steps: ${failures.join(', ')}`)
console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`)
process.exit(failures.length > 0 || counts.failed > 0 || counts.passed === 0 ? 1 : 0)

/** Sums the test counts of the Vitest JSON report, if the run wrote one. */
function readCounts() {
  if (!existsSync(results)) return { passed: 0, failed: 0, skipped: 0 }
  const report = JSON.parse(readFileSync(results, 'utf8'))
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0),
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  }
}

/** End-to-end tests drive Debian's Chromium; install it when the machine lacks it. */
function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return

  console.log('▶ installing Debian chromium for the end-to-end tests')
  const sudo = process.getuid?.() === 0 ? [] : ['sudo']
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const command = [...sudo, 'apt-get', ...args]
    spawnSync(command[0], command.slice(1), { stdio: 'inherit', env })
  }
  if (!existsSync('/usr/bin/chromium')) {
    console.error('Could not install chromium: run `apt-get install chromium` as root, then retry.')
    process.exit(1)
  }
}
