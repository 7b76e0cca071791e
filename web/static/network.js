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
    // Show the canvas first, so the first fit measures its real size, not a hidden one.
    figure.classList.add("app-network--ready");
    var nodes = new vis.DataSet(data.nodes);
    var network = new vis.Network(
      canvas, { nodes: nodes, edges: new vis.DataSet(data.edges) }, data.options);
    // Stop the layout moving once it has settled: motion can distract (WCAG 2.2.2).
    // Then fit the map to the canvas, once vis-network has finished its own last moves
    // (a fit straight away can see the layout before its final step).
    function settle() {
      network.setOptions({ physics: false });
      window.requestAnimationFrame(function () {
        network.fit();
        figure.classList.add("app-network--settled");
      });
    }
    if (data.options.physics && data.options.physics.enabled === false) {
      settle();  // every node has its place already (groups): nothing to lay out
    } else {
      network.once("stabilizationIterationsDone", settle);
    }
    figure.visNetwork = network;  // for the browser tests, which read its scale
    // Zoom with the wheel only while Ctrl is held, or once the map has been clicked (until
    // the pointer leaves it), so scrolling past the map scrolls the page. Runs in the capture
    // phase, before vis-network's own wheel handler on the canvas.
    var engaged = false;
    figure.addEventListener("wheel", function (event) {
      network.setOptions({ interaction: { zoomView: engaged || event.ctrlKey } });
    }, { capture: true, passive: true });
    canvas.addEventListener("click", function () { engaged = true; });
    canvas.addEventListener("mouseleave", function () { engaged = false; });
    network.on("doubleClick", function (params) {
      if (params.nodes.length !== 1) { return; }
      var node = nodes.get(params.nodes[0]);
      if (node && node.url) { window.location.assign(node.url); }
    });
  });
})();
