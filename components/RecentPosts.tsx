import { useEffect, useId, useState } from 'preact/hooks';
import type { DraftId, RecentPostView, Requests } from '@/lib/messages';
import { t } from '@/utils/i18n';
import { lazy } from './lazy';
import type { RecentPostListBackend, RecentPostListProps } from './RecentPostList';

export type RecentPostsBackend = RecentPostListBackend & Requests<'listRecentPosts'>;

export interface RecentPostsProps {
  backend: RecentPostsBackend;
  /** The composer a redrafted post goes into. */
  draftId: DraftId;
  /** Changes whenever a post was made or undone: the list is read again. */
  version: number;
}

const RecentPostList = lazy<RecentPostListProps>(() => import('./RecentPostList').then((m) => m.RecentPostList));

/**
 * The posts made from this browser, folded under the composer: a heading that opens the
 * list with its Edit and Delete & redraft. Folded so that the popup stays short, and so
 * that the list's code loads only when someone opens it (docs/architecture.md, "What loads
 * at rest"). Nothing is drawn before anything was posted here.
 */
export function RecentPosts({ backend, draftId, version }: RecentPostsProps) {
  const id = useId();
  const [posts, setPosts] = useState<RecentPostView[]>([]);
  const [open, setOpen] = useState(false);

  const reload = () => {
    backend.listRecentPosts().then(setPosts, () => undefined);
  };
  useEffect(reload, [backend, version]);

  // Once open, it stays drawn when its last post is redrafted: the list says what happened.
  if (posts.length === 0 && !open) return null;
  return (
    <section class="stack recent-posts" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <button
          type="button"
          class="fold"
          aria-expanded={open}
          aria-controls={`${id}-list`}
          // Loading starts as the pointer goes down: the list is usually there by the click.
          onPointerDown={() => void RecentPostList.preload().catch(() => {})}
          onClick={() => setOpen(!open)}
        >
          {t('recentPostsTitle')}
        </button>
      </h2>
      <div id={`${id}-list`} class="stack" hidden={!open}>
        {open && <RecentPostList backend={backend} draftId={draftId} posts={posts} setPosts={setPosts} reload={reload} />}
      </div>
    </section>
  );
}
