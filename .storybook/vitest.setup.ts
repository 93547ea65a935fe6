import { inject } from 'vitest'

// The live stories read the local server's URL from here when the page gives none.
Object.assign(window, { taskstreamServer: inject('taskstreamServer') })
