// The OrleansGossip propagation dashboard. It watches one subnet of a run (or the overview of all of a run's subnets)
// through the propagation hub and draws the aggregates the server sends every few hundred milliseconds; it never
// receives an event per delivery.
import { HubConnectionBuilder, LogLevel } from "@microsoft/signalr";
import {
  Chart, BarController, BarElement, LineController, LineElement, PointElement,
  CategoryScale, LinearScale, Legend, Tooltip, Filler,
} from "chart.js";
import cytoscape from "cytoscape";

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip, Filler);
Chart.defaults.color = "#93a4bf";
Chart.defaults.borderColor = "#2a3a55";
Chart.defaults.font.family = "'DejaVu Sans', 'Segoe UI', system-ui, sans-serif";
Chart.defaults.font.size = 12;
Chart.defaults.animation = false;

const KIND_COLORS = {
  "ingress": "#4fd1c5", "block-proposal": "#ffd166", "random-beacon": "#a78bfa", "notarization-share": "#60a5fa",
  "finalization-share": "#f472b6", "catch-up-share": "#fb923c", "certification-share": "#34d399",
  "dkg-dealing": "#f87171", "idkg-dealing": "#c084fc", "canister-http-share": "#94a3b8", "unknown": "#64748b",
};
const FAULT_COLORS = {
  "partition": "#ff6b6b", "heal": "#3ddc84", "cut-link": "#ff6b6b", "heal-link": "#3ddc84", "loss-burst": "#f6ad55",
  "crash": "#e2e8f0", "restart": "#4fd1c5", "add-node": "#60a5fa", "remove-node": "#a78bfa", "set-behaviour": "#ffd166",
};
const BAD = new Set(["withhold", "corrupt", "slow", "advert-spam"]);
const $ = (id) => document.getElementById(id);
const fmt = new Intl.NumberFormat("en-US");
const state = { run: "", subnet: "", view: "subnet", runs: [], wave: "", lastUpdate: null, queueSeries: [], graphKey: "" };

// ---------- routing: #run=ID&subnet=ID&view=subnet|overview ----------
function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  state.run = params.get("run") ?? state.run;
  state.subnet = params.get("subnet") ?? state.subnet;
  state.view = params.get("view") === "overview" ? "overview" : "subnet";
}
function writeHash() {
  const params = new URLSearchParams();
  if (state.run) params.set("run", state.run);
  if (state.subnet) params.set("subnet", state.subnet);
  if (state.view === "overview") params.set("view", "overview");
  history.replaceState(null, "", "#" + params.toString());
}

// ---------- hub ----------
const connection = new HubConnectionBuilder()
  .withUrl("hubs/propagation")
  .withAutomaticReconnect([0, 500, 1000, 2000, 5000, 5000, 10000])
  .configureLogging(LogLevel.Warning)
  .build();
connection.on("Subnet", (update) => { if (state.view === "subnet" && update.runId === state.run) renderSubnet(update); });
connection.on("Overview", (update) => { if (state.view === "overview" && update.runId === state.run) renderOverview(update); });
connection.onreconnecting(() => setConnection("reconnecting…", "warn"));
connection.onreconnected(() => { setConnection("live", "ok"); watch(); });
connection.onclose(() => setConnection("disconnected", "warn"));

function setConnection(text, cls) {
  const pill = $("conn");
  pill.textContent = text;
  pill.className = "pill " + (cls ?? "");
}

async function watch() {
  if (connection.state !== "Connected") return;
  if (!state.run) { await connection.invoke("Unwatch"); return; }
  await connection.invoke("Watch", state.run, state.view === "overview" ? null : (state.subnet || null));
}

async function refreshRuns() {
  if (connection.state !== "Connected") return;
  try {
    state.runs = await connection.invoke("ListRuns");
  } catch { return; }
  const select = $("run-select");
  const known = new Set(state.runs.map((r) => r.runId));
  if (!state.run || !known.has(state.run)) {
    // Follow the newest run that goes on, or else the newest run.
    const next = state.runs.find((r) => r.phase === "running" || r.phase === "draining") ?? state.runs[0];
    if (next && next.runId !== state.run && (!state.run || !known.has(state.run))) {
      state.run = next.runId;
      state.subnet = next.subnets.includes(state.subnet) ? state.subnet : (next.subnets[0] ?? "");
      resetCharts();
      writeHash();
      await watch();
    }
  }
  select.replaceChildren(...(state.runs.length ? state.runs : [{ runId: "", scenario: "no run yet", phase: "" }]).map((r) => {
    const option = document.createElement("option");
    option.value = r.runId;
    option.textContent = r.runId ? `${r.runId} · ${r.scenario} · ${r.phase}` : r.scenario;
    option.selected = r.runId === state.run;
    return option;
  }));
  fillSubnets(state.runs.find((r) => r.runId === state.run)?.subnets ?? []);
}

