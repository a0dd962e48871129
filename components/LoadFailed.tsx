export interface LoadFailedProps {
  /** Which page or part could not be loaded, as one sentence. */
  message: string;
}

/** Shown in place of a page or part whose state the background could not give. */
export function LoadFailed({ message }: LoadFailedProps) {
  return (
    <div role="alert" class="error">
      <p>{message}</p>
    </div>
  );
}
