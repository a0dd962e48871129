import { Fragment } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import type { RegistrationView } from '@/lib/messages';
import { t, uiLanguage } from '@/utils/i18n';
import { hostOf } from '../format';
import { focusIfLost, InlineConfirm } from '../InlineConfirm';

export interface RegistrationsSectionProps {
  registrations: RegistrationView[];
  onDrop(key: string): Promise<void>;
  onDropAll(): Promise<void>;
}

/** Client ids are long random strings: the start tells them apart, the title shows all. */
function shortId(clientId: string): string {
  return clientId.length > 8 ? `${clientId.slice(0, 8)}…` : clientId;
}

function formatDate(time: number): string {
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium' }).format(time);
}

/** What is being confirmed: one registration (by key) or all of them. */
type Confirming = { key: string } | 'all' | null;

type Notice = { kind: 'done' | 'failed'; text: string };

export function RegistrationsSection({ registrations, onDrop, onDropAll }: RegistrationsSectionProps) {
  const id = useId();
  const [confirming, setConfirming] = useState<Confirming>(null);
  /** The confirmation whose action is under way. */
  const [busy, setBusy] = useState<Confirming>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  /** The button that asked, to return to on Cancel. */
  const asker = useRef<HTMLButtonElement | null>(null);

  function ask(what: Confirming, button: EventTarget | null) {
    asker.current = button instanceof HTMLButtonElement ? button : null;
    setNotice(null);
    setConfirming(what);
  }

  function cancel() {
    setConfirming(null);
    asker.current?.focus();
  }

  async function run(what: Confirming, action: () => Promise<void>, done: string, failed: string) {
    setBusy(what);
    try {
      await action();
      // The person may have asked something else meanwhile: that question stays.
      setConfirming((current) => (current === what ? null : current));
      setNotice({ kind: 'done', text: done });
      // The row (or the whole table) went, and the focused button with it: the outcome
      // takes the focus, unless the person has moved on meanwhile.
      requestAnimationFrame(() => focusIfLost(noticeRef.current));
    } catch {
      // The question stays, so that the person can simply confirm again.
      setNotice({ kind: 'failed', text: failed });
    } finally {
      setBusy((current) => (current === what ? null : current));
    }
  }

  const columns = 7;

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('optionsRegistrationsTitle')}</h2>
      <p class="hint">{t('optionsRegistrationsIntro')}</p>
      {registrations.length === 0 ? (
        <p>{t('optionsRegistrationsEmpty')}</p>
      ) : (
        <>
          <div class="table-scroll">
            <table class="registrations">
              {/* The section heading says the same: the caption is for screen readers only. */}
              <caption class="visually-hidden">{t('optionsRegistrationsTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('optionsColInstance')}</th>
                  <th scope="col">{t('optionsColClientId')}</th>
                  <th scope="col">{t('optionsColRedirectUri')}</th>
                  <th scope="col">{t('optionsColScopes')}</th>
                  <th scope="col">{t('optionsColCreated')}</th>
                  <th scope="col">{t('optionsColUsedBy')}</th>
                  <th scope="col">{t('optionsColActions')}</th>
                </tr>
              </thead>
              <tbody>
                {registrations.map((registration, index) => {
                  const host = hostOf(registration.origin);
                  const asking = typeof confirming === 'object' && confirming?.key === registration.key;
                  return (
                    <Fragment key={registration.key}>
                      <tr>
                        <th scope="row" id={`${id}-${index}`}>
                          {host}
                          {registration.manual && (
                            <span class="badge" title={t('optionsManualBadgeTitle')}>
                              {t('optionsManualBadge')}
                            </span>
                          )}
                        </th>
                        <td>
                          <code class="nowrap" title={registration.clientId}>
                            {shortId(registration.clientId)}
                          </code>
                        </td>
                        <td>
                          <code class="uri">{registration.redirectUri}</code>
                        </td>
                        <td>{registration.scopes}</td>
                        <td>
                          <time dateTime={new Date(registration.createdAt).toISOString()}>{formatDate(registration.createdAt)}</time>
                        </td>
                        <td>
                          {registration.accountIds.length === 0 ? (
                            <span class="hint">{t('optionsUsedByNone')}</span>
                          ) : (
                            <ul class="plain">
                              {registration.accountIds.map((accountId) => (
                                <li key={accountId}>@{accountId}</li>
                              ))}
                            </ul>
                          )}
                        </td>
                        <td>
                          {/* Several rows have a Drop button: the row's instance tells them apart. */}
                          <button
                            type="button"
                            aria-describedby={`${id}-${index}`}
                            aria-expanded={asking}
                            onClick={(event) => ask({ key: registration.key }, event.currentTarget)}
                          >
                            {t('optionsDropButton')}
                          </button>
                        </td>
                      </tr>
                      {asking && (
                        <tr class="confirm-row">
                          <td colSpan={columns}>
                            <InlineConfirm
                              confirmLabel={t('optionsDropConfirmButton')}
                              busy={busy === confirming}
                              onConfirm={() => run(confirming, () => onDrop(registration.key), t('optionsDropped', host), t('optionsDropFailed'))}
                              onCancel={cancel}
                            >
                              <p>
                                {registration.accountIds.length === 0
                                  ? t('optionsDropConfirmUnused', host)
                                  : t('optionsDropConfirmUsed', [host, registration.accountIds.map((a) => `@${a}`).join(', ')])}
                              </p>
                              {registration.manual && <p>{t('optionsDropManualNote', host)}</p>}
                            </InlineConfirm>
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div class="actions">
            <button type="button" aria-expanded={confirming === 'all'} onClick={(event) => ask('all', event.currentTarget)}>
              {t('optionsDropAllButton')}
            </button>
          </div>
          {confirming === 'all' && (
            <InlineConfirm confirmLabel={t('optionsDropAllConfirmButton')} busy={busy === 'all'}
              onConfirm={() => run('all', onDropAll, t('optionsDroppedAll'), t('optionsDropAllFailed'))} onCancel={cancel}>
              <p>
                {t(registrations.some((r) => r.accountIds.length > 0) ? 'optionsDropAllConfirmUsed' : 'optionsDropAllConfirm', [
                  ...new Set(registrations.map((r) => hostOf(r.origin))),
                ].join(', '))}
              </p>
            </InlineConfirm>
          )}
        </>
      )}
      <div ref={noticeRef} tabIndex={-1} class="outcome">
        <p role="status">{notice?.kind === 'done' && notice.text}</p>
        <div role="alert">{notice?.kind === 'failed' && <p class="error">{notice.text}</p>}</div>
      </div>
    </section>
  );
}