function fillSubnets(subnets) {
  const select = $("subnet-select");
  const current = [...select.options].map((o) => o.value).join("|");
  if (current === subnets.join("|") && select.value === state.subnet) return;
  select.replaceChildren(...subnets.map((s) => {
    const option = document.createElement("option");
    option.value = s; option.textContent = s; option.selected = s === state.subnet;
    return option;
  }));
}

$("run-select").addEventListener("change", async (e) => {
  state.run = e.target.value;
  const run = state.runs.find((r) => r.runId === state.run);
  state.subnet = run?.subnets[0] ?? "";
  resetCharts(); writeHash(); fillSubnets(run?.subnets ?? []); await watch();
});
$("subnet-select").addEventListener("change", async (e) => {
  state.subnet = e.target.value; resetCharts(); writeHash(); await watch();
});
for (const tab of document.querySelectorAll(".tab")) {
  tab.addEventListener("click", () => showView(tab.dataset.view));
}
async function showView(view) {
  state.view = view;
  for (const tab of document.querySelectorAll(".tab")) tab.classList.toggle("active", tab.dataset.view === view);
  $("view-subnet").classList.toggle("hidden", view !== "subnet");
  $("view-overview").classList.toggle("hidden", view !== "overview");
  $("subnet-field").classList.toggle("hidden", view !== "subnet");
  writeHash();
  await watch();
  if (view === "subnet") { graph.resize(); graph.fit(undefined, 24); }
}

// ---------- header ----------
// Wall seconds per emulated second so far (the run's progress); none before the run has advanced.
function slowdown(u) {
  const s = Number(u.slowdown);
  return Number.isFinite(s) && s > 0 ? (s < 100 ? s.toFixed(2) : fmt.format(Math.round(s))) : "–";
}
// The pace the run asked for: wall seconds per emulated second, or none (0: as fast as the machine goes).
const pace = (u) => u.timeScale > 0 ? `time scale ${u.timeScale}` : "unpaced";

function renderHeader(u) {
  const phase = $("phase");
  phase.textContent = u.phase;
  phase.className = "pill " + u.phase;
  $("clock").textContent = `${Math.min(u.emulatedSeconds, u.durationSeconds || u.emulatedSeconds).toFixed(1)} / ${u.durationSeconds.toFixed(0)} s`;
  $("slowdown").textContent = slowdown(u);
  $("slowdown-pill").title = `wall seconds per emulated second so far (${pace(u)})`;
  $("throughput").textContent = `${fmt.format(Math.round(u.deliveriesPerSecond))}/s`;
  const share = u.durationSeconds > 0 ? Math.min(1, u.emulatedSeconds / u.durationSeconds) : 0;
  $("progress-bar").style.width = `${(u.phase === "completed" ? 1 : share) * 100}%`;
}

// ---------- graph ----------
const graph = cytoscape({
  container: $("graph"),
  minZoom: 0.3, maxZoom: 3, boxSelectionEnabled: false, autoungrabify: false,
  style: [
    { selector: "node", style: {
      "background-color": "#43546f", "label": "data(label)", "color": "#e6edf7", "font-size": 11,
      "text-valign": "center", "text-halign": "center", "width": 30, "height": 30,
      "border-width": 2, "border-color": "#22304a", "text-outline-color": "#0f1623", "text-outline-width": 2,
      "transition-property": "background-color, border-color, width, height", "transition-duration": "200ms",
    } },
    { selector: "node.lit", style: { "background-color": "#3ddc84" } },
    { selector: "node.fresh", style: { "width": 40, "height": 40, "border-color": "#b9ffd6", "border-width": 3 } },
    { selector: "node.origin", style: { "background-color": "#ffd166", "border-color": "#fff3c4", "width": 38, "height": 38 } },
    { selector: "node.bad", style: { "border-color": "#ff6b6b", "border-width": 3 } },
    { selector: "node.down", style: { "background-color": "#6b7280", "border-style": "dashed", "border-color": "#cbd5e1", "opacity": 0.65 } },
    { selector: "node.removed", style: { "opacity": 0.25 } },
    { selector: "edge", style: { "width": 1, "line-color": "#33476a", "opacity": 0.55, "curve-style": "straight" } },
    { selector: "edge.cut", style: { "line-color": "#ff6b6b", "line-style": "dashed", "width": 2, "opacity": 0.95 } },
  ],
  layout: { name: "circle" },
});

