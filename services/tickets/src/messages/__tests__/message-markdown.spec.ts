import { describe, expect, it } from '@jest/globals';
import { renderMessageHtml, renderStoredMessageHtml } from '../message-markdown.js';

describe('chat message formatting', () => {
  it('renders bold, italic, lists, links and emojis', () => {
    const html = renderMessageHtml('Hola **María**, _gracias_ :smile:\n\n- uno\n- dos\n\n1. primero\n\nVea [la guía](https://ayuda.example.co/guia) o escriba a <mailto:pqr@example.co> 👍');
    expect(html).toContain('<strong>María</strong>');
    expect(html).toContain('<em>gracias</em> 😄');
    expect(html).toContain('<ul>\n<li>uno</li>\n<li>dos</li>\n</ul>');
    expect(html).toContain('<ol>\n<li>primero</li>\n</ol>');
    expect(html).toContain('<a href="https://ayuda.example.co/guia" target="_blank" rel="noopener noreferrer nofollow">la guía</a>');
    expect(html).toContain('<a href="mailto:pqr@example.co" target="_blank" rel="noopener noreferrer nofollow">mailto:pqr@example.co</a>');
    expect(html).toContain('👍');
  });

  it('never lets script, event handlers, javascript:/data: links or images through', () => {
    const attacks = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[clic](javascript:alert(1))',
      '[clic](JaVaScRiPt:alert(1))',
      '[clic](&#106;avascript:alert(1))',
      '[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<javascript:alert(1)>',
      '![img](http://x.example/track.png)',
      '![img](javascript:alert(1))',
      '[a](vbscript:msgbox)',
    ];
    for (const attack of attacks) {
      const html = renderMessageHtml(attack);
      // Escaped text (&lt;img …&gt;) is harmless; no tag, handler attribute or unsafe href may be produced.
      expect(html).not.toMatch(/<script|<img|<[a-z][^>]*\son\w+=|href="(?:javascript|data|vbscript)/i);
    }
    expect(renderMessageHtml('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(renderMessageHtml('[clic](javascript:alert(1))')).toBe('<p>[clic](javascript:alert(1))</p>');
  });
});

describe('stored message rendering', () => {
  it('renders a stored message once and answers the same HTML again', () => {
    const id = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
    expect(renderStoredMessageHtml(id, '**hola**')).toBe('<p><strong>hola</strong></p>');
    // Messages are never edited: the id decides (the body is not read again).
    expect(renderStoredMessageHtml(id, 'otro')).toBe('<p><strong>hola</strong></p>');
  });
});
