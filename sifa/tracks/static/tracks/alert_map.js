// Offline evidence map of a track alert: the permitted area's outline and the points, drawn by ECharts on a
// geo component registered from the page's own GeoJSON. No tiles, no external host.
(function () {
  "use strict";
  var holder = document.getElementById("alert-map");
  var source = document.getElementById("alert-map-data");
  if (!holder || !source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var chart = window.echarts.init(holder);
  var series = [];
  var points = data.points.map(function (p) { return { value: [p[1], p[2]], time: p[0], acc: p[3] }; });
  var ends = [data.first, data.last].filter(Boolean).map(function (p) { return { value: [p[1], p[2]], time: p[0] }; });
  var option = { tooltip: { trigger: "item", formatter: function (o) { return (o.data && o.data.time) || ""; } } };
  if (data.outline) {
    window.echarts.registerMap("permitted-area", data.outline);
    option.geo = { map: "permitted-area", roam: true, itemStyle: { areaColor: "#eef4ee", borderColor: "#2f6b3a" },
      emphasis: { disabled: true }, label: { show: false } };
  }
  var coordinate = data.outline ? { coordinateSystem: "geo" } : {};
  series.push(Object.assign({ type: "lines", polyline: true, data: [{ coords: points.map(function (p) { return p.value; }) }],
    lineStyle: { color: "#888", width: 1 } }, coordinate));
  series.push(Object.assign({ type: "scatter", name: "定位点", data: points, symbolSize: 6, itemStyle: { color: "#1f5fa8" } }, coordinate));
  series.push(Object.assign({ type: "effectScatter", name: "首末点", data: ends, symbolSize: 10, itemStyle: { color: "#c0392b" } }, coordinate));
  if (!data.outline) {
    option.xAxis = { type: "value", scale: true, name: "经度" };
    option.yAxis = { type: "value", scale: true, name: "纬度" };
  }
  option.series = series;
  chart.setOption(option);
  window.addEventListener("resize", function () { chart.resize(); });
}());
