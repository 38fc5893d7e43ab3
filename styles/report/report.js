// report.html: draws every <canvas data-chart="ID"> from the JSON in <script id="ID"> with the
// Chart.js inlined above, and marks each drawn canvas data-rendered="1" (the tests read it).
(function () {
  "use strict";
  var charts = [];
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#1f2328";
  var rendered = {
    id: "landauditRendered",
    afterRender: function (chart) { chart.canvas.setAttribute("data-rendered", "1"); }
  };
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var config = JSON.parse(document.getElementById(canvas.getAttribute("data-chart")).textContent);
    config.plugins = [rendered];
    charts.push(new Chart(canvas, config));
  });
  // Paper is narrower than the screen: redraw at the printed size.
  function resizeAll() { charts.forEach(function (c) { c.resize(); }); }
  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);
  document.documentElement.setAttribute("data-charts", String(charts.length));
})();
