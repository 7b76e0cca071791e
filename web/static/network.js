// Draws every network view on the page from its JSON data island (see partials/network.html).
// A plain script, not inline, so the Content-Security-Policy can forbid inline scripts.
(function () {
  "use strict";
  if (typeof vis === "undefined") { return; }
  document.querySelectorAll("[data-network]").forEach(function (figure) {
    var island = document.getElementById(figure.getAttribute("data-network"));
    var canvas = figure.querySelector(".app-network__canvas");
    if (!island || !canvas) { return; }
    var data = JSON.parse(island.textContent);
    var nodes = new vis.DataSet(data.nodes);
    var network = new vis.Network(
      canvas, { nodes: nodes, edges: new vis.DataSet(data.edges) }, data.options);
    // Stop the layout moving once it has settled: motion can distract (WCAG 2.2.2).
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
    });
    network.on("doubleClick", function (params) {
      if (params.nodes.length !== 1) { return; }
      var node = nodes.get(params.nodes[0]);
      if (node && node.url) { window.location.assign(node.url); }
    });
    figure.classList.add("app-network--ready");
  });
})();
