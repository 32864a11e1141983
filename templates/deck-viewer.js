/* Lectern viewer: keyboard, hash, overview, fullscreen, touch, presenter window, fitted headings. */
(function () {
  'use strict';
  var deck = document.querySelector('div.marpit');
  if (!deck) return;
  var body = document.body;
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
  var partner = null;
  var fitted = [];

  /* Fitted headings: scale the heading's text to the width its slide gives it. */
  function fit(i) {
    var svg = slides[i];
    if (!svg || fitted[i]) return;
    var headings = svg.querySelectorAll('[data-lectern-fit]');
    var measured = true;
    Array.prototype.forEach.call(headings, function (h) {
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
    fitted[i] = measured;
  }

  function fitAll() { for (var i = 0; i < total; i++) fit(i); }

  function fromHash() {
    var n = parseInt(location.hash.replace(/^#/, ''), 10);
    return isFinite(n) && n >= 1 ? Math.min(n, total) - 1 : 0;
  }

  var progress = null;
  var presenterNotes = null;
  var counter = null;
  var endMarker = null;

  function go(i, fromPartner) {
    i = Math.max(0, Math.min(total - 1, i | 0));
    slides[index].classList.remove('lectern-active');
    if (slides[index + 1]) slides[index + 1].classList.remove('lectern-next');
    index = i;
    slides[i].classList.add('lectern-active');
    slides[i].setAttribute('aria-current', 'true');
    fit(i);
    if (mode === 'presenter') {
      if (slides[i + 1]) { slides[i + 1].classList.add('lectern-next'); fit(i + 1); }
      if (endMarker) endMarker.hidden = !!slides[i + 1];
      if (presenterNotes) presenterNotes.innerHTML = notes[i + 1] || '';
      if (counter) counter.textContent = (i + 1) + ' / ' + total;
    }
    slides.forEach(function (s, k) { if (k !== i) s.removeAttribute('aria-current'); });
    var hash = '#' + (i + 1);
    if (location.hash !== hash) history.replaceState(null, '', hash);
    if (progress) progress.style.width = (total > 1 ? (i / (total - 1)) * 100 : 100) + '%';
    if (body.classList.contains('lectern-overview')) slides[i].scrollIntoView({ block: 'nearest' });
    if (!fromPartner && partner && !partner.closed) partner.postMessage({ lectern: 'goto', index: i }, '*');
  }

  function toast(text) {
    var t = document.createElement('div');
    t.className = 'lectern-toast';
    t.setAttribute('role', 'status');
    t.textContent = text;
    body.appendChild(t);
    setTimeout(function () { t.remove(); }, 3500);
  }

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

  function onKey(e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var overview = body.classList.contains('lectern-overview');
    switch (e.key) {
      case 'ArrowRight': case 'ArrowDown': case 'PageDown': case 'Right': case 'Down':
        go(index + 1); break;
      case ' ': case 'Spacebar':
        go(e.shiftKey ? index - 1 : index + 1); break;
      case 'ArrowLeft': case 'ArrowUp': case 'PageUp': case 'Left': case 'Up':
        go(index - 1); break;
      case 'Home': go(0); break;
      case 'End': go(total - 1); break;
      case 'f': case 'F': toggleFullscreen(); break;
      case 'o': case 'O': if (mode === 'audience') toggleOverview(); else return; break;
      case 'p': case 'P': if (mode === 'audience') openPresenter(); else return; break;
      case 'Enter': if (overview) toggleOverview(false); else return; break;
      case 'Escape': if (overview) toggleOverview(false); else return; break;
      default: return;
    }
    e.preventDefault();
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
    var clock = document.createElement('span');
    clock.className = 'lectern-clock';
    var timer = document.createElement('span');
    timer.className = 'lectern-timer';
    var started = Date.now();
    var size = 22;
    function button(label, title, action) {
      var b = document.createElement('button');
      b.type = 'button'; b.textContent = label; b.title = title;
      b.addEventListener('click', action);
      return b;
    }
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
      button('◀', 'Previous slide', function () { go(index - 1); }), counter,
      button('▶', 'Next slide', function () { go(index + 1); }), spacer,
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
    if (window.opener && !window.opener.closed) {
      partner = window.opener;
      partner.postMessage({ lectern: 'hello' }, '*');
    }
  }

  window.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || typeof d !== 'object' || typeof d.lectern !== 'string') return;
    if (!partner || e.source !== partner) return;
    if (d.lectern === 'goto' && typeof d.index === 'number') go(d.index, true);
    else if (d.lectern === 'hello') partner.postMessage({ lectern: 'goto', index: index }, '*');
  });

  if (mode === 'print') {
    body.classList.add('lectern-print');
    fitAll();
    return;
  }

  body.classList.add('lectern-viewer');
  var progressBar = document.createElement('div');
  progressBar.className = 'lectern-progress';
  progress = document.createElement('div');
  progressBar.appendChild(progress);
  body.appendChild(progressBar);
  if (params.has('progress')) body.setAttribute('data-progress', 'true');
  if (mode === 'presenter') buildPresenter();

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
    if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) go(dx < 0 ? index + 1 : index - 1);
  }, { passive: true });
  document.addEventListener('keydown', onKey);
  window.addEventListener('hashchange', function () { go(fromHash()); });
  window.addEventListener('beforeprint', fitAll);
  go(fromHash());
})();
