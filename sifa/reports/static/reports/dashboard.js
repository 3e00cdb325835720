/* Dashboard charts (Apache ECharts, served locally). Reads the figures the page embedded as JSON; every bar,
   point and map region opens the records behind its number. No map tiles: the map is the boundary GeoJSON. */
(function () {
  "use strict";
  var node = document.getElementById("dashboard-data");
  if (!node || typeof echarts === "undefined") { return; }
  var data = JSON.parse(node.textContent);
  var charts = [];
  var palette = ["#9b1c1c", "#1d4f91", "#c9a227", "#1f7a3a", "#6b4c9a", "#a15c00"];

  function open(url) { if (url) { window.location.href = url; } }

  function make(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    var chart = echarts.init(el, null, { renderer: "svg" });
    charts.push(chart);
    return chart;
  }

  function unitName(s) { return s.name + "（" + s.unit + "）"; }

  // Monthly trends: one chart per line, one series per indicator.
  (data.trends || []).forEach(function (block, i) {
    var chart = make("trend-" + i);
    if (!chart) { return; }
    chart.setOption({
      color: palette,
      tooltip: { trigger: "axis" },
      legend: { top: 0, type: "scroll" },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: "category", data: block.months },
      yAxis: { type: "value", minInterval: 1 },
      series: block.series.map(function (s) {
        return { name: unitName(s), type: "line", smooth: false, symbolSize: 7, data: s.values, urls: s.urls };
      })
    });
    chart.on("click", function (p) { open(block.series[p.seriesIndex].urls[p.dataIndex]); });
  });

  // Distribution by township / sub-unit: horizontal bars.
  var split = data.split || {};
  var shown = (split.series || []).filter(function (s) { return s.distribution; });
  var bars = make("split-chart");
  if (bars && shown.length) {
    var height = Math.max(260, 28 * split.labels.length + 60);
    bars.getDom().style.height = height + "px";
    bars.resize();
    bars.setOption({
      color: palette,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0, type: "scroll" },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: split.labels },
      series: shown.map(function (s) { return { name: unitName(s), type: "bar", data: s.values }; })
    });
    bars.on("click", function (p) { open(shown[p.seriesIndex].urls[p.dataIndex]); });
  }

  // The map: coloured by the chosen indicator when it has a polygon per township (or county), else the outline.
  var mapInfo = data.map || {};
  var mapChart = mapInfo.available ? make("map-chart") : null;
  if (mapChart) {
    var chosen = (split.series || []).filter(function (s) { return s.code === data.map_indicator; })[0];
    fetch(data.map_url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error("边界数据读取失败"); }
      return r.json();
    }).then(function (geo) {
      var names = {};
      geo.features.forEach(function (f) {
        names[f.properties.code] = f.properties.name || f.properties.code;
        f.properties.name = f.properties.code;   // regions are matched by division code
      });
      var mapName = "sifa-" + mapInfo.area;
      echarts.registerMap(mapName, geo);
      var values = [], urls = {}, max = 0;
      if (chosen && mapInfo.by_subdivision) {
        mapInfo.codes.forEach(function (code, i) {
          if (!code) { return; }
          var v = chosen.values[i];
          values.push({ name: code, value: v === null ? "-" : v });
          urls[code] = chosen.urls[i];
          if (v !== null && v > max) { max = v; }
        });
      } else {
        geo.features.forEach(function (f) { values.push({ name: f.properties.code, value: "-" }); });
      }
      var option = {
        tooltip: {
          trigger: "item",
          formatter: function (p) {  // tooltips are HTML: names come from an uploaded file, so escape them
            var esc = echarts.format.encodeHTML;
            var label = esc(names[p.name] || p.name);
            if (!chosen || !mapInfo.by_subdivision) { return label; }
            var v = (p.value === undefined || isNaN(p.value)) ? "—" : p.value;
            return label + "<br>" + esc(chosen.name) + "：" + esc(String(v)) + esc(chosen.unit);
          }
        },
        series: [{
          type: "map", map: mapName, roam: true, data: values, selectedMode: false,
          label: { show: !mapInfo.by_subdivision, formatter: function (p) { return names[p.name] || ""; } },
          itemStyle: { areaColor: "#f7e9e9", borderColor: "#9b1c1c", borderWidth: 1.2 },
          emphasis: { label: { show: true, formatter: function (p) { return names[p.name] || ""; } },
                      itemStyle: { areaColor: "#f3d27a" } }
        }]
      };
      if (chosen && mapInfo.by_subdivision) {
        option.visualMap = { min: 0, max: max || 1, left: 8, bottom: 8, calculable: true, text: ["高", "低"],
                             inRange: { color: ["#fbeeee", "#9b1c1c"] } };
        mapChart.on("click", function (p) { open(urls[p.name]); });
      }
      mapChart.setOption(option);
    }).catch(function (err) {
      mapChart.getDom().textContent = err.message;
    });
  }

  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
}());
