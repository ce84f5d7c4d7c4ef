// Before the page wakes (its WebAssembly hydrates, seconds on a slow phone or a busy server),
// what a person types and the button they press are kept, then handed to the woken page:
// hydration sets each bound field back to the page's own state, so the typed values are put
// back and announced (input and change events, which the page's bindings listen to), and the
// pressed button or submitted form is pressed again. A form with its own `action` (sign-in)
// posts natively and is left alone. See docs/browser.md.
(function () {
  'use strict';
  var app = function () { return document.querySelector('[data-testid=app]'); };
  var awake = function () { var a = app(); return !!a && a.getAttribute('data-hydrated') === 'true'; };
  var typed = new Map();
  var pending = null;

  function field(el) {
    return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
  }
  function remember(ev) {
    var el = ev.target;
    if (awake() || !field(el) || el.type === 'file') return;
    typed.set(el, el.type === 'checkbox' || el.type === 'radio' ? { checked: el.checked } : { value: el.value });
  }
  function hold(target, kind, ev) {
    ev.preventDefault();
    ev.stopImmediatePropagation();
    if (pending && pending.target.removeAttribute) pending.target.removeAttribute('aria-busy');
    pending = { target: target, kind: kind };
    target.setAttribute('aria-busy', 'true');
  }
  function onClick(ev) {
    if (awake()) return;
    var button = ev.target instanceof Element ? ev.target.closest('button') : null;
    if (!button || button.disabled) return;
    if (button.form && button.form.hasAttribute('action')) return;
    hold(button, 'click', ev);
  }
  function onSubmit(ev) {
    var form = ev.target;
    if (awake() || !(form instanceof HTMLFormElement) || form.hasAttribute('action')) return;
    hold(form, 'submit', ev);
  }
  // The same element if hydration kept it, else the one now in its place (same id or test id).
  function current(el) {
    if (el.isConnected) return el;
    var key = el.id ? '#' + CSS.escape(el.id)
      : el.getAttribute('data-testid') ? '[data-testid="' + CSS.escape(el.getAttribute('data-testid')) + '"]'
      : null;
    return key ? document.querySelector(key) : null;
  }
  function restore() {
    typed.forEach(function (state, old) {
      var el = current(old);
      if (!el) return;
      if ('checked' in state) el.checked = state.checked; else el.value = state.value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    });
    typed.clear();
    if (!pending) return;
    var target = current(pending.target);
    pending.target.removeAttribute('aria-busy');
    if (target) target.removeAttribute('aria-busy');
    var kind = pending.kind;
    pending = null;
    if (!target) return;
    if (kind === 'click') target.click(); else target.requestSubmit();
  }
  function watch() {
    var a = app();
    if (!a) return;
    if (awake()) { restore(); return; }
    new MutationObserver(function (_, observer) {
      if (!awake()) return;
      observer.disconnect();
      // After the page's own effects of this turn (values it fills from its data).
      setTimeout(restore, 0);
    }).observe(a, { attributes: true, attributeFilter: ['data-hydrated'] });
  }
  document.addEventListener('input', remember, true);
  document.addEventListener('change', remember, true);
  document.addEventListener('click', onClick, true);
  document.addEventListener('submit', onSubmit, true);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch);
  else watch();
})();
