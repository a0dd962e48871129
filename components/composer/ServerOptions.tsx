import { useId } from 'preact/hooks';
import type { ServerProfile } from '@/lib/server-profile';
import { t, type MessageKey } from '@/utils/i18n';

const FORMAT_LABELS: Record<string, MessageKey> = {
  'text/markdown': 'formatMarkdown',
  'text/html': 'formatHtml',
  'text/bbcode': 'formatBbcode',
};

export interface ServerOptionsProps {
  server: Pick<ServerProfile, 'localOnly' | 'contentTypes'>;
  localOnly: boolean;
  contentType: string | null;
  onLocalOnly(localOnly: boolean): void;
  onContentType(contentType: string | null): void;
}

/** What only some servers offer: posting to this server only, and a text format. Nothing where neither exists. */
export function ServerOptions({ server, localOnly, contentType, onLocalOnly, onContentType }: ServerOptionsProps) {
  const id = useId();
  const formats = server.contentTypes.filter((type) => type in FORMAT_LABELS);
  return (
    <>
      {server.localOnly !== null && (
        <label class="check">
          <input type="checkbox" checked={localOnly} onChange={(event) => onLocalOnly(event.currentTarget.checked)} />
          {t('localOnly')}
        </label>
      )}
      {formats.length > 0 && (
        <div class="field">
          <label for={id}>{t('formatLabel')}</label>
          <select id={id} value={contentType ?? ''} onChange={(event) => onContentType(event.currentTarget.value || null)}>
            <option value="">{t('formatPlain')}</option>
            {formats.map((type) => (
              <option key={type} value={type}>
                {t(FORMAT_LABELS[type] as MessageKey)}
              </option>
            ))}
          </select>
        </div>
      )}
    </>
  );
}
