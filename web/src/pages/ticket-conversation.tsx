import { useState } from 'react';
import { PaperclipIcon } from '../components/paperclip-icon';
import { api } from '../api/client';
import { LockIcon } from '../components/lock-icon';
import { ErrorNotice } from '../components/ui';
import { formatDateTime, formatNumber } from '../i18n/format';
import { useT } from '../i18n/use-t';
import type { ReadReceipt, TicketMessage } from './contact-types';

/**
 * Public replies and internal notes look different on purpose: notes are amber, labelled "Nota
 * interna" with a lock, and indented; public replies carry "Respuesta pública". A message's
 * formatting is the API's `bodyHtml` (its Markdown render, sanitised by the API: no raw HTML, no
 * images, only http(s)/mailto links); nothing else is ever injected as HTML. Files download through
 * a short-lived link; read receipts say who read up to which message.
 */
export function Conversation({ ticketId, messages, receipts = [] }: { ticketId: string; messages: TicketMessage[]; receipts?: ReadReceipt[] }) {
  const t = useT();
  const [error, setError] = useState<unknown>(null);

  async function download(attachmentId: string) {
    setError(null);
    try {
      const link = await api<{ url: string }>(`/tickets/${ticketId}/attachments/${attachmentId}/download`);
      window.open(link.url, '_blank', 'noopener');
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <>
      <ErrorNotice error={error} />
      <ol className="conversation" aria-label={t('tickets.conversation')}>
        {messages.map((message) => {
          const internal = message.kind === 'internal';
          const fromRequester = message.authorKind === 'requester';
          const readers = receipts.filter((receipt) => receipt.lastReadMessageId === message.id);
          return (
            <li key={message.id} className={`message ${internal ? 'message-internal' : fromRequester ? 'message-requester' : 'message-public'}`} data-kind={message.kind}>
              <header>
                <strong>{message.authorName ?? t('tickets.requester')}</strong>
                <span className={`message-kind ${internal ? 'kind-internal' : 'kind-public'}`}>
                  {internal && <LockIcon />} {internal ? t('tickets.internal') : fromRequester ? t('tickets.requester') : t('tickets.public')}
                </span>
                <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
              </header>
              {message.bodyHtml ? <div className="message-body" dangerouslySetInnerHTML={{ __html: message.bodyHtml }} /> : <p className="message-body pre">{message.body}</p>}
              {message.attachments.length > 0 && (
                <ul className="attachments" aria-label={t('tickets.files')}>
                  {message.attachments.map((attachment) => (
                    <li key={attachment.id}>
                      <button type="button" className="link" onClick={() => void download(attachment.id)}>
                        <PaperclipIcon /> {attachment.fileName}
                      </button>{' '}
                      <small className="muted">({formatNumber((attachment.sizeBytes ?? attachment.size ?? 0) / 1024, 1)} KB)</small>
                    </li>
                  ))}
                </ul>
              )}
              {readers.length > 0 && (
                <p className="small muted read-receipt" data-testid="read-receipt">
                  ✓✓{' '}
                  {readers
                    .map((receipt) =>
                      t('tickets.readBy', { name: receipt.readerKind === 'requester' ? t('tickets.requester') : (receipt.readerFirstName ?? '—'), at: formatDateTime(receipt.readAt) }),
                    )
                    .join(' · ')}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}
