// Suggestions as you type, for every text box with a data-suggest-url (the search box, and
// the text boxes that stand in for a select of thousands: web/choosing.py): the names the
// URL gives for what has been typed, offered through the box's <datalist>. Without this
// script each box works as it is.
(function () {
  "use strict";
  if (!window.fetch) { return; }
  function suggest(input) {
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.parentNode.appendChild(list);
    input.setAttribute("list", list.id);
    var timer = null;
    var last = "";
    function show(items) {
      list.textContent = "";
      items.forEach(function (item) {
        var option = document.createElement("option");
        option.value = item.name;
        if (item.detail) { option.label = item.name + " (" + item.detail + ")"; }
        list.appendChild(option);
      });
    }
    function ask() {
      var q = input.value.trim();
      if (q === last) { return; }
      last = q;
      if (q.length < 2) { show([]); return; }
      var url = input.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(q);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === q) { show(data.suggestions); } })
        .catch(function () { show([]); });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 200);
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest-url]"), suggest);
})();
