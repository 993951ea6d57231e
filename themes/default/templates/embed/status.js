{% set words = {"lang": chrome.lang, "dir": chrome.dir, "view": _("View status"), "dismiss": _("Dismiss this notice"),
                "frame": _("Service status"), "said": view.descriptions, "one": view.with_incident, "more": view.with_more} %}
{# Shows a dismissible banner at the top of the host page while something is not operational. It reads
   api/v2/summary.json: directly on the status site's own origin, elsewhere through a hidden frame of
   embed/index.html that posts the status back (no CORS, no JSONP). Whatever fails, it stays silent and never
   throws into the host page. About 4 KB (more in languages whose words are longer in JSON). #}
/* sitegen status widget: <script src=".../embed/status.js" async></script> */
(function () {
  "use strict";
  var me = document.currentScript, W = {{ words|tojson }}, here, summary;
  try { here = new URL(".", me.src); summary = new URL({{ view.summary_api|tojson }}, here).href; }
  catch (e) { return; }
  if (!window.fetch || !Element.prototype.attachShadow) return;
  var CSS = ":host{all:initial}.b{display:flex;gap:.75em;align-items:center;padding:.55em 1em;font:15px/1.4 system-ui,sans-serif;" +
    "color:#1f2328;background:#fff4ce;border-bottom:2px solid #bf8700}.major{background:#ffe7d1;border-color:#d1590f}" +
    ".critical{background:#ffe1e0;border-color:#cf222e}.maintenance{background:#ddf4ff;border-color:#0969da}" +
    "p{margin:0;flex:1}a{color:inherit;font-weight:600}button{font:inherit;font-size:1.3em;line-height:1;color:inherit;" +
    "background:none;border:0;padding:0 .3em;cursor:pointer}";
  function state(j) {
    var open = j.incidents || [];
    return {sitegen: 1, indicator: j.status.indicator, text: j.status.description, incident: open.length ? open[0].name : "",
      more: Math.max(open.length - 1, 0), url: j.page.url, updated: j.page.updated_at};
  }
  function load(then) {
    fetch(summary, {cache: "no-cache"}).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) { if (j && j.status && j.page) then(state(j)); }).catch(function () {});
  }
  function ready(run) {
    if (document.body) run(); else document.addEventListener("DOMContentLoaded", run);
  }
  function show(s) {
    document.dispatchEvent(new CustomEvent("sitegen:status", {detail: s}));
    if (s.indicator === "none") return;
    var key = "sitegen-dismissed:" + summary, level = /^(minor|major|critical|maintenance)$/.test(s.indicator) ? s.indicator : "minor";
    try { if (sessionStorage.getItem(key) === String(s.updated)) return; } catch (e) {}
    var host = document.createElement("div"), root = host.attachShadow({mode: "open"});
    host.setAttribute("data-sitegen-status", level);
    host.lang = W.lang; host.dir = W.dir;
    root.innerHTML = "<style>" + CSS + "</style><div class='b " + level + "' role='status'><p></p><a></a><button type='button'>\u00d7</button></div>";
    var link = root.querySelector("a"), button = root.querySelector("button");
    var n = s.more, form = n && window.Intl && Intl.PluralRules ? new Intl.PluralRules(W.lang).select(n) : "other",
      slots = {d: W.said[s.text] || s.text, i: s.incident, n: n};
    root.querySelector("p").textContent = (s.incident ? n ? W.more[form] || W.more.other : W.one : "{d}")
      .replace(/\{([din])\}/g, function (m, k) { return slots[k]; });
    link.textContent = W.view;
    link.href = /^https?:\/\//.test(s.url) ? s.url : here.href + "../";
    button.setAttribute("aria-label", W.dismiss);
    button.title = W.dismiss;
    button.onclick = function () { host.remove(); try { sessionStorage.setItem(key, String(s.updated)); } catch (e) {} };
    document.body.insertBefore(host, document.body.firstChild);
  }
  {# Inside embed/index.html: pass the status to the page that framed it. #}
  if (me.hasAttribute("data-relay")) {
    if (window.parent !== window) load(function (s) { window.parent.postMessage(s, "*"); });
  } else if (here.origin === location.origin) {
    ready(function () { load(show); });
  } else {
    ready(function () {
      var frame = document.createElement("iframe");
      frame.hidden = true;
      frame.title = W.frame;
      frame.tabIndex = -1;
      frame.setAttribute("aria-hidden", "true");
      window.addEventListener("message", function heard(e) {
        if (e.source !== frame.contentWindow || e.origin !== here.origin || !e.data || e.data.sitegen !== 1) return;
        window.removeEventListener("message", heard);
        frame.remove();
        show(e.data);
      });
      frame.src = here.href + "index.html";
      document.body.appendChild(frame);
    });
  }
})();
