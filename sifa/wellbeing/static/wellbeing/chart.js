/* A subject's SCL-90 results over time (Apache ECharts, served locally): the total on the left axis, the factor
   scores on the right. Reads the figures the page embedded as JSON. */
(function () {
  "use strict";
  var node = document.getElementById("wb-chart-data");
  var el = document.getElementById("wb-chart");
  if (!node || !el || typeof echarts === "undefined") { return; }
  var data = JSON.parse(node.textContent);
  var chart = echarts.init(el, null, { renderer: "svg" });
  var series = [{ name: "总分", type: "line", yAxisIndex: 0, data: data.total, lineStyle: { width: 3 } }];
  (data.factors || []).forEach(function (f) {
    series.push({ name: f.name, type: "line", yAxisIndex: 1, data: f.values, symbolSize: 4 });
  });
  chart.setOption({
    color: ["#9b1c1c", "#1d4f91", "#c9a227", "#1f7a3a", "#6b4c9a", "#a15c00", "#2b7a78", "#7a2b5b", "#555", "#b5651d", "#3d6b2f"],
    tooltip: { trigger: "axis" },
    legend: { top: 0, type: "scroll" },
    grid: { left: 48, right: 48, top: 40, bottom: 28 },
    xAxis: { type: "category", data: data.dates },
    yAxis: [{ type: "value", name: "总分", min: 90, max: 450 },
            { type: "value", name: "因子分", min: 1, max: 5, splitLine: { show: false } }],
    series: series
  });
  window.addEventListener("resize", function () { chart.resize(); });
}());
