import { useState } from 'preact/hooks';
import type { StateUpdater } from 'preact/hooks';
import type { DraftId, EditError, EditForm, RecentPostView, Requests } from '@/lib/messages';
import { t } from '@/utils/i18n';
import { InlineConfirm } from './InlineConfirm';
import { lazy } from './lazy';
import './RecentPostList.css';

export type RecentPostListBackend = Requests<'openEdit' | 'saveEdit' | 'deleteAndRedraft'>;

export interface RecentPostListProps {
  backend: RecentPostListBackend;
  /** The composer a redrafted post goes into. */
  draftId: DraftId;
  /** The list as last read, kept by the fold around it (RecentPosts). */
  posts: RecentPostView[];
  setPosts: (update: StateUpdater<RecentPostView[]>) => void;
  /** Reads the list again (a post found gone). */
  reload: () => void;
}

/** What is under way for one post. */
type Open =
  | { statusId: string; step: 'opening' | 'confirm-redraft' | 'redrafting' }
  | { statusId: string; step: 'editing' | 'saving'; form: EditForm };

/** The edit form loads on the first Edit (docs/architecture.md, "What loads at rest"). */
const EditPostForm = lazy(() => import('./EditPostForm').then((m) => m.EditPostForm));

async function errorSentence(error: EditError | { code: 'no-answer' }, host: string): Promise<string> {
  if (error.code === 'post-gone') return t('editPostGone');
  if (error.code === 'edit-unsupported') return t('editUnsupported', host);
  if (error.code === 'draft-in-use') return t('redraftDraftInUse');
  if (error.code === 'no-answer') return t('editNoAnswer');
  // The server's refusals are worded as the composer words them, loaded with its error view.
  return import('./composer/PostErrorMessage').then(
    (m) => m.postErrorSentence(error, host),
    () => t('partLoadFailed'),
  );
}

/** The server of an account id (`user@host`), as error sentences name it. */
const hostOfAccount = (accountId: string) => accountId.slice(accountId.lastIndexOf('@') + 1);

/** The first line of a post, as the list shows it: its warning if it has one. */
function excerpt(post: RecentPostView): string {
  const line = (post.spoilerText || post.text).trim().split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/**
 * The newest posts made from this browser, each with Edit (where its server can edit) and
 * Delete & redraft, as Mastodon offers them beside a post. Loaded when the person unfolds
 * them (docs/architecture.md, "What loads at rest").
 */
export function RecentPostList({ backend, draftId, posts, setPosts, reload }: RecentPostListProps) {
  const [open, setOpen] = useState<Open | null>(null);
  const [message, setMessage] = useState<{ statusId: string; text: string; alert: boolean } | null>(null);

  /** What happened to a post no longer listed (Delete & redraft). */
  const general = message?.statusId === '' ? <p role={message.alert ? 'alert' : 'status'}>{message.text}</p> : null;
  if (posts.length === 0) return general;

  const fail = async (post: RecentPostView, error: EditError | { code: 'no-answer' }) => {
    const text = await errorSentence(error, hostOfAccount(post.accountId));
    setOpen(null);
    setMessage({ statusId: post.statusId, text, alert: true });
    if (error.code === 'post-gone') reload();
  };

  async function edit(post: RecentPostView) {
    setMessage(null);
    setOpen({ statusId: post.statusId, step: 'opening' });
    try {
      const outcome = await backend.openEdit({ accountId: post.accountId, statusId: post.statusId });
      if (outcome.ok) setOpen({ statusId: post.statusId, step: 'editing', form: outcome.form });
      else await fail(post, outcome.error);
    } catch {
      await fail(post, { code: 'no-answer' });
    }
  }

  async function save(post: RecentPostView, form: EditForm, changes: Parameters<RecentPostListBackend['saveEdit']>[0]['changes']) {
    setOpen({ statusId: post.statusId, step: 'saving', form });
    try {
      const outcome = await backend.saveEdit({ accountId: post.accountId, statusId: post.statusId, changes });
      if (!outcome.ok) {
        const text = await errorSentence(outcome.error, hostOfAccount(post.accountId));
        setOpen({ statusId: post.statusId, step: 'editing', form });
        setMessage({ statusId: post.statusId, text, alert: true });
        return;
      }
      setOpen(null);
      setPosts((list) => list.map((p) => (p.statusId === post.statusId ? outcome.post : p)));
      const kept = outcome.notApplied.map((what) => t(what === 'altText' ? 'editKeptAltText' : what === 'spoiler' ? 'differenceSpoiler' : 'differenceText'));
      setMessage({ statusId: post.statusId, text: kept.length > 0 ? t('editSavedPartly', kept.join(', ')) : t('editSaved'), alert: kept.length > 0 });
    } catch {
      setOpen({ statusId: post.statusId, step: 'editing', form });
      setMessage({ statusId: post.statusId, text: t('editNoAnswer'), alert: true });
    }
  }

  async function redraft(post: RecentPostView) {
    setOpen({ statusId: post.statusId, step: 'redrafting' });
    try {
      const outcome = await backend.deleteAndRedraft({ accountId: post.accountId, statusId: post.statusId, draftId });
      if (!outcome.ok) return await fail(post, outcome.error);
      setOpen(null);
      setPosts((list) => list.filter((p) => p.statusId !== post.statusId));
      setMessage({ statusId: '', text: outcome.mediaLost > 0 ? t('redraftDoneMediaLost', String(outcome.mediaLost)) : t('redraftDone'), alert: outcome.mediaLost > 0 });
    } catch {
      await fail(post, { code: 'no-answer' });
    }
  }

  return (
    <>
      {general}
      <ul class="plain stack">
        {posts.map((post) => {
          const mine = open?.statusId === post.statusId ? open : null;
          return (
            <li key={post.statusId} class="recent-post">
              <p>
                <span class="handle">@{post.accountId}</span>{' '}
                {post.url ? (
                  <a href={post.url} target="_blank" rel="noopener noreferrer">
                    {excerpt(post)}
                  </a>
                ) : (
                  excerpt(post)
                )}
                {post.editedAt && <span class="edited"> · {t('recentPostEdited')}</span>}
              </p>
              {message?.statusId === post.statusId && <p role={message.alert ? 'alert' : 'status'}>{message.text}</p>}
              {mine && (mine.step === 'editing' || mine.step === 'saving') ? (
                <EditPostForm form={mine.form} saving={mine.step === 'saving'} onSave={(changes) => void save(post, mine.form, changes)} onCancel={() => setOpen(null)} />
              ) : mine && (mine.step === 'confirm-redraft' || mine.step === 'redrafting') ? (
                <InlineConfirm confirmLabel={t('redraftButton')} busy={mine.step === 'redrafting'} onConfirm={() => void redraft(post)} onCancel={() => setOpen(null)}>
                  {t('redraftQuestion')}
                </InlineConfirm>
              ) : (
                <div class="actions">
                  {post.editable && (
                    <button type="button" class="small" disabled={open !== null} aria-label={t('editPostLabel', excerpt(post))} onClick={() => void edit(post)}>
                      {mine?.step === 'opening' ? t('editOpening') : t('editButton')}
                    </button>
                  )}
                  <button
                    type="button"
                    class="small"
                    disabled={open !== null}
                    aria-label={t('redraftPostLabel', excerpt(post))}
                    onClick={() => {
                      setMessage(null);
                      setOpen({ statusId: post.statusId, step: 'confirm-redraft' });
                    }}
                  >
                    {t('redraftButton')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
