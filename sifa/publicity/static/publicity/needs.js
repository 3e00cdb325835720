/* 精准普法需求: the county map (the boundary GeoJSON the dashboards draw, no tiles) coloured by each township's
   need weight when township polygons are available, else the county outline with the townships as bars, and the
   county's ranked topics. Data comes from the page (json_script), never from elsewhere. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("needs-data").textContent);
  if (!window.echarts) { return; }
  var byCode = {};
  data.townships.forEach(function (t) { byCode[t.code] = t; });

  var topics = echarts.init(document.getElementById("needs-topics"));
  var ranked = data.topics.slice().reverse();
  topics.setOption({
    grid: { left: 130, right: 20, top: 10, bottom: 20 },
    xAxis: { type: "value" },
    yAxis: { type: "category", data: ranked.map(function (t) { return t.name; }) },
    series: [{ type: "bar", data: ranked.map(function (t) { return t.value; }), itemStyle: { color: "#c0392b" } }]
  });

  var mapBox = document.getElementById("needs-map");
  var chart = echarts.init(mapBox);
  var max = Math.max.apply(null, [1].concat(data.townships.map(function (t) { return t.weight; })));
  function tip(t) {
    return t.name + "<br>需求指数 " + t.weight + (t.top.length ? "<br>建议：" + t.top.join("、") : "") +
      (t.match === null ? "" : "<br>活动匹配率 " + t.match + "%");
  }
  function bars() {
    var towns = data.townships.slice().sort(function (a, b) { return a.weight - b.weight; });
    chart.setOption({
      tooltip: { formatter: function (p) { return tip(towns[p.dataIndex]); } },
      grid: { left: 90, right: 20, top: 10, bottom: 20 },
      xAxis: { type: "value" }, yAxis: { type: "category", data: towns.map(function (t) { return t.name; }) },
      series: [{ type: "bar", data: towns.map(function (t) { return t.weight; }) }]
    });
  }
  if (!data.map_url) { bars(); return; }
  fetch(data.map_url, { credentials: "same-origin" }).then(function (r) {
    if (!r.ok) { throw new Error("no map"); }
    return r.json();
  }).then(function (geo) {
    var values = [];
    var townPolygons = 0;
    geo.features.forEach(function (f) {
      var p = f.properties || {};
      var code = String(p.code || p.adcode || p.division_code || "");
      f.properties.name = code;
      var t = byCode[code];
      if (t) { townPolygons += 1; values.push({ name: code, value: t.weight }); }
    });
    if (!townPolygons) {
      // only the county outline ships: colour it by the county's total and keep the township bars beside it
      var total = data.townships.reduce(function (s, t) { return s + t.weight; }, 0);
      geo.features.forEach(function (f) { values.push({ name: f.properties.name, value: total }); });
    }
    echarts.registerMap("sifa-needs", geo);
    chart.setOption({
      tooltip: { formatter: function (p) { var t = byCode[p.name]; return t ? tip(t) : "全县需求指数 " + p.value; } },
      visualMap: { min: 0, max: townPolygons ? max : Math.max(1, values.length ? values[0].value : 1),
                   calculable: true, left: 0, bottom: 0, inRange: { color: ["#fdebd0", "#c0392b"] } },
      series: [{ type: "map", map: "sifa-needs", roam: false, data: values, label: { show: false } }]
    });
    if (!townPolygons) {
      var box = document.createElement("div");
      box.className = "pub-chart pub-chart-small";
      mapBox.parentNode.appendChild(box);
      chart = echarts.init(box);
      bars();
    }
  }).catch(function () { bars(); });
})();