function shortName(id) {
  const i = id.lastIndexOf("-");
  return i > 0 ? id.slice(i + 1) : id;
}

function renderGraph(u) {
  const nodeIds = u.nodes.map((n) => n.id);
  const drawEdges = u.edges.length <= 1500;
  const key = nodeIds.join("|") + "#" + (drawEdges ? u.edges.map((e) => e.join("-")).join("|") : "");
  if (key !== state.graphKey) {
    state.graphKey = key;
    graph.elements().remove();
    graph.add(u.nodes.map((n) => ({ group: "nodes", data: { id: n.id, label: shortName(n.id) } })));
    if (drawEdges) {
      graph.add(u.edges.filter(([a, b]) => nodeIds.includes(a) && nodeIds.includes(b))
        .map(([a, b]) => ({ group: "edges", data: { id: `${a}|${b}`, source: a, target: b } })));
    }
    graph.layout({ name: "circle", padding: 24, animate: false }).run();
    graph.fit(undefined, 24);
  }
  const cut = new Set(u.cutLinks.map(([a, b]) => `${a}|${b}`));
  graph.edges().forEach((edge) => { edge.toggleClass("cut", cut.has(edge.id())); });
  for (const [a, b] of u.cutLinks) {
    if (graph.getElementById(`${a}|${b}`).empty() && nodeIds.includes(a) && nodeIds.includes(b)) {
      graph.add({ group: "edges", data: { id: `${a}|${b}`, source: a, target: b }, classes: "cut" });
    }
  }

  const wave = pickWave(u);
  const held = new Map();
  if (wave) wave.holders.forEach((node, i) => held.set(node, wave.heldAtMs[i]));
  const freshSince = u.atMs - 400;
  for (const n of u.nodes) {
    const node = graph.getElementById(n.id);
    if (node.empty()) continue;
    const at = held.get(n.id);
    node.toggleClass("lit", at !== undefined);
    node.toggleClass("fresh", at !== undefined && at >= freshSince && n.id !== wave?.origin);
    node.toggleClass("origin", wave?.origin === n.id);
    node.toggleClass("down", n.crashed);
    node.toggleClass("removed", !n.member);
    node.toggleClass("bad", BAD.has(n.behaviour));
  }
  window.__dashboard.nodes = nodeIds;
}

function pickWave(u) {
  if (!u.wave.length) return null;
  if (state.wave === "" ) {
    // The latest block proposal shows the wave best; else the latest artifact.
    return u.wave.find((w) => w.kind === "block-proposal") ?? u.wave[0];
  }
  return u.wave.find((w) => w.kind === state.wave) ?? u.wave[0];
}

function renderWave(u) {
  const select = $("wave-select");
  const kinds = ["", ...new Set(u.wave.map((w) => w.kind))];
  const current = [...select.options].map((o) => o.value).join("|");
  if (current !== kinds.join("|")) {
    select.replaceChildren(...kinds.map((k) => {
      const option = document.createElement("option");
      option.value = k; option.textContent = k === "" ? "latest block, else latest" : `latest ${k}`;
      option.selected = k === state.wave;
      return option;
    }));
  }
  const chosen = pickWave(u);
  $("wave-list").replaceChildren(...u.wave.map((w) => {
    const li = document.createElement("li");
    li.className = w === chosen ? "selected" : "";
    li.title = `${w.artifact} · ${fmt.format(w.size)} bytes · made by ${w.origin ?? "?"}`;
    const age = w.createdAtMs != null ? `${((u.atMs - w.createdAtMs) / 1000).toFixed(1)} s ago` : "";
    li.innerHTML = `<span class="kind" style="color:${KIND_COLORS[w.kind] ?? "#e6edf7"}">${w.kind}<small>${w.artifact.slice(0, 8)} · ${bytes(w.size)} · ${age}</small></span>`
      + `<span class="meter"><i style="width:${(w.coverage * 100).toFixed(1)}%;background:${KIND_COLORS[w.kind] ?? "#3ddc84"}"></i></span>`
      + `<span class="pct">${(w.coverage * 100).toFixed(0)} %</span>`;
    li.addEventListener("click", () => { state.wave = w.kind; select.value = w.kind; if (state.lastUpdate) renderSubnet(state.lastUpdate); });
    return li;
  }));
}
$("wave-select").addEventListener("change", (e) => { state.wave = e.target.value; if (state.lastUpdate) renderSubnet(state.lastUpdate); });

