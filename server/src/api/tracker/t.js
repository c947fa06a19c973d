/* Relance storefront tracker. Paste the snippet from Relance's Connect page; then call
   relance('cart', {...}) when the cart changes, relance('consent', true) when the customer
   agrees to be reminded, relance('order', {id, total}) on the order confirmation page.
   A typed email is sent only with consent. Stores one first-party cookie (the cart id) and the
   last cart in localStorage; sends nothing else. */
(function (w, d) {
  'use strict';
  var me = d.currentScript || d.querySelector('script[data-key][src*="/t.js"]');
  if (!me || w.relance && w.relance.loaded) return;
  var key = me.getAttribute('data-key');
  var endpoint = new URL(me.src).origin + '/api/v1/tracker/' + encodeURIComponent(key);
  var COOKIE = 'relance_cart', STORE = 'relance_cart_data';
  var consent = false, customer = null, cart = null;

  function random() {
    var b = new Uint8Array(16);
    (w.crypto || w.msCrypto).getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
  }
  function cartId(renew) {
    var m = d.cookie.match(/(?:^|; )relance_cart=([0-9a-f]{32})/);
    if (m && !renew) return m[1];
    var id = random();
    d.cookie = COOKIE + '=' + id + '; path=/; max-age=2592000; SameSite=Lax' +
      (location.protocol === 'https:' ? '; Secure' : '');
    return id;
  }
  function load() {
    try { return JSON.parse(localStorage.getItem(STORE)); } catch (e) { return null; }
  }
  function save(c) {
    try { localStorage.setItem(STORE, JSON.stringify(c)); } catch (e) { /* private mode */ }
  }
  function send(body, retried) {
    var json = JSON.stringify(body);
    w.fetch(endpoint, {
      method: 'POST', body: json, keepalive: json.length < 60000, mode: 'cors',
      credentials: 'omit', headers: { 'Content-Type': 'text/plain' }
    }).then(function (r) {
      if (r.status >= 500 && !retried) setTimeout(function () { send(body, true); }, 2000);
    }, function () {
      if (!retried) setTimeout(function () { send(body, true); }, 2000);
    });
  }
  function cartEvent() {
    if (!cart) return;
    var c = { id: cartId(false) };
    for (var k in cart) if (k !== 'id') c[k] = cart[k];
    var ev = { id: random(), type: 'cart_updated', cart: c };
    if (consent && customer) ev.customer = customer;
    send(ev);
  }
  function language() {
    return (d.documentElement.lang || '').slice(0, 2).toLowerCase() || undefined;
  }
  var commands = {
    cart: function (c) {
      cart = { currency: c.currency, total: String(c.total), items: c.items || [],
               url: c.url || location.href };
      if (c.total_tax_excl != null) cart.total_tax_excl = String(c.total_tax_excl);
      save(cart);
      cartEvent();
    },
    consent: function (yes) { consent = yes !== false; if (consent) cartEvent(); },
    customer: function (c) {
      customer = { email: String(c.email || '').trim(), first_name: c.first_name || '',
                   last_name: c.last_name || '', language: c.language || language() };
      if (customer.email.indexOf('@') < 1) { customer = null; return; }
      cartEvent();
    },
    order: function (o) {
      send({ id: random(), type: 'order_completed',
             cart: { id: cartId(false), currency: (cart && cart.currency) || o.currency },
             order: { id: String(o.id), total: String(o.total) } });
      try { localStorage.removeItem(STORE); } catch (e) { /* private mode */ }
      cart = null;
      cartId(true);
    }
  };
  function run(args) {
    var f = commands[args[0]];
    if (f) { try { f(args[1]); } catch (e) { /* never break the shop's page */ } }
  }
  cart = load();
  // Email fields: sent on change, only once the page says the customer consented (a call to
  // relance('consent', true), or a checked box marked data-relance-consent).
  d.addEventListener('change', function (e) {
    var t = e.target;
    if (!t || !t.matches) return;
    if (t.matches('[data-relance-consent]') && t.type === 'checkbox') {
      consent = t.checked;
      if (consent) cartEvent();
      return;
    }
    if (t.matches('input[type=email], input[data-relance-email]')) {
      var box = d.querySelector('input[type=checkbox][data-relance-consent]');
      if (box) consent = box.checked;
      commands.customer({ email: t.value });
    }
  }, true);
  var queued = (w.relance && w.relance.q) || [];
  w.relance = function () { run(arguments); };
  w.relance.loaded = true;
  for (var i = 0; i < queued.length; i++) run(queued[i]);
})(window, document);
