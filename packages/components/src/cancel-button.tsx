import { useState } from 'react'

/** Props of `CancelButton`. */
export interface CancelButtonProps {
  /** Asks for the cancel; a returned promise keeps the button busy until it settles. */
  onCancel: () => unknown
}

/** A Cancel button that shows "Cancelling…" while the request runs and says if it failed. */
export function CancelButton({ onCancel }: CancelButtonProps) {
  const [pending, setPending] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)

  async function cancel() {
    setPending(true)
    setFailure(null)
    try {
      await onCancel()
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error))
    } finally {
      setPending(false)
    }
  }

  return (
    <>
      <button
        type="button"
        className="ts-task-cancel"
        disabled={pending}
        aria-busy={pending}
        onClick={cancel}
      >
        {pending ? 'Cancelling…' : 'Cancel'}
      </button>
      {failure !== null && (
        <span className="ts-task-cancel-error" role="alert">
          Could not cancel: {failure}
        </span>
      )}
    </>
  )
}
