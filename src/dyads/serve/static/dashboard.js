/* dyads dashboard: draws the dyad charts and links chart points to their evidence.
 *
 * No framework and no inline script: the page embeds its chart data as JSON in
 * <script type="application/json" id="dyad-chart"> (never executed), plotly.js is
 * served by the app from the installed plotly package, and this file wires the two.
 * A click on a chart point selects that period's section of the evidence list
 * (#p-YYYY-MM-DD); the same anchors work from the timeline table without JavaScript.
 */
(function () {
  "use strict";

  var QUAD_COLOURS = { "1": "#6aa7d8", "2": "#1f5fa8", "3": "#e8a33d", "4": "#c2402f" };
  var ISSUE_COLOURS = ["#1d2330", "#7b4fa0", "#2a8c82", "#b5651d", "#5f6b7a", "#a8326e", "#4a7f2c"];
  var CONFIG = {
    displaylogo: false,
    responsive: true,
    modeBarButtonsToRemove: ["lasso2d", "select2d", "autoScale2d"]
  };

  function readJSON(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function periodNoun(by) {
    return by === "day" ? "day" : by === "month" ? "month" : "week";
  }

  /* Show only the evidence of `period` (or everything when it is null). */
  function selectPeriod(period, scroll) {
    var list = document.getElementById("evidence");
    if (!list) { return; }
    var target = period ? document.getElementById("p-" + period) : null;
    var sections = list.querySelectorAll("section.period");
    for (var i = 0; i < sections.length; i++) {
      sections[i].classList.toggle("selected", sections[i] === target);
    }
    list.classList.toggle("filtered", Boolean(target));
    var status = document.getElementById("evidence-status");
    var button = document.getElementById("show-all");
    if (status) {
      status.textContent = target
        ? "Showing " + target.querySelector("h3").firstChild.textContent.trim() + "."
        : period ? "Nothing recorded for " + period + "." : "All " + sections.length + " periods.";
    }
    if (button) { button.hidden = !target; }
    if (target && scroll) { target.scrollIntoView({ block: "start" }); }
  }

  function onPointClick(event) {
    var point = event && event.points && event.points[0];
    if (!point) { return; }
    var period = point.customdata || String(point.x).slice(0, 10);
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "#p-" + period);
    }
    selectPeriod(period, true);
  }

  /* One x range for both charts, so a week sits at the same place in each. It spans the
   * periods with evidence: events, or a claim by either side. Points where both stances
   * are only carried forward stay drawn, just outside the initial view (pan to see them). */
  function sharedRange(data) {
    var all = data.timeline.periods.slice();
    data.distance.issues.forEach(function (issue) {
      all = all.concat(issue.periods.filter(function (p, i) { return issue.fresh[i]; }));
    });
    if (!all.length) { return undefined; }
    all.sort();
    var pad = { day: 1, week: 4, month: 16 }[data.by] || 4;
    var day = 86400000;
    var first = new Date(Date.parse(all[0]) - pad * day);
    var last = new Date(Date.parse(all[all.length - 1]) + (pad + (data.by === "week" ? 3 : 0)) * day);
    return [first.toISOString().slice(0, 10), last.toISOString().slice(0, 10)];
  }

  function timelineChart(el, data) {
    var t = data.timeline;
    var traces = Object.keys(t.quad).map(function (q) {
      return {
        type: "bar",
        name: "Q" + q + " " + data.quad_labels[q],
        x: t.periods,
        y: t.quad[q],
        customdata: t.periods,
        marker: { color: QUAD_COLOURS[q] },
        hovertemplate: "%{y} " + data.quad_labels[q] + "<extra>%{x}</extra>"
      };
    });
    traces.push({
      type: "scatter",
      mode: "lines+markers",
      name: "mean Goldstein",
      x: t.periods,
      y: t.goldstein,
      customdata: t.periods,
      yaxis: "y2",
      line: { color: "#1d2330", width: 2 },
      marker: { size: 7 },
      hovertemplate: "mean Goldstein %{y:.1f}<extra>%{x}</extra>"
    });
    var layout = {
      barmode: "stack",
      height: 340,
      margin: { l: 48, r: 56, t: 40, b: 36 },
      legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom", font: { size: 11 } },
      xaxis: { type: "date", hoverformat: "%Y-%m-%d", range: sharedRange(data) },
      yaxis: { title: { text: "events per " + periodNoun(data.by) }, rangemode: "tozero", fixedrange: true },
      yaxis2: {
        title: { text: "mean Goldstein" }, overlaying: "y", side: "right",
        range: [-10.5, 10.5], tickmode: "array", tickvals: [-10, -5, 0, 5, 10],
        zeroline: true, zerolinecolor: "#d9dee5", showgrid: false, fixedrange: true
      },
      hovermode: "closest",
      plot_bgcolor: "#fff",
      paper_bgcolor: "#fff"
    };
    return window.Plotly.newPlot(el, traces, layout, CONFIG).then(function (gd) {
      gd.on("plotly_click", onPointClick);
    });
  }

  function distanceChart(el, data) {
    var d = data.distance;
    var traces = d.issues.map(function (issue, i) {
      var colour = ISSUE_COLOURS[i % ISSUE_COLOURS.length];
      return {
        type: "scatter",
        mode: "lines+markers",
        name: issue.label,
        x: issue.periods,
        y: issue.values,
        customdata: issue.periods,
        line: { color: colour, width: 2 },
        marker: {
          size: 9, color: colour,
          symbol: issue.carried.map(function (c) { return c ? "circle-open" : "circle"; })
        },
        hovertemplate: issue.label + ": %{y:.2f}<extra>%{x}</extra>"
      };
    });
    if (d.overall.periods.length && d.issues.length > 1) {
      traces.push({
        type: "scatter", mode: "lines", name: "all issues (mean)",
        x: d.overall.periods, y: d.overall.values, customdata: d.overall.periods,
        line: { color: "#5f6b7a", dash: "dash", width: 2 },
        hovertemplate: "mean over issues: %{y:.2f}<extra>%{x}</extra>"
      });
    }
    var layout = {
      height: 340,
      showlegend: true,
      margin: { l: 100, r: 20, t: 40, b: 36 },
      legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom", font: { size: 11 } },
      xaxis: { type: "date", hoverformat: "%Y-%m-%d", range: sharedRange(data) },
      yaxis: {
        range: [-0.05, 2.1], fixedrange: true, automargin: true,
        tickvals: [0, 0.25, 0.75, 1.5, 2],
        ticktext: ["0 same", "0.25 close", "0.75 apart", "1.5 poles apart", "2 opposite"]
      },
      shapes: [{
        type: "rect", xref: "paper", x0: 0, x1: 1, y0: 1.5, y1: 2.1,
        fillcolor: "#c2402f", opacity: 0.07, line: { width: 0 }, layer: "below"
      }],
      hovermode: "closest",
      plot_bgcolor: "#fff",
      paper_bgcolor: "#fff"
    };
    return window.Plotly.newPlot(el, traces, layout, CONFIG).then(function (gd) {
      gd.on("plotly_click", onPointClick);
    });
  }

  function wireEvidence() {
    var button = document.getElementById("show-all");
    if (button) {
      button.addEventListener("click", function () {
        if (window.history && window.history.replaceState) {
          window.history.replaceState(null, "", window.location.pathname + window.location.search);
        }
        selectPeriod(null, false);
      });
    }
    var links = document.querySelectorAll("a.period-link");
    for (var i = 0; i < links.length; i++) {
      links[i].addEventListener("click", function (e) {
        e.preventDefault();
        var period = this.getAttribute("data-period");
        window.history.replaceState(null, "", "#p-" + period);
        selectPeriod(period, true);
      });
    }
    var hash = window.location.hash;
    if (hash.indexOf("#p-") === 0) { selectPeriod(hash.slice(3), true); }
  }

  function init() {
    var data = readJSON("dyad-chart");
    if (!data) { return; }
    wireEvidence();
    if (!window.Plotly) {
      var boxes = document.querySelectorAll(".chart");
      for (var i = 0; i < boxes.length; i++) {
        boxes[i].textContent = "The chart needs plotly.js, which did not load.";
      }
      return;
    }
    var drawn = [];
    var timeline = document.getElementById("timeline-chart");
    if (timeline && data.timeline.periods.length) { drawn.push(timelineChart(timeline, data)); }
    var distance = document.getElementById("distance-chart");
    if (distance && data.distance.issues.length) { drawn.push(distanceChart(distance, data)); }
    Promise.all(drawn).then(function () { document.body.setAttribute("data-charts", "ready"); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
