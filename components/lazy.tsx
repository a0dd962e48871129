import type { ComponentType, VNode } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';

/** A component whose code is loaded from its own chunk the first time it is drawn. */
export type LazyComponent<P> = ComponentType<P> & {
  /** Starts loading ahead of the first draw (a press on the button that will show it). */
  preload(): Promise<unknown>;
};

/** "Loading…" as a polite status line: a screen reader hears that the part is on its way. */
export function Loading({ class: className = 'hint loading' }: { class?: string }) {
  return (
    <p role="status" aria-busy="true" class={className}>
      <span class="spinner" aria-hidden="true" />
      {t('partLoading')}
    </p>
  );
}

/**
 * Loads a component's module on first use (docs/architecture.md, "What loads at rest"):
 * the popup opens with only what it shows at rest, and each folded tool comes when the
 * person opens it. Drawn at once once loaded (a menu opened again does not flicker).
 * Meanwhile `busy` is drawn (by default a "Loading…" status; `() => null` where the
 * surface shows its own). A chunk that cannot be read (the extension was updated while
 * this page stayed open) says so, and the next draw tries again.
 */
export function lazy<P extends object>(
  load: () => Promise<ComponentType<P>>,
  busy: (props: P) => VNode | null = () => <Loading />,
): LazyComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  function Lazy(props: P) {
    const [, setReady] = useState(false);
    const [failed, setFailed] = useState(false);
    useLayoutEffect(() => {
      if (loaded) return;
      let mounted = true;
      preload().then(
        () => mounted && setReady(true),
        () => mounted && setFailed(true),
      );
      return () => {
        mounted = false;
      };
    }, []);
    if (loaded) {
      const Component = loaded;
      return <Component {...props} />;
    }
    return failed ? (
      <p role="alert" class="error">
        {t('partLoadFailed')}
      </p>
    ) : (
      busy(props)
    );
  }
  return Object.assign(Lazy, { preload });
}