// ---------- charts ----------
function chart(id, config) {
  return new Chart($(id), { ...config, options: { maintainAspectRatio: false, responsive: true, ...config.options } });
}
const latencyChart = chart("latency-chart", {
  type: "bar",
  data: { labels: [], datasets: [] },
  options: {
    scales: { y: { title: { display: true, text: "% of deliveries" }, beginAtZero: true, suggestedMax: 50 },
      x: { title: { display: true, text: "latency (emulated ms, upper bound)" } } },
    plugins: { legend: { position: "bottom" } },
  },
});
const coverageChart = chart("coverage-chart", {
  type: "line",
  data: { datasets: [] },
  options: {
    parsing: false,
    scales: { x: { type: "linear", title: { display: true, text: "time since creation (emulated ms)" }, beginAtZero: true },
      y: { min: 0, max: 100, title: { display: true, text: "share of subnet (%)" } } },
    plugins: { legend: { position: "bottom" } },
    elements: { point: { radius: 0 }, line: { tension: 0.2, borderWidth: 2 } },
  },
});
const QUEUE_COLORS = ["#ff6b6b", "#ffd166", "#4fd1c5", "#60a5fa", "#a78bfa"];
const queueChart = chart("queue-chart", {
  type: "line",
  data: { datasets: [] },
  options: {
    parsing: false,
    scales: {
      x: { type: "linear", title: { display: true, text: "run time (emulated s)" } },
      y: { beginAtZero: true, title: { display: true, text: "queued downloads" }, position: "left" },
      y2: { beginAtZero: true, title: { display: true, text: "uplink booked ahead (ms)" }, position: "right", grid: { drawOnChartArea: false } },
    },
    plugins: { legend: { position: "bottom", labels: { boxWidth: 14 } } },
    elements: { point: { radius: 0 }, line: { borderWidth: 2 } },
  },
});

function resetCharts() {
  state.queueSeries = [];
  state.lastUpdate = null;
  state.graphKey = "";
  graph.elements().remove();
  for (const c of [latencyChart, coverageChart, queueChart]) { c.data.datasets = []; c.update(); }
}

function renderLatency(u) {
  const kinds = u.kinds.filter((k) => k.latencyCounts.some((c) => c > 0));
  const bounds = kinds[0]?.latencyBucketsMs ?? [];
  latencyChart.data.labels = bounds.map((b, i) => b < 0 ? `> ${fmt.format(bounds[i - 1])}` : `≤ ${fmt.format(b)}`);
  latencyChart.data.datasets = kinds.map((k) => {
    const total = k.latencyCounts.reduce((a, b) => a + b, 0) || 1;
    const p = (v) => v == null ? "–" : `${fmt.format(v)} ms`;
    return {
      label: `${k.kind} (p50 ≤ ${p(k.p50Ms)}, p90 ≤ ${p(k.p90Ms)})`,
      data: k.latencyCounts.map((c) => +(100 * c / total).toFixed(2)),
      backgroundColor: KIND_COLORS[k.kind] ?? "#94a3b8",
      borderRadius: 3,
    };
  });
  latencyChart.update();
}

function renderCoverage(u) {
  coverageChart.data.datasets = u.kinds.filter((k) => k.coverage.length).map((k) => ({
    label: k.kind,
    data: k.coverage.map(([x, y]) => ({ x, y: +(y * 100).toFixed(2) })),
    borderColor: KIND_COLORS[k.kind] ?? "#94a3b8",
    backgroundColor: (KIND_COLORS[k.kind] ?? "#94a3b8") + "22",
    fill: true,
  }));
  coverageChart.update();
}

