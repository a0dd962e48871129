import { useEffect, useState } from 'preact/hooks';

/**
 * A list the background keeps (notes on data set aside, unfinished shares), read once as
 * the surface opens: empty until it answers, and empty if it can't (best effort: the
 * surface works as always without it). The popup draws such a list's component, and loads
 * its code, only when the list has something in it.
 */
export function useListed<T>(read: () => Promise<T[]>): T[] {
  const [list, setList] = useState<T[]>([]);
  useEffect(() => {
    read().then(setList, () => {});
  }, []);
  return list;
}
