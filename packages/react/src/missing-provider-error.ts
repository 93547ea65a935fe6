/** Thrown when a taskstream hook runs outside `<TaskStreamProvider>`. */
export class MissingProviderError extends Error {
  /** Tells this error apart from the core package's errors. */
  readonly type = 'missing-provider' as const

  /** The hook that was called, such as `'useRun'`. */
  readonly hook: string

  constructor(hook: string) {
    super(
      `[@taskstream/react] ${hook}() was called outside <TaskStreamProvider>. ` +
        'Wrap the component tree in <TaskStreamProvider client={client}>.',
    )
    this.name = 'MissingProviderError'
    this.hook = hook
  }
}
