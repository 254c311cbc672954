import MarkdownIt from 'markdown-it';

/** The schemes a link in a message may use; anything else (javascript:, data:, vbscript:, file:…) stays plain text. */
const SAFE_LINK = /^(?:https?:\/\/|mailto:)/i;

/** A few common shortcodes; emojis typed as characters pass through as they are. */
const EMOJI_SHORTCODES: Record<string, string> = {
  smile: '😄',
  slightly_smiling_face: '🙂',
  grin: '😁',
  wink: '😉',
  heart: '❤️',
  thumbsup: '👍',
  '+1': '👍',
  thumbsdown: '👎',
  '-1': '👎',
  ok_hand: '👌',
  clap: '👏',
  pray: '🙏',
  tada: '🎉',
  warning: '⚠️',
  white_check_mark: '✅',
  x: '❌',
  email: '📧',
  phone: '📞',
  calendar: '📅',
  page_facing_up: '📄',
  hourglass: '⏳',
  rocket: '🚀',
  sob: '😭',
  confused: '😕',
};

/**
 * Markdown-style formatting of chat messages rendered to HTML safe to put in a page or an event:
 * raw HTML is escaped (html: false), images are not rendered at all (no remote images: `![x](url)`
 * stays text), and a link is only a link when it is http(s) or mailto — it then opens in a new
 * tab with rel="noopener noreferrer nofollow". Bold, italic, strikethrough, lists, quotes, code
 * and bare URLs (linkify) are kept.
 */
function createRenderer(): InstanceType<typeof MarkdownIt> {
  const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: true });
  md.disable(['image', 'html_block', 'html_inline', 'heading', 'lheading', 'table']);
  md.validateLink = (url: string) => SAFE_LINK.test(url.trim());
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer nofollow');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  md.core.ruler.after('inline', 'emoji_shortcodes', (state) => {
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      let insideCode = false;
      for (const token of block.children) {
        if (token.type === 'link_open') insideCode = true;
        if (token.type === 'link_close') insideCode = false;
        if (token.type === 'text' && !insideCode) token.content = token.content.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI_SHORTCODES[name] ?? whole);
      }
    }
    return false;
  });
  return md;
}

const renderer = createRenderer();

/** The HTML of a message body (the source text is what is stored; this is computed on read). */
export function renderMessageHtml(body: string): string {
  return renderer.render(body).trim();
}

const CACHE_LIMIT = 5_000;
const cache = new Map<string, string>();

/**
 * The HTML of a stored message: messages are never edited, so the rendering is kept by message id
 * (bounded, oldest dropped first) and a long conversation read again is not rendered again.
 */
export function renderStoredMessageHtml(messageId: string, body: string): string {
  const hit = cache.get(messageId);
  if (hit !== undefined) return hit;
  const html = renderMessageHtml(body);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(messageId, html);
  return html;
}
