// Offline evidence map of a track alert: the permitted area's outline and the path, drawn by ECharts on a
// geo component registered from the page's own GeoJSON. No tiles, no external host. The points come in time
// order with their local time and distance from the area (sifa/tracks/evidence.py); the line follows that order.
(function () {
  "use strict";
  var holder = document.getElementById("alert-map");
  var source = document.getElementById("alert-map-data");
  if (!holder || !source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var chart = window.echarts.init(holder);
  function item(p, n) {
    return { value: [p.lon, p.lat], time: p.time, distance: p.distance_m, order: n };
  }
  function label(d) {
    if (!d || !d.time) { return ""; }
    var where = d.distance === null || d.distance === undefined ? "" :
      (d.distance > 0 ? "，距准许区域" + d.distance + "米" : "，在准许区域内");
    return (d.order ? "第" + d.order + "个点 " : "") + d.time + where;
  }
  var points = data.points.map(function (p, i) { return item(p, i + 1); });
  var ends = data.ends.map(function (p, i) { return item(p, i ? points.length : 1); });
  var option = { tooltip: { trigger: "item", formatter: function (o) { return label(o.data); } } };
  if (data.outline) {
    window.echarts.registerMap("permitted-area", data.outline);
    option.geo = { map: "permitted-area", roam: true, itemStyle: { areaColor: "#eef4ee", borderColor: "#2f6b3a" },
      emphasis: { disabled: true }, label: { show: false } };
  }
  var coordinate = data.outline ? { coordinateSystem: "geo" } : {};
  var series = [];
  series.push(Object.assign({ type: "lines", polyline: true, data: [{ coords: points.map(function (p) { return p.value; }) }],
    lineStyle: { color: "#888", width: 1 }, effect: { show: true, symbol: "arrow", symbolSize: 6, period: 6 } }, coordinate));
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
