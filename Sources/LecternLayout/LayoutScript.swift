/// The script `LayoutProbe` runs in a built deck opened in print mode (every slide laid out, fitted and
/// with all fragments shown). It returns one `SlideLayout` per content `<section>`, measured in slide pixels.
///
/// - Overflow: each top-level block of the slide (not header, footer or absolutely placed elements) against
///   the section's content box, plus any element whose own box clips its content (`scrollWidth` larger
///   than `clientWidth` under `overflow: hidden`).
/// - Small text: every visible text node outside header, footer, the live-metrics source line and math, at its effective size (font size
///   times any scaling between it and the slide).
/// - Contrast: the text colour over the first opaque background found walking up to the slide; text over a
///   background image, a gradient, a text shadow or a split background's picture is `unknown` and skipped.
enum LayoutScript {
  static let source = #"""
    (async () => {
      if (document.fonts && document.fonts.ready) await document.fonts.ready;
      await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
      const tolerance = 2;
      const clip = t => { t = (t || '').replace(/\s+/g, ' ').trim(); return t.length > 40 ? t.slice(0, 40).trim() + '…' : t; };
      const snippet = el => clip(el.textContent || el.getAttribute('alt'));
      const lineOf = el => { const b = el.closest('[data-line]'); return b ? parseInt(b.getAttribute('data-line'), 10) : null; };
      const kind = el => {
        const t = el.tagName;
        if (t === 'TABLE') return 'table';
        if (t === 'UL' || t === 'OL') return 'list';
        if (t === 'PRE') return 'code block';
        if (t === 'BLOCKQUOTE') return 'quote';
        if (/^H[1-6]$/.test(t)) return 'heading';
        if (t === 'IMG' || (t === 'P' && el.querySelector('img') && !snippet(el))) return 'image';
        if (el.classList.contains('lectern-math-display')) return 'math';
        if (t === 'P') return 'paragraph';
        return t.toLowerCase();
      };
      const parse = c => {
        const m = /rgba?\(([^)]+)\)/.exec(c || '');
        if (!m) return null;
        const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(parseFloat);
        return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
      };
      const over = (top, bottom) => ({
        r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
        b: top.b * top.a + bottom.b * (1 - top.a), a: 1 });
      const luminance = c => {
        const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
      };
      const hex = c => '#' + [c.r, c.g, c.b].map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
      const intersects = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

      function background(el, section, layer, rect) {
        const layers = [];
        for (let node = el; node; node = node.parentElement) {
          const cs = getComputedStyle(node);
          if (cs.backgroundImage !== 'none') return null;
          const c = parse(cs.backgroundColor);
          if (c && c.a > 0) layers.push(c);
          if (c && c.a >= 1) break;
          if (node === section) {
            if (!layer) return null;
            const figures = Array.from(layer.querySelectorAll('figure'));
            if (figures.some(f => intersects(f.getBoundingClientRect(), rect))) return null;
            const lc = parse(getComputedStyle(layer).backgroundColor);
            if (!lc || lc.a < 1) return null;
            layers.push(lc);
            break;
          }
        }
        if (!layers.length || layers[layers.length - 1].a < 1) return null;
        return layers.reverse().reduce((below, top) => over(top, below));
      }

      function overflows(section, box, scale, slide) {
        const cs = getComputedStyle(section);
        const content = {
          top: box.top + parseFloat(cs.paddingTop) * scale, bottom: box.bottom - parseFloat(cs.paddingBottom) * scale,
          left: box.left + parseFloat(cs.paddingLeft) * scale, right: box.right - parseFloat(cs.paddingRight) * scale };
        for (const child of section.children) {
          if (/^(HEADER|FOOTER|STYLE|SCRIPT|TEMPLATE)$/.test(child.tagName)) continue;
          const ccs = getComputedStyle(child);
          if (ccs.position === 'absolute' || ccs.position === 'fixed' || ccs.display === 'none') continue;
          const range = document.createRange();
          range.selectNodeContents(child);
          const a = child.getBoundingClientRect(), b = range.getBoundingClientRect();
          const r = b.width || b.height ? {
            top: Math.min(a.top, b.top), bottom: Math.max(a.bottom, b.bottom),
            left: Math.min(a.left, b.left), right: Math.max(a.right, b.right) } : a;
          const sides = [
            ['bottom', r.bottom - content.bottom, r.bottom - box.bottom], ['top', content.top - r.top, box.top - r.top],
            ['right', r.right - content.right, r.right - box.right], ['left', content.left - r.left, box.left - r.left]];
          for (const [side, past, cut] of sides) {
            if (past <= tolerance) continue;
            const item = { line: lineOf(child), element: kind(child), text: snippet(child), side: side,
              pixels: past / scale, cutOff: Math.max(0, cut / scale) };
            if (child.tagName === 'TABLE' && side === 'bottom') {
              const rows = Array.from(child.querySelectorAll('tbody tr'));
              const hidden = rows.findIndex(tr => tr.getBoundingClientRect().bottom > content.bottom + tolerance);
              if (hidden >= 0) { item.visibleRows = hidden; item.rows = rows.length; }
            }
            slide.overflows.push(item);
            break;
          }
        }
        for (const el of section.querySelectorAll('*')) {
          if (el.closest('header, footer, .katex, math')) continue;
          const ecs = getComputedStyle(el);
          if (ecs.overflowX === 'visible' && ecs.overflowY === 'visible') continue;
          const wide = el.scrollWidth - el.clientWidth, tall = el.scrollHeight - el.clientHeight;
          if (el.clientWidth === 0 || (wide <= tolerance && tall <= tolerance)) continue;
          slide.overflows.push({ line: lineOf(el), element: kind(el), text: snippet(el), side: 'clipped',
            pixels: Math.max(wide, tall), cutOff: Math.max(wide, tall) });
        }
      }

      function texts(section, box, scale, layer, slide, minimum) {
        const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
        const seen = new Set();
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const el = node.parentElement;
          if (!el || seen.has(el) || !node.textContent.trim()) continue;
          seen.add(el);
          if (el.closest('header, footer, .lectern-metrics-note, .katex, math, style, script, [aria-hidden="true"]')) continue;
          const cs = getComputedStyle(el);
          if (cs.visibility !== 'visible' || parseFloat(cs.opacity) === 0) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          const rect = range.getBoundingClientRect();
          if (rect.width * rect.height < 2 || !intersects(rect, box)) continue;
          const own = el.getBoundingClientRect();
          const ratio = el.offsetWidth > 0 ? own.width / el.offsetWidth / scale : 1;
          const size = parseFloat(cs.fontSize) * (ratio > 0 ? ratio : 1);
          const base = { line: lineOf(el), element: kind(el.closest('[data-line]') || el), text: clip(node.textContent), size: size };
          if (size < minimum - 0.05) slide.smallText.push(base);
          if (cs.textShadow !== 'none' || cs.webkitTextStrokeWidth && parseFloat(cs.webkitTextStrokeWidth) > 0) continue;
          const fg = parse(cs.color);
          const bg = background(el, section, layer, rect);
          if (!fg || !bg) continue;
          const color = over(fg, bg);
          const l1 = luminance(color), l2 = luminance(bg);
          const contrast = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
          const bold = parseInt(cs.fontWeight, 10) >= 700;
          const large = size >= 24 || (bold && size >= 18.66);
          const required = large ? 3 : 4.5;
          if (contrast < required - 0.005) {
            slide.contrast.push(Object.assign({}, base, { ratio: contrast, required: required, foreground: hex(color), background: hex(bg) }));
          }
        }
      }

      const result = [];
      for (const svg of document.querySelectorAll('div.marpit > svg[data-marpit-svg]')) {
        const section = svg.querySelector('foreignObject > section:not([data-marpit-advanced-background="background"]):not([data-marpit-advanced-background="pseudo"])');
        if (!section) continue;
        const layer = svg.querySelector('section[data-marpit-advanced-background="background"]');
        const box = section.getBoundingClientRect();
        const scale = section.offsetHeight ? box.height / section.offsetHeight : 1;
        const height = parseFloat(svg.getAttribute('viewBox').split(/\s+/)[3]);
        const slide = { number: parseInt(section.id, 10), overflows: [], smallText: [], contrast: [] };
        overflows(section, box, scale, slide);
        texts(section, box, scale, layer, slide, READABLE_PX * height / 720);
        result.push(slide);
      }
      return result;
    })()
    """#
}
