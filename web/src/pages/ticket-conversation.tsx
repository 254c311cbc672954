import { LockIcon } from '../components/lock-icon';
import { formatDateTime } from '../i18n/format';
import { useT } from '../i18n/use-t';
import type { TicketMessage } from './contact-types';

/**
 * Public replies and internal notes look different on purpose: notes are amber, labelled "Nota
 * interna" with a lock, and indented; public replies carry "Respuesta pública".
 */
export function Conversation({ messages }: { messages: TicketMessage[] }) {
  const t = useT();
  return (
    <ol className="conversation" aria-label={t('tickets.conversation')}>
      {messages.map((message) => {
        const internal = message.kind === 'internal';
        const fromRequester = message.authorKind === 'requester';
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
              <ul className="attachments">
                {message.attachments.map((attachment) => (
                  <li key={attachment.id}>{attachment.fileName}</li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
