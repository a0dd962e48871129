import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { t } from '@/utils/i18n';
import './InlineConfirm.css';

export interface InlineConfirmProps {
  children: ComponentChildren;
  confirmLabel: string;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A question asked in place, next to what it is about (a modal `confirm()` blocks the
 * whole browser window and can't be styled or translated). Focus starts on Cancel, the
 * harmless choice; Escape cancels.
 */
export function InlineConfirm({ children, confirmLabel, busy, onConfirm, onCancel }: InlineConfirmProps) {
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      class="confirm"
      role="group"
      aria-labelledby={`${id}-question`}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !busy) {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <div id={`${id}-question`}>{children}</div>
      <div class="actions">
        {/* aria-disabled, not disabled: a disabled button drops the keyboard focus. */}
        <button type="button" class="danger" aria-disabled={busy} onClick={() => busy || onConfirm()}>
          {confirmLabel}
        </button>
        <button type="button" ref={cancel} aria-disabled={busy} onClick={() => busy || onCancel()}>
          {t('cancelButton')}
        </button>
      </div>
    </div>
  );
}

/** Focus `target` when the focused element was removed (focus fell back to the body). */
export function focusIfLost(target: HTMLElement | null): void {
  const active = document.activeElement;
  if (!active || active === document.body || !active.isConnected) target?.focus();
}
