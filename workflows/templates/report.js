// Filter and sort the claims. The state lives in the URL's fragment
// (#q=words&actor=name&kind=fact&min=0.5&sort=score), so a filtered view can be shared
// or bookmarked, and opening the page with one applies it.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var fields = {
    q: document.getElementById("f-text"),
    actor: document.getElementById("f-actor"),
    kind: document.getElementById("f-kind"),
    min: document.getElementById("f-min"),
    sort: document.getElementById("f-sort")
  };
  var minValue = document.getElementById("f-min-value");
  var shown = document.getElementById("shown");
  var lists = Array.prototype.slice.call(document.querySelectorAll("ol.claims"));
  var total = lists.reduce(function (n, list) { return n + list.children.length; }, 0);

  function readState() {
    var params = new URLSearchParams(location.hash.replace(/^#/, "") || location.search.replace(/^\?/, ""));
    Object.keys(fields).forEach(function (name) {
      if (params.has(name)) { fields[name].value = params.get(name); }
    });
  }

  function writeState() {
    var params = new URLSearchParams();
    Object.keys(fields).forEach(function (name) {
      var value = fields[name].value;
      if (value && !(name === "min" && Number(value) === 0) && !(name === "sort" && value === "position")) {
        params.set(name, value);
      }
    });
    var hash = params.toString();
    history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
  }

  function apply() {
    var words = fields.q.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var actor = fields.actor.value.trim().toLowerCase();
    var kind = fields.kind.value;
    var min = Number(fields.min.value) || 0;
    var byScore = fields.sort.value === "score";
    minValue.textContent = min.toFixed(2);
    var count = 0;
    var visible = {};
    lists.forEach(function (list) {
      var items = Array.prototype.slice.call(list.children);
      items.sort(function (a, b) {
        if (byScore) { return Number(b.dataset.score) - Number(a.dataset.score) || Number(a.dataset.pos) - Number(b.dataset.pos); }
        return Number(a.dataset.pos) - Number(b.dataset.pos);
      });
      var inSource = 0;
      items.forEach(function (item) {
        list.appendChild(item);
        var text = item.dataset.text;
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; })
          && (!actor || item.dataset.actors.indexOf(actor) >= 0)
          && (!kind || item.dataset.kind === kind)
          && Number(item.dataset.score) >= min;
        item.hidden = !ok;
        if (ok) { inSource += 1; visible[item.id] = true; }
      });
      list.closest("section").hidden = inSource === 0;
      count += inSource;
    });
    document.querySelectorAll("#timeline .point").forEach(function (point) {
      point.classList.toggle("dim", !visible[point.dataset.claim]);
    });
    shown.textContent = count + " of " + total + " claims shown";
    document.body.dataset.shown = String(count);
  }

  readState();
  apply();
  form.addEventListener("input", function () { writeState(); apply(); });
  form.addEventListener("change", function () { writeState(); apply(); });
  window.addEventListener("hashchange", function () { readState(); apply(); });
})();
