import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, jsonForScript, scriptForHtml } from '../../src/report/escape.js';

describe('escaping', () => {
  it('turns markup from a dump into text', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)> & "q" \'s')).toBe(
      '&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &#39;s',
    );
  });

  it('keeps inline JSON from closing its script element', () => {
    const json = jsonForScript({ title: '</script><script>alert(1)</script>' });
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual({ title: '</script><script>alert(1)</script>' });
    expect(scriptForHtml('var s = "</script>";')).toBe('var s = "<\\/script>";');
  });

  it('neutralises Markdown table breakers and HTML', () => {
    expect(escapeMarkdown('A | B *bold* <b>x</b>')).toBe('A \\| B \\*bold\\* &lt;b&gt;x&lt;/b&gt;');
  });
});
