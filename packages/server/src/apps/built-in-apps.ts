import type { TaskApp } from '../task-app'
import { audioApp } from './audio'
import { failApp } from './fail'
import { imageApp } from './image'
import { lifecycleApp } from './lifecycle'
import { textApp } from './text'

/** The apps a server runs by default: image, text, audio, fail and lifecycle, all `local/*`. */
export const builtInApps: readonly TaskApp[] = [imageApp, textApp, audioApp, failApp, lifecycleApp]
