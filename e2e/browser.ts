import { type Browser, chromium } from 'playwright-core'
import chromiumOptions from './chromium.json'

/** Starts Debian's headless Chromium (in a fresh profile) with flags for a closed network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    ...chromiumOptions,
    executablePath: process.env.CHROMIUM_PATH ?? chromiumOptions.executablePath,
  })
}