function renderQueues(u) {
  const t = +(u.atMs / 1000).toFixed(2);
  const last = state.queueSeries[state.queueSeries.length - 1];
  if (!last || t > last.t) {
    state.queueSeries.push({ t, queued: u.queues.queuedFetches, backlog: u.queues.uplinkBacklogMs });
    if (state.queueSeries.length > 240) state.queueSeries.shift();
  }
  // Downloads queue in the fetchable classes only; the uplink's backlog matters for the classes that carry traffic.
  const classes = u.queues.classes.slice(0, 3);
  const datasets = [];
  classes.forEach((name, c) => {
    if (c < 2) {
      datasets.push({ label: `${name} queued`, yAxisID: "y", borderColor: QUEUE_COLORS[c], backgroundColor: QUEUE_COLORS[c],
        data: state.queueSeries.map((p) => ({ x: p.t, y: p.queued[c] })) });
    }
  });
  classes.forEach((name, c) => {
    if (state.queueSeries.some((p) => p.backlog[c] > 0.01)) {
      datasets.push({ label: `${name} uplink ms`, yAxisID: "y2", borderColor: QUEUE_COLORS[c], backgroundColor: QUEUE_COLORS[c], borderDash: [5, 4],
        data: state.queueSeries.map((p) => ({ x: p.t, y: p.backlog[c] })) });
    }
  });
  queueChart.data.datasets = datasets;
  queueChart.update();
}

function renderKinds(u) {
  $("kinds-body").replaceChildren(...(u.kinds.length ? u.kinds : []).map((k) => {
    const tr = document.createElement("tr");
    const ratio = k.deliveries > 0 ? (k.bodiesReceived / k.deliveries).toFixed(2) : "–";
    tr.innerHTML = `<td><i class="dot" style="background:${KIND_COLORS[k.kind] ?? "#94a3b8"}"></i>${k.kind}</td>`
      + `<td>${fmt.format(k.artifacts)}</td><td>${fmt.format(k.deliveries)}</td><td>${fmt.format(k.bodiesReceived)}</td>`
      + `<td>${bytes(k.bodyBytesReceived)}</td><td>${fmt.format(k.duplicates)}</td><td>${ratio}</td>`
      + `<td>${fmt.format(k.advertsSent)}</td><td>${fmt.format(k.requestsSent)}</td>`;
    return tr;
  }));
}

function renderFaults(u) {
  const end = Math.max(u.durationSeconds, u.emulatedSeconds, ...u.faults.map((f) => f.atSeconds), 1);
  const timeline = $("timeline");
  timeline.querySelectorAll(".mark, .tick").forEach((e) => e.remove());
  for (let s = 0; s <= 4; s++) {
    const tick = document.createElement("span");
    tick.className = "tick";
    tick.style.left = `${(s / 4) * 100}%`;
    tick.style.transform = s === 0 ? "none" : s === 4 ? "translateX(-100%)" : "translateX(-50%)";
    tick.textContent = `${(end * s / 4).toFixed(0)} s`;
    timeline.append(tick);
  }
  for (const f of u.faults) {
    const mark = document.createElement("span");
    mark.className = "mark";
    mark.style.left = `${(f.atSeconds / end) * 100}%`;
    mark.style.background = FAULT_COLORS[f.kind] ?? "#e2e8f0";
    mark.title = `${f.atSeconds.toFixed(1)} s · ${f.description}`;
    timeline.append(mark);
  }
  $("timeline-now").style.left = `${Math.min(1, u.emulatedSeconds / end) * 100}%`;
  const list = $("fault-list");
  if (!u.faults.length) {
    list.innerHTML = `<li class="none">no faults so far</li>`;
    return;
  }
  list.replaceChildren(...[...u.faults].reverse().map((f) => {
    const li = document.createElement("li");
    li.innerHTML = `<b>${f.atSeconds.toFixed(1)} s</b><span><span style="color:${FAULT_COLORS[f.kind] ?? "#e2e8f0"}">${f.kind}</span> · ${escapeHtml(f.description)}</span>`;
    return li;
  }));
}

function renderRegistry(u) {
  $("registry-version").textContent = fmt.format(u.registryVersion);
  $("membership").replaceChildren(...u.nodes.map((n) => {
    const chip = document.createElement("span");
    chip.className = "chip" + (n.crashed ? " down" : "") + (!n.member ? " removed" : "") + (BAD.has(n.behaviour) ? " bad" : "");
    chip.textContent = n.id;
    chip.title = `${n.id}: ${n.behaviour}${n.crashed ? ", down" : ""}${n.member ? "" : ", removed from the registry"} · finalized height ${n.finalizedHeight}`;
    return chip;
  }));
  $("emulator").innerHTML = `slowdown <b>${slowdown(u)}</b> wall s per emulated s (${pace(u)})`
    + ` · <b>${u.emulatedSeconds.toFixed(1)}</b> emulated s so far`
    + ` · <b>${fmt.format(Math.round(u.deliveriesPerSecond))}</b> deliveries per wall second`
    + ` · ${fmt.format(u.deliveries)} deliveries in the run so far`;
}

