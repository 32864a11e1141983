/* Lectern viewer: keyboard, wheel, hash, fragments, transitions, on-screen controls, overview, fullscreen,
   touch, presenter window, wake lock, fitted headings and code. */
(function () {
  'use strict';
  var deck = document.querySelector('div.marpit');
  if (!deck) return;
  var body = document.body;
  var root = document.documentElement;
  var slides = Array.prototype.slice.call(deck.querySelectorAll(':scope > svg[data-marpit-svg]'));
  var total = slides.length;
  if (total === 0) return;
  var params = new URLSearchParams(location.search);
  var mode = params.has('presenter') ? 'presenter' : params.has('print') ? 'print' : 'audience';
  var notes = {};
  Array.prototype.forEach.call(document.querySelectorAll('.lectern-notes > [data-slide]'), function (n) {
    notes[Number(n.getAttribute('data-slide'))] = n.innerHTML;
  });
  var index = 0;
  var step = 0;
  var partner = null;
  var fitted = [];

  /* Fragments (Marp's rule: items of `*` and `1)` lists), numbered in document order per slide. */
  var fragments = slides.map(function (svg) {
    var list = Array.prototype.slice.call(svg.querySelectorAll('section:not([data-marpit-advanced-background="background"]) [data-marpit-fragment]'));
    list.forEach(function (el, k) { el.setAttribute('data-marpit-fragment', String(k + 1)); });
    return list;
  });
  function showFragments(i, n) {
    fragments[i].forEach(function (el, k) {
      if (k < n) el.setAttribute('data-lectern-shown', ''); else el.removeAttribute('data-lectern-shown');
    });
  }

  /* Scale `el`'s text (through `target`'s font size) until its content fits its width. */
  function shrinkToWidth(el, target) {
    target.style.fontSize = '';
    var style = getComputedStyle(el);
    var pad = parseFloat(style.paddingLeft || '0') + parseFloat(style.paddingRight || '0');
    var available = el.clientWidth - pad;
    if (available <= 0) return false;
    for (var pass = 0; pass < 3; pass++) {
      var natural = el.scrollWidth - pad;
      if (natural <= available + 0.5) break;
      var current = parseFloat(getComputedStyle(target).fontSize);
      target.style.fontSize = Math.max(4, current * available / natural - 0.05).toFixed(2) + 'px';
    }
    return true;
  }

  /* `fit: true`: the slide's text shrinks (every size in a theme is relative to the section's) until the
     content's extent fits the section's content box. */
  function shrinkToHeight(section) {
    section.style.fontSize = '';
    for (var pass = 0; pass < 4; pass++) {
      var box = section.getBoundingClientRect();
      var style = getComputedStyle(section);
      var scale = box.height / section.offsetHeight;
      if (!box.height || !scale) return false;
      var available = (section.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)) * scale;
      var top = Infinity, bottom = -Infinity;
      Array.prototype.forEach.call(section.children, function (c) {
        if (/^(HEADER|FOOTER)$/.test(c.tagName) || getComputedStyle(c).position === 'absolute') return;
        var r = c.getBoundingClientRect();
        top = Math.min(top, r.top); bottom = Math.max(bottom, r.bottom);
      });
      var needed = bottom - top;
      if (!(needed > available + 1)) break;
      var size = parseFloat(style.fontSize);
      section.style.fontSize = Math.max(6, size * available / needed * 0.98).toFixed(2) + 'px';
    }
    return true;
  }

  /* Fitted headings grow to the slide's width; code and display math shrink to it (Marp's auto-scaling). */
  function fit(i) {
    var svg = slides[i];
    if (!svg || fitted[i]) return;
    var measured = true;
    Array.prototype.forEach.call(svg.querySelectorAll('section[data-fit="true"]:not([data-marpit-advanced-background="background"]):not([data-marpit-advanced-background="pseudo"])'), function (s) {
      if (!shrinkToHeight(s)) measured = false;
    });
    Array.prototype.forEach.call(svg.querySelectorAll('[data-lectern-fit]'), function (h) {
      var span = h.querySelector('[data-lectern-fit-content]');
      if (!span) return;
      h.style.fontSize = '';
      var style = getComputedStyle(h);
      var available = h.clientWidth - parseFloat(style.paddingLeft || '0') - parseFloat(style.paddingRight || '0');
      var natural = span.offsetWidth;
      if (!available || !natural) { measured = false; return; }
      var section = h.closest('section');
      var cap = section ? section.clientHeight * 0.6 : Infinity;
      var size = Math.min(parseFloat(style.fontSize) * available / natural, cap);
      h.style.fontSize = size.toFixed(2) + 'px';
    });
    Array.prototype.forEach.call(svg.querySelectorAll('section pre'), function (pre) {
      var code = pre.querySelector(':scope > code') || pre;
      if (!shrinkToWidth(pre, code)) measured = false;
    });
    Array.prototype.forEach.call(svg.querySelectorAll('section .lectern-math-display'), function (m) {
      if (!shrinkToWidth(m, m)) measured = false;
    });
    fitted[i] = measured;
  }

  function fitAll() { for (var i = 0; i < total; i++) fit(i); }

  /* Web fonts (KaTeX's) change widths when they arrive: measure again then. */
  function refit() {
    fitted = [];
    if (mode === 'print' || body.classList.contains('lectern-overview')) { fitAll(); return; }
    fit(index);
    if (mode === 'presenter' && slides[index + 1]) fit(index + 1);
  }
  if (document.fonts) {
    if (document.fonts.addEventListener) document.fonts.addEventListener('loadingdone', refit);
    if (document.fonts.ready) document.fonts.ready.then(refit);
  }

  function fromHash() {
    var n = parseInt(location.hash.replace(/^#/, ''), 10);
    return isFinite(n) && n >= 1 ? Math.min(n, total) - 1 : 0;
  }

  var progress = null;
  var presenterNotes = null;
  var counter = null;
  var fragmentCounter = null;
  var pageCounter = null;
  var endMarker = null;
  var controls = null;

  /* Transitions: the `transition` directive of the slide before a boundary animates it (Marp's rule),
     through the View Transition API; reduced motion gets a plain fade. */
  var builtIns = ['fade', 'slide', 'cover', 'push', 'reveal', 'zoom', 'none'];
  var reduced = window.matchMedia ? window.matchMedia('(prefers-reduced-motion: reduce)') : { matches: false };
  function transitionBetween(from, to) {
    var owner = slides[Math.min(from, to)];
    var section = owner && owner.querySelector('section[data-transition]');
    if (!section) return null;
    var words = section.getAttribute('data-transition').trim().split(/\s+/);
    var name = (words[0] || 'none').toLowerCase();
    var duration = 500;
    var m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(words[1] || '');
    if (m) duration = parseFloat(m[1]) * (m[2] === 's' ? 1000 : 1);
    if (name === 'none' || name === 'false' || Math.abs(to - from) !== 1) return null;
    if (builtIns.indexOf(name) < 0) name = 'fade';
    return { requested: name, name: reduced.matches ? 'fade' : name, duration: reduced.matches ? Math.min(duration, 250) : duration };
  }

  function show(i, s, fromPartner) {
    slides[index].classList.remove('lectern-active');
    if (slides[index + 1]) slides[index + 1].classList.remove('lectern-next');
    index = i;
    step = s;
    showFragments(i, s);
    slides[i].classList.add('lectern-active');
    slides[i].setAttribute('aria-current', 'true');
    slides.forEach(function (x, k) { if (k !== i) x.removeAttribute('aria-current'); });
    fit(i);
    var count = fragments[i].length;
    body.setAttribute('data-fragment', s + '/' + count);
    if (mode === 'presenter') {
      if (slides[i + 1]) { slides[i + 1].classList.add('lectern-next'); fit(i + 1); showFragments(i + 1, fragments[i + 1].length); }
      if (endMarker) endMarker.hidden = !!slides[i + 1];
      if (presenterNotes) presenterNotes.innerHTML = notes[i + 1] || '';
      if (counter) counter.textContent = (i + 1) + ' / ' + total;
      if (pageCounter) {
        /* The slide's own page number, as printed on it (paginate skip and hold included). */
        var numbered = slides[i].querySelector('section[data-marpit-pagination]');
        pageCounter.hidden = !numbered;
        if (numbered) {
          pageCounter.textContent = 'page ' + numbered.getAttribute('data-marpit-pagination') + ' / ' +
            numbered.getAttribute('data-marpit-pagination-total');
        }
      }
      if (fragmentCounter) {
        fragmentCounter.hidden = count === 0;
        fragmentCounter.textContent = 'fragment ' + s + ' / ' + count;
      }
    }
    if (controls) controls.update();
    var hash = '#' + (i + 1);
    if (location.hash !== hash) history.replaceState(null, '', hash);
    if (progress) progress.style.width = (total > 1 ? (i / (total - 1)) * 100 : 100) + '%';
    if (body.classList.contains('lectern-overview')) slides[i].scrollIntoView({ block: 'nearest' });
    if (!fromPartner && partner && !partner.closed) partner.postMessage({ lectern: 'goto', index: i, step: s }, '*');
  }

  /* Go to slide `i` showing `s` fragments (-1: all of them). */
  function go(i, s, fromPartner) {
    i = Math.max(0, Math.min(total - 1, i | 0));
    s = s === undefined ? 0 : s < 0 ? fragments[i].length : Math.min(s, fragments[i].length);
    var t = i !== index && !body.classList.contains('lectern-overview') && mode !== 'print' && !params.has('shot') ? transitionBetween(index, i) : null;
    if (!t || typeof document.startViewTransition !== 'function') { show(i, s, fromPartner); return; }
    root.setAttribute('data-lectern-transition', t.name);
    root.setAttribute('data-lectern-transition-requested', t.requested);
    root.setAttribute('data-lectern-direction', i > index ? 'forward' : 'back');
    root.style.setProperty('--lectern-transition-duration', t.duration + 'ms');
    var vt = document.startViewTransition(function () { show(i, s, fromPartner); });
    // A transition is skipped when the next one starts (fast key presses, the presenter window following):
    // its promises then reject, which is expected and must not surface as an uncaught error.
    var clear = function () { root.removeAttribute('data-lectern-transition'); };
    vt.ready.catch(function () {});
    vt.updateCallbackDone.catch(function () {});
    vt.finished.then(clear, clear);
  }

  function next() {
    if (step < fragments[index].length) go(index, step + 1);
    else if (index < total - 1) go(index + 1, 0);
  }
  function previous() {
    if (step > 0) go(index, step - 1);
    else if (index > 0) go(index - 1, -1);
  }

  function toast(text) {
    var t = document.createElement('div');
    t.className = 'lectern-toast';
    t.setAttribute('role', 'status');
    t.textContent = text;
    body.appendChild(t);
    setTimeout(function () { t.remove(); }, 3500);
  }

  /* A screen wake lock while presenting (fullscreen or presenter view), taken again when the page returns. */
  var wakeLock = null;
  var wantWakeLock = false;
  function holdWakeLock(want) {
    wantWakeLock = want;
    if (!want) {
      if (wakeLock) wakeLock.release().catch(function () {});
      wakeLock = null;
      body.setAttribute('data-wake-lock', 'released');
      return;
    }
    if (wakeLock || !navigator.wakeLock || document.visibilityState !== 'visible') {
      if (!navigator.wakeLock) body.setAttribute('data-wake-lock', 'unsupported');
      return;
    }
    body.setAttribute('data-wake-lock', 'requested');
    navigator.wakeLock.request('screen').then(function (lock) {
      wakeLock = lock;
      body.setAttribute('data-wake-lock', 'held');
      lock.addEventListener('release', function () { wakeLock = null; });
    }).catch(function (e) { body.setAttribute('data-wake-lock', 'refused: ' + (e && e.name)); });
  }
  document.addEventListener('visibilitychange', function () { if (wantWakeLock) holdWakeLock(true); });
  document.addEventListener('fullscreenchange', function () {
    if (mode === 'audience') holdWakeLock(!!document.fullscreenElement);
  });

  function toggleFullscreen() {
    if (document.fullscreenElement) {
      if (document.exitFullscreen) document.exitFullscreen().catch(function () {});
    } else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(function () { toast('Fullscreen is not available here.'); });
    }
  }

  function toggleOverview(on) {
    var want = on === undefined ? !body.classList.contains('lectern-overview') : on;
    body.classList.toggle('lectern-overview', want);
    if (want) { fitAll(); slides[index].scrollIntoView({ block: 'center' }); }
  }

  function openPresenter() {
    var url = location.href.split('#')[0].split('?')[0] + '?presenter#' + (index + 1);
    var w = window.open(url, 'lectern-presenter', 'popup,width=1280,height=800');
    if (!w) { toast('The browser blocked the presenter window; allow pop-ups for this page.'); return; }
    partner = w;
  }

  /* `?`: the shortcuts, in a dialog that any key or click closes. */
  var shortcuts = [
    ['→ ↓ Space PageDown, wheel down', 'next fragment or slide'], ['← ↑ Shift+Space PageUp, wheel up', 'previous'],
    ['Home / End', 'first / last slide'], ['F', 'fullscreen'], ['O', 'overview of all slides'],
    ['P', 'presenter window (notes, next slide, timer)'], ['?', 'this help'], ['Esc', 'close overview or help']
  ];
  var help = null;
  function toggleHelp(on) {
    if (!help) {
      help = document.createElement('div');
      help.className = 'lectern-help';
      help.setAttribute('role', 'dialog');
      help.setAttribute('aria-label', 'Keyboard shortcuts');
      var table = document.createElement('table');
      shortcuts.forEach(function (row) {
        var tr = table.insertRow();
        var keys = tr.insertCell(); keys.textContent = row[0];
        var what = tr.insertCell(); what.textContent = row[1];
      });
      var title = document.createElement('h2');
      title.textContent = 'Keyboard shortcuts';
      help.appendChild(title);
      help.appendChild(table);
      help.hidden = true;
      help.addEventListener('click', function () { toggleHelp(false); });
      body.appendChild(help);
    }
    help.hidden = on === undefined ? !help.hidden : !on;
  }

  function onKey(e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if (help && !help.hidden && e.key !== '?') { toggleHelp(false); e.preventDefault(); return; }
    var overview = body.classList.contains('lectern-overview');
    switch (e.key) {
      case 'ArrowRight': case 'ArrowDown': case 'PageDown': case 'Right': case 'Down':
        if (overview) go(index + 1); else next(); break;
      case ' ': case 'Spacebar':
        if (e.shiftKey) previous(); else next(); break;
      case 'ArrowLeft': case 'ArrowUp': case 'PageUp': case 'Left': case 'Up':
        if (overview) go(index - 1); else previous(); break;
      case 'Home': go(0); break;
      case 'End': go(total - 1, -1); break;
      case 'f': case 'F': toggleFullscreen(); break;
      case 'o': case 'O': if (mode === 'audience') toggleOverview(); else return; break;
      case 'p': case 'P': if (mode === 'audience') openPresenter(); else return; break;
      case '?': toggleHelp(); break;
      case 'Enter': if (overview) toggleOverview(false); else return; break;
      case 'Escape': if (overview) toggleOverview(false); else return; break;
      default: return;
    }
    e.preventDefault();
  }

  /* The wheel moves one step per gesture: deltas are summed and a step taken past a threshold, then the
     wheel rests briefly so one flick of a trackpad is not ten slides. */
  var wheelSum = 0;
  var wheelRestUntil = 0;
  function onWheel(e) {
    if (e.ctrlKey || body.classList.contains('lectern-overview')) return;
    e.preventDefault();
    var now = Date.now();
    if (now < wheelRestUntil) return;
    wheelSum += Math.abs(e.deltaY) >= Math.abs(e.deltaX) ? e.deltaY : e.deltaX;
    if (Math.abs(wheelSum) < 40) return;
    if (wheelSum > 0) next(); else previous();
    wheelSum = 0;
    wheelRestUntil = now + 350;
  }

  function button(label, title, action, className) {
    var b = document.createElement('button');
    b.type = 'button'; b.textContent = label; b.title = title; b.setAttribute('aria-label', title);
    if (className) b.className = className;
    b.addEventListener('click', function (e) { e.stopPropagation(); action(); });
    return b;
  }

  /* The audience page's controller: previous, n / N, next, fullscreen, presenter. It shows while the
     pointer moves and hides with the cursor after two idle seconds. */
  function buildControls() {
    var bar = document.createElement('div');
    bar.className = 'lectern-controls';
    bar.setAttribute('role', 'toolbar');
    bar.setAttribute('aria-label', 'Slide controls');
    var prev = button('‹', 'Previous (←)', previous, 'lectern-control-prev');
    var position = document.createElement('span');
    position.className = 'lectern-control-position';
    var nextButton = button('›', 'Next (→)', next, 'lectern-control-next');
    [prev, position, nextButton, button('⛶', 'Fullscreen (F)', toggleFullscreen, 'lectern-control-fullscreen'),
      button('▤', 'Presenter view (P)', openPresenter, 'lectern-control-presenter'),
      button('?', 'Keyboard shortcuts (?)', function () { toggleHelp(); }, 'lectern-control-help')
    ].forEach(function (el) { bar.appendChild(el); });
    body.appendChild(bar);
    var timer = null;
    function wake() {
      body.classList.remove('lectern-idle');
      clearTimeout(timer);
      timer = setTimeout(function () { if (!bar.matches(':hover')) body.classList.add('lectern-idle'); else wake(); }, 2000);
    }
    document.addEventListener('mousemove', wake);
    document.addEventListener('pointerdown', wake);
    body.classList.add('lectern-idle');
    return {
      element: bar,
      update: function () {
        position.textContent = (index + 1) + ' / ' + total;
        prev.disabled = index === 0 && step === 0;
        nextButton.disabled = index === total - 1 && step >= fragments[index].length;
      }
    };
  }

  function buildPresenter() {
    body.classList.add('lectern-presenter');
    endMarker = document.createElement('div');
    endMarker.className = 'lectern-presenter-end';
    endMarker.textContent = 'End of deck';
    endMarker.hidden = true;
    presenterNotes = document.createElement('div');
    presenterNotes.className = 'lectern-presenter-notes';
    presenterNotes.setAttribute('aria-live', 'polite');
    var bar = document.createElement('div');
    bar.className = 'lectern-presenter-bar';
    counter = document.createElement('span');
    counter.className = 'lectern-counter';
    fragmentCounter = document.createElement('span');
    fragmentCounter.className = 'lectern-fragment-counter';
    pageCounter = document.createElement('span');
    pageCounter.className = 'lectern-page-counter';
    var clock = document.createElement('span');
    clock.className = 'lectern-clock';
    var timer = document.createElement('span');
    timer.className = 'lectern-timer';
    var started = Date.now();
    var size = 22;
    function pad(n) { return (n < 10 ? '0' : '') + n; }
    function tick() {
      var now = new Date();
      clock.textContent = pad(now.getHours()) + ':' + pad(now.getMinutes()) + ':' + pad(now.getSeconds());
      var s = Math.floor((Date.now() - started) / 1000);
      timer.textContent = pad(Math.floor(s / 3600)) + ':' + pad(Math.floor(s / 60) % 60) + ':' + pad(s % 60);
    }
    var spacer = document.createElement('span');
    spacer.className = 'lectern-spacer';
    [
      button('◀', 'Previous', previous), counter,
      button('▶', 'Next', next), pageCounter, fragmentCounter, spacer,
      button('A−', 'Smaller notes', function () { size = Math.max(12, size - 2); presenterNotes.style.fontSize = size + 'px'; }),
      button('A+', 'Larger notes', function () { size = Math.min(60, size + 2); presenterNotes.style.fontSize = size + 'px'; }),
      clock, timer,
      button('Reset', 'Reset the timer', function () { started = Date.now(); tick(); })
    ].forEach(function (el) { bar.appendChild(el); });
    body.appendChild(endMarker);
    body.appendChild(presenterNotes);
    body.appendChild(bar);
    tick();
    setInterval(tick, 1000);
    holdWakeLock(true);
    if (window.opener && !window.opener.closed) {
      partner = window.opener;
      partner.postMessage({ lectern: 'hello' }, '*');
    }
  }

  window.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || typeof d !== 'object' || typeof d.lectern !== 'string') return;
    if (!partner || e.source !== partner) return;
    if (d.lectern === 'goto' && typeof d.index === 'number') go(d.index, typeof d.step === 'number' ? d.step : 0, true);
    else if (d.lectern === 'hello') partner.postMessage({ lectern: 'goto', index: index, step: step }, '*');
  });

  if (mode === 'print') {
    body.classList.add('lectern-print');
    fitAll();
    return;
  }

  body.classList.add('lectern-viewer');
  /* ?shot: a picture of one slide (lectern build --images): no controls, toasts or progress bar over it. */
  if (params.has('shot')) body.classList.add('lectern-shot');
  var progressBar = document.createElement('div');
  progressBar.className = 'lectern-progress';
  progress = document.createElement('div');
  progressBar.appendChild(progress);
  body.appendChild(progressBar);
  if (params.has('progress')) body.setAttribute('data-progress', 'true');
  if (mode === 'presenter') buildPresenter(); else controls = buildControls();

  deck.addEventListener('click', function (e) {
    if (!body.classList.contains('lectern-overview')) return;
    var svg = e.target.closest('svg[data-marpit-svg]');
    var k = slides.indexOf(svg);
    if (k >= 0) { go(k); toggleOverview(false); }
  });
  var touch = null;
  document.addEventListener('touchstart', function (e) {
    if (e.touches.length === 1) touch = { x: e.touches[0].clientX, y: e.touches[0].clientY };
  }, { passive: true });
  document.addEventListener('touchend', function (e) {
    if (!touch || !e.changedTouches.length) return;
    var dx = e.changedTouches[0].clientX - touch.x;
    var dy = e.changedTouches[0].clientY - touch.y;
    touch = null;
    if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) { if (dx < 0) next(); else previous(); }
  }, { passive: true });
  document.addEventListener('keydown', onKey);
  if (mode === 'audience') document.addEventListener('wheel', onWheel, { passive: false });
  window.addEventListener('hashchange', function () { if (fromHash() !== index) go(fromHash()); });
  window.addEventListener('beforeprint', function () {
    fragments.forEach(function (list, i) { showFragments(i, list.length); });
    fitAll();
  });
  window.addEventListener('afterprint', function () { showFragments(index, step); });
  go(fromHash());
})();
