/* sitegen: enhance a complete page. Times into the reader's zone, relative times, day-bar tooltips,
   and a check of api/v2/status.json every minute that reloads the page when the status changed. */
(function () {
  "use strict";
  var body = document.body;
  var lang = document.documentElement.lang || undefined;
  var fmt = null;
  if (window.Intl && Intl.DateTimeFormat) {
    // The page language's own pattern and hour cycle, as the pages write times without JavaScript
    // ("Nov 26, 2026, 2:02 PM UTC", "26. Nov. 2026, 14:02 MEZ"), in the reader's zone, with the zone named.
    fmt = new Intl.DateTimeFormat(lang, {day: "numeric", month: "short", year: "numeric", hour: "numeric",
      minute: "2-digit", timeZoneName: "short"});
  }
  function text(at) {
    return fmt.format(at);
  }
  var rel = window.Intl && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(lang, {numeric: "auto"}) : null;
  var units = [["year", 31536e6], ["month", 2592e6], ["day", 864e5], ["hour", 36e5], ["minute", 6e4]];
  function relative(ms) {
    if (!rel) return "";
    for (var i = 0; i < units.length; i++) {
      if (Math.abs(ms) >= units[i][1] || i === units.length - 1) return rel.format(Math.round(ms / units[i][1]), units[i][0]);
    }
  }
  function localise() {
    if (!fmt) return;  // every time stays in the site's zone, rather than some converted and some not
    var now = Date.now();
    document.querySelectorAll("time[datetime*='T']").forEach(function (el) {
      var at = new Date(el.getAttribute("datetime"));
      if (isNaN(at)) return;
      if (!el.dataset.site) el.dataset.site = el.textContent;
      el.textContent = text(at);
      el.title = relative(at - now) + " (" + el.dataset.site + ")";
    });
  }
  function tooltips() {
    var tip = document.createElement("div");
    tip.className = "tip";
    tip.hidden = true;
    tip.setAttribute("aria-hidden", "true");
    body.appendChild(tip);
    document.querySelectorAll(".bars").forEach(function (bars) {
      bars.addEventListener("mouseover", function (e) {
        if (e.target.tagName !== "LI") return;
        var r = e.target.getBoundingClientRect();
        tip.textContent = e.target.textContent;
        tip.hidden = false;
        tip.style.left = Math.max(4, Math.min(window.scrollX + r.left - 60, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 4)) + "px";
        tip.style.top = (window.scrollY + r.top - tip.offsetHeight - 6) + "px";
      });
      bars.addEventListener("mouseleave", function () { tip.hidden = true; });
    });
  }
  function watch() {
    var api = body.dataset.statusApi;
    if (!api || !window.fetch) return;
    setInterval(function () {
      fetch(api, {cache: "no-store"}).then(function (r) { return r.ok ? r.json() : null; }).then(function (s) {
        if (s && s.page && [s.page.updated_at, s.status.indicator, s.status.description].join("|") !== body.dataset.statusKey) {
          location.reload();
        }
      }).catch(function () {});
    }, 60000);
  }
  localise();
  setInterval(localise, 60000);
  tooltips();
  watch();
})();