function renderSubnet(u) {
  state.lastUpdate = u;
  renderHeader(u);
  if (u.subnet !== state.subnet) return;
  fillSubnets(u.subnets);
  $("subnet-name").textContent = u.subnet;
  $("artifacts").textContent = fmt.format(u.subnetArtifacts);
  $("artifacts-run").textContent = `${fmt.format(u.artifactsCreated)} by the workload in the run`;
  $("deliveries").textContent = fmt.format(u.subnetDeliveries);
  $("delivered-share").textContent = `${fmt.format(u.deliveries)} in the run`;
  const down = u.nodes.filter((n) => n.crashed || !n.member).length;
  $("node-count").textContent = fmt.format(u.nodes.filter((n) => n.member).length);
  $("nodes-down").textContent = down ? `${down} down or removed` : "all up";
  $("height").textContent = u.finalizedHeight > 0 ? fmt.format(u.finalizedHeight) : "–";
  $("final-rate").textContent = u.finalizedHeight > 0 ? `${u.finalizationRate.toFixed(2)} heights/s` : "no consensus rounds";
  renderGraph(u);
  renderWave(u);
  renderLatency(u);
  renderCoverage(u);
  renderKinds(u);
  renderQueues(u);
  renderFaults(u);
  renderRegistry(u);
  window.__dashboard.updates++;
  window.__dashboard.last = { deliveries: u.deliveries, artifacts: u.artifactsCreated, atMs: u.atMs };
}

function renderOverview(u) {
  renderHeader(u);
  $("overview-run").textContent = `${u.runId} (${u.scenario}, ${u.protocol})`;
  const nodes = u.subnets.reduce((a, s) => a + s.nodes, 0);
  const down = u.subnets.reduce((a, s) => a + s.down, 0);
  const rated = u.subnets.filter((s) => s.finalizedHeight > 0);
  $("ov-subnets").textContent = fmt.format(u.subnets.length);
  $("ov-nodes").textContent = `${fmt.format(nodes)} nodes${down ? `, ${down} down` : ""}`;
  const judged = u.subnets.filter((s) => s.delivered != null);
  $("ov-healthy").textContent = judged.length ? `${judged.filter((s) => s.delivered >= 0.99).length} / ${judged.length}` : "–";
  $("ov-rate").textContent = rated.length ? (rated.reduce((a, s) => a + s.finalizationRate, 0) / rated.length).toFixed(2) : "–";
  $("ov-deliveries").textContent = fmt.format(u.subnets.reduce((a, s) => a + s.deliveries, 0));
  $("ov-throughput").textContent = `${fmt.format(Math.round(u.deliveriesPerSecond))} per wall second now`;
  $("overview-body").replaceChildren(...u.subnets.map((s) => {
    const tr = document.createElement("tr");
    const delivered = s.delivered == null ? "–" : `${(s.delivered * 100).toFixed(1)} %`;
    const health = s.delivered == null ? "" : s.delivered >= 0.99 ? "good" : s.delivered >= 0.9 ? "fair" : "poor";
    tr.innerHTML = `<td>${escapeHtml(s.subnet)}</td><td>${s.nodes}</td><td>${s.down || "–"}</td><td>${s.registryVersion}</td>`
      + `<td>${s.finalizedHeight || "–"}</td><td>${s.finalizedHeight ? s.finalizationRate.toFixed(2) : "–"}</td>`
      + `<td><span class="bar-cell"><span class="meter"><i style="width:${((s.delivered ?? 0) * 100).toFixed(1)}%;background:${health === "poor" ? "#ff6b6b" : health === "fair" ? "#f6ad55" : "#3ddc84"}"></i></span><span class="health ${health}">${delivered}</span></span></td>`
      + `<td>${s.p90Ms == null ? "–" : `≤ ${fmt.format(s.p90Ms)} ms`}</td>`
      + `<td>${fmt.format(s.deliveries)}</td>`;
    tr.addEventListener("click", async () => { state.subnet = s.subnet; resetCharts(); await showView("subnet"); });
    return tr;
  }));
  window.__dashboard.updates++;
}

function bytes(n) {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(2)} GiB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${n} B`;
}
function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c]));
}

// ---------- start ----------
window.__dashboard = { updates: 0, nodes: [], last: null, graph };
readHash();
await showView(state.view).catch(() => {});
async function start() {
  try {
    await connection.start();
    setConnection("live", "ok");
    await refreshRuns();
    await watch();
  } catch {
    setConnection("retrying…", "warn");
    setTimeout(start, 2000);
  }
}
await start();
setInterval(refreshRuns, 3000);
