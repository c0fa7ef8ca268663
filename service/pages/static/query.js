// The query page: a YASQE editor (with the graph's prefixes, classes and properties completed
// locally), the saved questions as examples, shareable addresses, a local history, and
// results as a table (labels, sorting, filtering, pages) or a chart (Chart.js bars and
// timelines, an SVG network for graphs). Everything is fetched from this service.
(function () {
  "use strict";

  const config = JSON.parse(document.getElementById("query-config").textContent);
  const words = config.words;
  const form = document.getElementById("query-form");
  const textarea = document.getElementById("query-text");
  const examples = document.getElementById("examples");
  const historySelect = document.getElementById("history");
  const exampleInfo = document.getElementById("example-description");
  const paramsBox = document.getElementById("params");
  const statusEl = document.getElementById("status");
  const resultsEl = document.getElementById("results");
  const chartEl = document.getElementById("chart");
  const viewsEl = document.getElementById("views");
  const capNote = document.getElementById("cap-note");
  const downloadsEl = document.getElementById("downloads");
  const copyButton = document.getElementById("copy-link");

  const JSON_RESULTS = "application/sparql-results+json";
  const NTRIPLES = "application/n-triples";
  const LABEL_CHUNK = 100;
  const PAGE_SIZE = 100;
  const HISTORY_KEY = "samverkan-kg.history";
  const HISTORY_SIZE = 20;
  const SAFE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\u0000-\u0020<>"{}|^`\\]*$/;
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const NUMERIC = ["integer", "decimal", "double", "float", "int", "long", "short",
    "nonNegativeInteger", "positiveInteger"].map((t) => XSD + t);
  const DATES = ["date", "dateTime", "gYear", "gYearMonth"].map((t) => XSD + t);
  const DOWNLOADS = {
    SELECT: ["csv", "json", "tsv", "xml"],
    ASK: ["json", "xml"],
    GRAPH: ["ttl", "nt", "jsonld", "rdf"],
  };

  const format = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => values[key]);

  let library = [];
  let current = null; // the chosen saved question: {entry, text}
  let runCounter = 0;
  let lastResult = null; // {kind, columns, rows, labels}
  let chart = null; // the Chart.js instance drawn, if any
  let view = "table";

  // --- the editor ------------------------------------------------------------------------

  let yasqe = null;
  const Yasqe = window.Yasqe;
  if (Yasqe) {
    // Completion from this graph only: LOV's remote "class"/"property" completers and the
    // prefix.cc list are replaced by forks that read the lists this page was given.
    const prefixList = Object.entries(config.queryPrefixes)
      .map(([prefix, ns]) => prefix + ": <" + ns + ">").sort();
    const local = (name, base, list) => {
      if (!Yasqe.Autocompleters[name]) {
        Yasqe.forkAutocompleter(base, { name, get: list, bulk: true, persistenceId: null }, false);
      }
    };
    local("localPrefixes", "prefixes", prefixList);
    local("localClasses", "class", config.classes);
    local("localProperties", "property", config.properties);
    Yasqe.defaults.autocompleters = ["variables", "localPrefixes", "localClasses", "localProperties"]
      .filter((name) => Yasqe.Autocompleters[name]);
    const holder = document.getElementById("editor");
    yasqe = new Yasqe(holder, {
      value: textarea.value,
      persistenceId: null,
      showQueryButton: false,
      createShareableLink: null, // its links carry YASGUI's own parameters, not this page's
      resizeable: true,
      editorHeight: "320px",
      requestConfig: { endpoint: config.endpoint, method: "POST" },
    });
    textarea.hidden = true;
    const run = () => form.requestSubmit();
    yasqe.query = () => { run(); return Promise.resolve(); };
    // Tab and Shift-Tab are left to the browser (false: CodeMirror does not handle them), so
    // the editor is no keyboard trap; Ctrl-] and Ctrl-[ indent instead (CodeMirror's own).
    yasqe.setOption(
      "extraKeys",
      Object.assign({}, yasqe.getOption("extraKeys"), {
        "Ctrl-Enter": run, "Cmd-Enter": run, Tab: false, "Shift-Tab": false,
      })
    );
    // CodeMirror types into a hidden textarea of its own: give it the page's label and hint.
    const input = yasqe.getInputField();
    input.id = "query-editor-input";
    input.setAttribute("aria-labelledby", "query-label");
    input.setAttribute("aria-describedby", "editor-hint");
    input.setAttribute("aria-multiline", "true");
    document.getElementById("query-label").htmlFor = input.id;
    window.samverkanEditor = yasqe; // for people poking around in the console (and tests)
  }

  function getText() {
    return yasqe ? yasqe.getValue() : textarea.value;
  }

  function setText(text) {
    if (yasqe) yasqe.setValue(text);
    textarea.value = text;
  }

  // The query's form as the editor's own parser sees it (YASQE's getQueryType): a "#" in a
  // PREFIX IRI is not a comment, whatever a regular expression might think.
  function queryType() {
    if (yasqe) return (yasqe.getQueryType() || "").toUpperCase();
    const match = textarea.value.match(/\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i);
    return match ? match[1].toUpperCase() : "SELECT";
  }

  // --- errors marked in the editor --------------------------------------------------------

  let errorMarks = [];
  function clearErrorMarks() {
    for (const clear of errorMarks) clear();
    errorMarks = [];
  }

  // "SPARQL syntax error at line L, column C: ..." (service.query_text) → mark that place.
  function markError(message) {
    const found = /at line (\d+), column (\d+)/.exec(message);
    if (!found || !yasqe) return;
    const line = Number(found[1]) - 1;
    const ch = Number(found[2]) - 1;
    const text = yasqe.getLine(line) || "";
    const end = (/^\S+/.exec(text.slice(ch)) || [""])[0].length || 1;
    const mark = yasqe.markText({ line, ch }, { line, ch: ch + end }, {
      className: "query-error-mark", attributes: { "data-error": "true" },
    });
    yasqe.addLineClass(line, "background", "query-error-line");
    errorMarks.push(() => mark.clear(), () => yasqe.removeLineClass(line, "background", "query-error-line"));
    yasqe.setCursor({ line, ch });
  }
  if (yasqe) yasqe.on("change", clearErrorMarks);

  // --- shareable addresses and the local history ------------------------------------------

  function shareableUrl(text) {
    const params = new URLSearchParams({ query: text });
    if (config.langChosen) params.set("lang", config.langChosen);
    return location.pathname + "?" + params;
  }

  function loadHistory() {
    try {
      const items = JSON.parse(localStorage.getItem(HISTORY_KEY) || "[]");
      return Array.isArray(items) ? items.filter((i) => typeof i.query === "string") : [];
    } catch (error) {
      return [];
    }
  }

  function summary(text) {
    const body = text.split("\n").filter((l) => l.trim() && !/^\s*(PREFIX|BASE|#)/i.test(l));
    const flat = body.join(" ").replace(/\s+/g, " ").trim();
    return flat.length > 70 ? flat.slice(0, 69) + "…" : flat;
  }

  function drawHistory() {
    const items = loadHistory();
    historySelect.replaceChildren(historySelect.options[0] || new Option("", ""));
    items.forEach((item, index) => {
      const when = new Date(item.time).toLocaleString(config.lang === "sv" ? "sv-SE" : "en-GB");
      historySelect.appendChild(new Option(when + " · " + summary(item.query), String(index)));
    });
    historySelect.disabled = items.length === 0;
  }

  function remember(text) {
    const items = loadHistory().filter((item) => item.query !== text);
    items.unshift({ query: text, time: Date.now() });
    try {
      localStorage.setItem(HISTORY_KEY, JSON.stringify(items.slice(0, HISTORY_SIZE)));
    } catch (error) {
      console.warn("history not saved", error);
    }
    drawHistory();
  }

  historySelect.addEventListener("change", () => {
    const item = loadHistory()[Number(historySelect.value)];
    if (item) {
      setText(item.query);
      current = null;
      syncParams();
    }
    historySelect.value = "";
  });

  copyButton.addEventListener("click", async () => {
    const url = new URL(shareableUrl(getText()), location.href).href;
    history.replaceState(null, "", url);
    try {
      await navigator.clipboard.writeText(url);
      statusEl.textContent = words.copied;
    } catch (error) {
      statusEl.textContent = words.copy_failed;
    }
    copyButton.dataset.copied = url;
  });

  // --- terms, links and labels -----------------------------------------------------------

  const prefixes = Object.entries(config.prefixes).sort((a, b) => b[1].length - a[1].length);

  function shortIri(iri) {
    for (const [prefix, ns] of prefixes) {
      if (iri.startsWith(ns) && iri.length > ns.length) return prefix + ":" + iri.slice(ns.length);
    }
    return iri;
  }

  function localPath(iri) {
    if (iri.startsWith(config.base)) return config.root + "/" + iri.slice(config.base.length);
    for (const [segment, outside] of Object.entries(config.outside || {})) {
      if (iri === outside || iri.startsWith(outside + "/")) {
        return config.root + "/" + segment + iri.slice(outside.length);
      }
    }
    return null;
  }

  function hrefFor(iri) {
    const path = localPath(iri);
    if (path !== null) return config.langChosen ? path + "?lang=" + config.langChosen : path;
    return /^(https?:|mailto:)/i.test(iri) ? iri : null;
  }

  function termText(term, labels) {
    if (!term) return "";
    if (term.type === "uri") return (labels.get(term.value) || {}).text || shortIri(term.value);
    if (term.type === "bnode") return "_:" + term.value;
    return term.value;
  }

  function termCell(term, labels) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const href = hrefFor(term.value);
      const el = document.createElement(href ? "a" : "span");
      if (href) el.href = href;
      el.title = term.value;
      el.dataset.iri = term.value;
      el.className = "iri";
      const label = labels.get(term.value);
      el.textContent = label ? label.text : shortIri(term.value);
      if (label && label.lang) el.lang = label.lang; // e.g. a Swedish label on the English page
      td.appendChild(el);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else if (term["xml:lang"]) {
      // The literal's language, so a screen reader reads "Linköping University" as English.
      const span = document.createElement("span");
      span.lang = term["xml:lang"];
      span.textContent = term.value;
      td.appendChild(span);
    } else {
      td.appendChild(document.createTextNode(term.value));
    }
    if (term.type === "literal") {
      // The language of a text; a datatype only when it is not XSD's (a number is a number).
      const note = term["xml:lang"] ? "@" + term["xml:lang"]
        : term.datatype && !term.datatype.startsWith(XSD) ? shortIri(term.datatype) : "";
      if (note) {
        const small = document.createElement("small");
        small.className = "muted";
        small.textContent = " " + note;
        td.appendChild(small);
      }
    }
    return td;
  }

  function labelRank(lang) {
    const tag = (lang || "").toLowerCase();
    if (tag.split("-")[0] === config.lang) return 0;
    if (tag === "sv" || tag === "en") return 1;
    return tag ? 3 : 2;
  }

  async function sparqlSelect(query) {
    const response = await fetch(config.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: JSON_RESULTS },
      body: new URLSearchParams({ query }),
    });
    if (!response.ok) throw new Error(await response.text());
    return response.json();
  }

  // The best label of each IRI in the answer, asked of the endpoint in chunks.
  async function fetchLabels(iris) {
    const wanted = Array.from(new Set(iris)).filter((iri) => SAFE_IRI.test(iri));
    const best = new Map();
    const predicates = config.labelPredicates.map((p) => "<" + p + ">").join(" ");
    for (let i = 0; i < wanted.length; i += LABEL_CHUNK) {
      const values = wanted.slice(i, i + LABEL_CHUNK).map((iri) => "<" + iri + ">").join(" ");
      const data = await sparqlSelect(
        "SELECT ?s ?label WHERE { VALUES ?s { " + values + " } VALUES ?p { " + predicates +
          " } ?s ?p ?label FILTER(isLiteral(?label)) }"
      );
      for (const row of data.results.bindings) {
        const rank = labelRank(row.label["xml:lang"]);
        const old = best.get(row.s.value);
        if (!old || rank < old.rank || (rank === old.rank && row.label.value < old.text)) {
          best.set(row.s.value, { rank, text: row.label.value, lang: row.label["xml:lang"] });
        }
      }
    }
    return best;
  }

  // --- the result table: sort, filter, pages -------------------------------------------------

  const collator = new Intl.Collator(config.lang, { numeric: true, sensitivity: "base" });
  const fold = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  function sortValue(term, labels) {
    if (!term) return null;
    if (term.type === "literal" && NUMERIC.includes(term.datatype)) return Number(term.value);
    return termText(term, labels);
  }

  function drawTable(state) {
    const { columns, labels } = lastResult;
    const wrapper = document.createElement("div");
    wrapper.className = "table-tools";
    const filterLabel = document.createElement("label");
    filterLabel.textContent = words.filter + " ";
    const filter = document.createElement("input");
    filter.type = "search";
    filter.id = "results-filter";
    filter.value = state.filter;
    filterLabel.appendChild(filter);
    const counter = document.createElement("span");
    counter.id = "results-count";
    counter.className = "muted";
    wrapper.append(filterLabel, counter);

    const tableEl = document.createElement("table");
    tableEl.className = "results";
    tableEl.id = "results-table";
    const head = tableEl.createTHead().insertRow();
    columns.forEach((column, index) => {
      const th = document.createElement("th");
      th.scope = "col";
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.dataset.column = String(index);
      button.textContent = column;
      button.setAttribute("aria-label", format(words.sort, { column }));
      if (state.sort === index) {
        th.setAttribute("aria-sort", state.descending ? "descending" : "ascending");
        button.textContent += state.descending ? " ▼" : " ▲";
      }
      th.appendChild(button);
      head.appendChild(th);
    });
    const body = tableEl.createTBody();
    const pager = document.createElement("nav");
    pager.className = "pager";
    pager.setAttribute("aria-label", words.page.replace(/\{\w+\}/g, "").trim());

    function render() {
      const needle = fold(state.filter.trim());
      let rows = lastResult.rows;
      if (needle) {
        rows = rows.filter((row) =>
          columns.some((c) => fold(termText(row[c], labels) + " " + ((row[c] || {}).value || "")).includes(needle)));
      }
      if (state.sort !== null) {
        const column = columns[state.sort];
        const sign = state.descending ? -1 : 1;
        rows = rows.slice().sort((a, b) => {
          const x = sortValue(a[column], labels);
          const y = sortValue(b[column], labels);
          if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
          if (typeof x === "number" && typeof y === "number") return sign * (x - y);
          return sign * collator.compare(String(x), String(y));
        });
      }
      const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
      state.page = Math.min(state.page, pages - 1);
      body.replaceChildren();
      for (const row of rows.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE)) {
        const tr = body.insertRow();
        for (const column of columns) tr.appendChild(termCell(row[column], labels));
      }
      counter.textContent = format(words.shown_rows, { shown: rows.length, total: lastResult.rows.length });
      pager.replaceChildren();
      if (pages > 1) {
        const button = (text, page, disabled) => {
          const b = document.createElement("button");
          b.type = "button";
          b.textContent = text;
          b.disabled = disabled;
          b.addEventListener("click", () => { state.page = page; render(); });
          return b;
        };
        const where = document.createElement("span");
        where.textContent = format(words.page, { page: state.page + 1, pages });
        pager.append(button(words.previous, state.page - 1, state.page === 0), " ", where, " ",
          button(words.next, state.page + 1, state.page >= pages - 1));
      }
    }

    filter.addEventListener("input", () => { state.filter = filter.value; state.page = 0; render(); });
    head.addEventListener("click", (event) => {
      const button = event.target.closest("button.sort");
      if (!button) return;
      const index = Number(button.dataset.column);
      state.descending = state.sort === index ? !state.descending : false;
      state.sort = index;
      drawTable(state);
      const again = resultsEl.querySelector('button.sort[data-column="' + index + '"]');
      if (again) again.focus();
    });
    render();
    tableEl.dataset.labelled = lastResult.labelled ? "done" : "pending";
    resultsEl.replaceChildren(wrapper, tableEl, pager);
    return tableEl;
  }

  // N-Triples lines to {subject, predicate, object} rows of SPARQL-JSON-like terms.
  function parseNTriples(text) {
    const term = /\s*(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?)/y;
    const unescape = (s) => JSON.parse('"' + s.replace(/\\U([0-9A-Fa-f]{8})/g, (_, h) =>
      String.fromCodePoint(parseInt(h, 16)).split("").map((c) =>
        "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0")).join("")) + '"');
    const toTerm = (token) => {
      if (token.startsWith("<")) return { type: "uri", value: token.slice(1, -1) };
      if (token.startsWith("_:")) return { type: "bnode", value: token.slice(2) };
      const end = token.lastIndexOf('"');
      const result = { type: "literal", value: unescape(token.slice(1, end)) };
      const rest = token.slice(end + 1);
      if (rest.startsWith("@")) result["xml:lang"] = rest.slice(1);
      if (rest.startsWith("^^")) result.datatype = rest.slice(3, -1);
      return result;
    };
    const rows = [];
    for (const line of text.split("\n")) {
      if (!line.trim() || line.trim().startsWith("#")) continue;
      term.lastIndex = 0;
      const parts = [];
      for (let i = 0; i < 3; i++) {
        const match = term.exec(line);
        if (!match) break;
        parts.push(toTerm(match[1]));
      }
      if (parts.length === 3) rows.push({ subject: parts[0], predicate: parts[1], object: parts[2] });
    }
    return rows;
  }

  // --- charts ----------------------------------------------------------------------------------

  // Which picture fits: bars (a name column and a number column), a timeline (a date column),
  // a network (a graph). Null when none does.
  function chartPlan() {
    if (!lastResult || lastResult.kind === "ASK") return null;
    const { columns, rows } = lastResult;
    if (lastResult.kind === "GRAPH") return rows.length ? { type: "network" } : null;
    const isType = (column, test) => rows.length > 0 && rows.every((r) => !r[column] || test(r[column])) &&
      rows.some((r) => r[column]);
    const number = columns.find((c) => isType(c, (t) => t.type === "literal" && NUMERIC.includes(t.datatype)));
    const date = columns.find((c) => isType(c, (t) => t.type === "literal" && DATES.includes(t.datatype)));
    const name = columns.find((c) => c !== number && c !== date && isType(c, (t) => t.type === "uri" || t.type === "literal"));
    if (number && name) return { type: "bars", label: name, value: number };
    if (date) return { type: "timeline", label: name || date, date };
    return null;
  }

  function yearOf(value) {
    const found = /^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
    if (!found) return null;
    const month = Number(found[2] || 1) - 1;
    const day = Number(found[3] || 1) - 1;
    return Number(found[1]) + month / 12 + day / 365;
  }

  function drawChart() {
    if (chart) { chart.destroy(); chart = null; }
    chartEl.replaceChildren();
    const plan = chartPlan();
    const caption = document.createElement("p");
    caption.id = "chart-caption";
    caption.className = "chart-caption";
    if (!plan) {
      caption.textContent = words.chart_none;
      chartEl.appendChild(caption);
      chartEl.dataset.chart = "none";
      return;
    }
    chartEl.dataset.chart = plan.type;
    if (plan.type === "network") {
      drawNetwork(caption);
      return;
    }
    const { rows, labels } = lastResult;
    const canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-labelledby", "chart-caption");
    const holder = document.createElement("div");
    holder.className = "chart-canvas";
    holder.appendChild(canvas);
    chartEl.append(caption, holder);
    if (!window.Chart) return;
    const accent = "#0b5cad";
    if (plan.type === "bars") {
      caption.textContent = format(words.chart_bars, { value: plan.value, label: plan.label });
      const points = rows.filter((r) => r[plan.value]).map((r) => ({
        label: termText(r[plan.label], labels), value: Number(r[plan.value].value),
      }));
      holder.style.height = Math.max(200, 28 * points.length + 60) + "px";
      chart = new window.Chart(canvas, {
        type: "bar",
        data: { labels: points.map((p) => p.label), datasets: [{ label: plan.value, data: points.map((p) => p.value), backgroundColor: accent }] },
        options: { indexAxis: "y", maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } },
      });
    } else {
      caption.textContent = format(words.chart_timeline, { label: plan.label, date: plan.date });
      const points = rows.filter((r) => r[plan.date] && yearOf(r[plan.date].value) !== null).map((r) => ({
        x: yearOf(r[plan.date].value), y: termText(r[plan.label], labels), when: r[plan.date].value,
      }));
      const names = Array.from(new Set(points.map((p) => p.y)));
      holder.style.height = Math.max(200, 28 * names.length + 60) + "px";
      chart = new window.Chart(canvas, {
        type: "scatter",
        data: { datasets: [{ label: plan.date, data: points, backgroundColor: accent, pointRadius: 6 }] },
        options: {
          maintainAspectRatio: false, animation: false,
          plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => c.raw.y + ": " + c.raw.when } } },
          scales: {
            x: { type: "linear", ticks: { callback: (v) => (Number.isInteger(v) ? String(v) : "") } },
            y: { type: "category", labels: names },
          },
        },
      });
    }
    chartEl.dataset.points = String(chart.data.datasets[0].data.length);
  }

  // A graph as circles and lines (SVG): nodes on a circle, labelled, each a link to its page.
  function drawNetwork(caption) {
    const { rows, labels } = lastResult;
    const nodes = new Map();
    const edges = [];
    const node = (term) => {
      const key = term.type + ":" + term.value;
      if (!nodes.has(key)) nodes.set(key, { term, index: nodes.size });
      return nodes.get(key);
    };
    for (const row of rows) {
      if (row.object.type === "literal") continue; // values are in the table; links are drawn
      edges.push({ from: node(row.subject), to: node(row.object), label: termText(row.predicate, labels) });
    }
    if (!edges.length) for (const row of rows) node(row.subject);
    const list = Array.from(nodes.values()).slice(0, 80);
    caption.textContent = format(words.chart_network, { nodes: list.length, edges: edges.length });
    const size = 640;
    const radius = list.length > 1 ? 240 : 0;
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-labelledby", "chart-caption");
    svg.classList.add("network");
    const place = (n) => {
      const angle = (2 * Math.PI * n.index) / Math.max(1, list.length);
      return [size / 2 + radius * Math.cos(angle), size / 2 + radius * Math.sin(angle)];
    };
    for (const edge of edges) {
      if (edge.from.index >= 80 || edge.to.index >= 80) continue;
      const [x1, y1] = place(edge.from);
      const [x2, y2] = place(edge.to);
      const line = document.createElementNS(ns, "line");
      Object.entries({ x1, y1, x2, y2 }).forEach(([k, v]) => line.setAttribute(k, String(v)));
      const title = document.createElementNS(ns, "title");
      title.textContent = edge.label;
      line.appendChild(title);
      svg.appendChild(line);
    }
    for (const n of list) {
      const [x, y] = place(n);
      const href = n.term.type === "uri" ? hrefFor(n.term.value) : null;
      const group = document.createElementNS(ns, href ? "a" : "g");
      if (href) group.setAttribute("href", href);
      const circle = document.createElementNS(ns, "circle");
      circle.setAttribute("cx", String(x));
      circle.setAttribute("cy", String(y));
      circle.setAttribute("r", "7");
      const text = document.createElementNS(ns, "text");
      text.setAttribute("x", String(x + (x < size / 2 ? -10 : 10)));
      text.setAttribute("y", String(y + 4));
      text.setAttribute("text-anchor", x < size / 2 ? "end" : "start");
      const name = termText(n.term, labels);
      text.textContent = name.length > 32 ? name.slice(0, 31) + "…" : name;
      group.append(circle, text);
      svg.appendChild(group);
    }
    chartEl.append(caption, svg);
    chartEl.dataset.points = String(list.length);
  }

  function showView(name) {
    view = name;
    for (const button of viewsEl.querySelectorAll("button")) {
      button.setAttribute("aria-pressed", String(button.dataset.view === name));
    }
    resultsEl.hidden = name !== "table";
    chartEl.hidden = name !== "chart";
    if (name === "chart") drawChart();
  }
  viewsEl.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-view]");
    if (button) showView(button.dataset.view);
  });

  // --- downloads and errors ------------------------------------------------------------------

  function showDownloads(kind, hrefFor) {
    downloadsEl.replaceChildren();
    const label = document.createElement("span");
    label.textContent = words.download + ": ";
    downloadsEl.appendChild(label);
    for (const name of DOWNLOADS[kind]) {
      const a = document.createElement("a");
      a.href = hrefFor(name);
      a.textContent = name.toUpperCase();
      a.className = "download download-" + name;
      a.setAttribute("download", "");
      downloadsEl.appendChild(a);
      downloadsEl.appendChild(document.createTextNode(" "));
    }
    downloadsEl.hidden = false;
  }

  function showError(message) {
    const p = document.createElement("pre");
    p.className = "error";
    p.setAttribute("role", "alert");
    p.textContent = message;
    resultsEl.hidden = false;
    chartEl.hidden = true;
    viewsEl.hidden = true;
    resultsEl.replaceChildren(p);
    statusEl.textContent = words.error;
    downloadsEl.hidden = true;
    markError(message);
  }

  function showCap(count, truncated) {
    capNote.hidden = false;
    capNote.classList.toggle("truncated", truncated);
    capNote.textContent = truncated ? format(words.capped, { rows: count }) : format(words.cap, { rows: config.maxRows });
    capNote.dataset.truncated = String(truncated);
  }

  // --- running ---------------------------------------------------------------------------

  // A table's downloads carry the names the table shows: a label column beside each IRI
  // column, in the page's language (labels=true on /sparql and on the saved questions).
  function labelled(kind) {
    return kind === "SELECT" ? { labels: "true", lang: config.lang } : {};
  }

  function paramValues() {
    const values = {};
    for (const input of paramsBox.querySelectorAll("input[name]")) {
      if (input.value.trim() !== "") values[input.name] = input.value.trim();
    }
    return values;
  }

  async function run(event) {
    if (event) event.preventDefault();
    const text = getText();
    clearErrorMarks();
    const type = queryType();
    const kind = type === "CONSTRUCT" || type === "DESCRIBE" ? "GRAPH" : type === "ASK" ? "ASK" : "SELECT";
    const accept = kind === "GRAPH" ? NTRIPLES : JSON_RESULTS;
    const saved = current && current.text === text ? current.entry : null;
    const myRun = ++runCounter;
    statusEl.textContent = "…";
    resultsEl.setAttribute("aria-busy", "true");
    history.replaceState(null, "", saved
      ? location.pathname + "?" + new URLSearchParams({ example: saved.name, ...(config.langChosen ? { lang: config.langChosen } : {}) })
      : shareableUrl(text));
    remember(text);
    const started = performance.now();
    let response;
    let downloadHref;
    try {
      if (saved) {
        const params = new URLSearchParams(paramValues());
        const base = saved.links.self;
        downloadHref = (name) => base + "?" + new URLSearchParams({ ...paramValues(), format: name, ...labelled(kind) });
        response = await fetch(base + (params.toString() ? "?" + params : ""), {
          headers: { Accept: accept },
        });
      } else {
        downloadHref = (name) =>
          config.endpoint + "?" + new URLSearchParams({ query: text, format: name, ...labelled(kind) });
        response = await fetch(config.endpoint, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: accept },
          body: new URLSearchParams({ query: text }),
        });
      }
      if (myRun !== runCounter) return;
      if (!response.ok) {
        showError(response.status + " " + (await response.text()));
        return;
      }
      const truncated = response.headers.get("X-Result-Truncated") === "true";
      const elapsed = Math.round(performance.now() - started);
      if (kind === "GRAPH") {
        const rows = parseNTriples(await response.text());
        lastResult = { kind, columns: ["subject", "predicate", "object"], rows, labels: new Map() };
      } else {
        const data = await response.json();
        if (typeof data.boolean === "boolean") {
          const p = document.createElement("p");
          p.className = "answer";
          p.id = "answer";
          p.dataset.answer = String(data.boolean);
          p.textContent = data.boolean ? words.yes : words.no;
          lastResult = { kind: "ASK", columns: [], rows: [], labels: new Map() };
          viewsEl.hidden = true;
          chartEl.hidden = true;
          resultsEl.hidden = false;
          capNote.hidden = true;
          resultsEl.replaceChildren(p);
          statusEl.textContent = elapsed + " ms";
          showDownloads("ASK", downloadHref);
          return;
        }
        lastResult = { kind, columns: data.head.vars, rows: data.results.bindings, labels: new Map() };
      }
      const state = { sort: null, descending: false, filter: "", page: 0 };
      viewsEl.hidden = false;
      let tableEl = drawTable(state);
      showView(view === "chart" && chartPlan() ? "chart" : "table");
      statusEl.textContent = lastResult.rows.length + " " + words.rows + " · " + elapsed + " ms";
      showCap(lastResult.rows.length, truncated);
      showDownloads(kind, downloadHref);
      const iris = [];
      for (const row of lastResult.rows) {
        for (const column of lastResult.columns) {
          if (row[column] && row[column].type === "uri") iris.push(row[column].value);
        }
      }
      try {
        lastResult.labels = await fetchLabels(iris);
      } catch (error) {
        console.warn("labels unavailable", error);
      }
      if (myRun !== runCounter) return;
      lastResult.labelled = true;
      tableEl = drawTable(state);
      if (view === "chart") drawChart();
      tableEl.dataset.labelled = "done";
    } catch (error) {
      if (myRun === runCounter) showError(String(error.message || error));
    } finally {
      resultsEl.removeAttribute("aria-busy");
    }
  }

  form.addEventListener("submit", run);

  // --- the saved questions as examples ----------------------------------------------------

  function title(entry) {
    return entry.title[config.lang] || entry.title.sv || entry.title.en || entry.name;
  }

  function showParams(entry) {
    paramsBox.replaceChildren();
    for (const param of entry.params) {
      const label = document.createElement("label");
      const name = document.createElement("code");
      name.textContent = param.name;
      const input = document.createElement("input");
      input.name = param.name;
      input.value = param.default || "";
      input.placeholder = param.type;
      input.title = param.description;
      const help = document.createElement("small");
      help.className = "muted";
      help.textContent = " " + param.description;
      label.append(name, " ", input, help);
      paramsBox.appendChild(label);
    }
    paramsBox.hidden = entry.params.length === 0;
  }

  async function choose(name, loadText) {
    const entry = library.find((q) => q.name === name);
    if (!entry) {
      current = null;
      exampleInfo.textContent = "";
      paramsBox.hidden = true;
      return;
    }
    let text = getText();
    if (loadText) {
      const response = await fetch(entry.links.sparql);
      text = await response.text();
      setText(text);
    }
    current = { entry, text };
    exampleInfo.textContent = entry.description[config.lang] || "";
    showParams(entry);
  }

  examples.addEventListener("change", () => choose(examples.value, true));

  // The parameters apply only while the editor holds the saved question's own text.
  function syncParams() {
    const active = current && current.text === getText() && current.entry.params.length > 0;
    paramsBox.hidden = !active;
  }
  if (yasqe) yasqe.on("change", syncParams);
  textarea.addEventListener("input", syncParams);

  drawHistory();

  // --- code snippets: the current query from curl, Python and R ---------------------------

  const snippets = document.getElementById("snippets");
  const shellQuoted = (text) => "'" + text.replace(/'/g, "'\\''") + "'";

  function drawSnippets() {
    const text = getText();
    const endpoint = new URL(config.endpoint, location.href).href;
    const literal = JSON.stringify(text); // a valid string literal in Python and in R too
    document.getElementById("snippet-curl").textContent = [
      "curl -G " + shellQuoted(endpoint) + " \\",
      "  --data-urlencode " + shellQuoted("query=" + text) + " \\",
      "  --data-urlencode 'format=csv' --data-urlencode 'labels=true' --data-urlencode 'lang=" + config.lang + "'",
    ].join("\n");
    document.getElementById("snippet-python").textContent = [
      "from SPARQLWrapper import JSON, SPARQLWrapper",
      "",
      "query = " + literal,
      "sparql = SPARQLWrapper(" + JSON.stringify(endpoint) + ")",
      "sparql.setQuery(query)",
      "sparql.setReturnFormat(JSON)",
      'rows = sparql.queryAndConvert()["results"]["bindings"]',
      'table = [{name: term["value"] for name, term in row.items()} for row in rows]',
    ].join("\n");
    document.getElementById("snippet-pandas").textContent = [
      "from urllib.parse import urlencode",
      "",
      "import pandas as pd",
      "",
      "query = " + literal,
      "# labels=true: a column x_label beside each IRI column x",
      'params = {"query": query, "format": "csv", "labels": "true", "lang": ' + JSON.stringify(config.lang) + "}",
      "frame = pd.read_csv(" + JSON.stringify(endpoint) + ' + "?" + urlencode(params))',
    ].join("\n");
    document.getElementById("snippet-r").textContent = [
      "library(httr)",
      "",
      "query <- " + literal,
      "answer <- GET(" + JSON.stringify(endpoint) + ",",
      '  query = list(query = query, format = "csv", labels = "true", lang = ' + JSON.stringify(config.lang) + "))",
      'frame <- read.csv(text = content(answer, "text", encoding = "UTF-8"))',
    ].join("\n");
  }
  snippets.addEventListener("toggle", () => { if (snippets.open) drawSnippets(); });
  if (yasqe) yasqe.on("change", () => { if (snippets.open) drawSnippets(); });
  textarea.addEventListener("input", () => { if (snippets.open) drawSnippets(); });

  // A shared link (/?query=…) opens with its query ready: the Run button has the focus
  // (Enter runs it) and the page says so; nothing runs before the reader asks.
  if (config.shared) document.getElementById("run").focus();

  fetch(config.queries, { headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : []))
    .then(async (entries) => {
      library = entries;
      for (const entry of entries) {
        const option = document.createElement("option");
        option.value = entry.name;
        option.textContent = title(entry);
        examples.appendChild(option);
      }
      if (config.example && entries.some((q) => q.name === config.example)) {
        examples.value = config.example;
        await choose(config.example, false);
      }
      examples.dataset.loaded = "true";
    })
    .catch((error) => console.warn("saved questions unavailable", error));
})();
