// The query page: a YASQE editor, the saved questions as examples, and a small result table
// whose IRIs are links shown by their labels. Everything is fetched from this service.
(function () {
  "use strict";

  const config = JSON.parse(document.getElementById("query-config").textContent);
  const words = config.words;
  const form = document.getElementById("query-form");
  const textarea = document.getElementById("query-text");
  const examples = document.getElementById("examples");
  const exampleInfo = document.getElementById("example-description");
  const paramsBox = document.getElementById("params");
  const statusEl = document.getElementById("status");
  const resultsEl = document.getElementById("results");
  const downloadsEl = document.getElementById("downloads");

  const JSON_RESULTS = "application/sparql-results+json";
  const NTRIPLES = "application/n-triples";
  const LABEL_CHUNK = 100;
  const MAX_ROWS_SHOWN = 1000;
  const SAFE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\u0000-\u0020<>"{}|^`\\]*$/;
  const DOWNLOADS = {
    SELECT: ["csv", "json", "tsv", "xml"],
    ASK: ["json", "xml"],
    GRAPH: ["ttl", "nt", "jsonld", "rdf"],
  };

  let library = [];
  let current = null; // the chosen saved question: {entry, text}
  let runCounter = 0;

  // --- the editor ------------------------------------------------------------------------

  let yasqe = null;
  if (window.Yasqe) {
    // Only the autocompleters that work offline; "class" and "property" ask a remote service.
    window.Yasqe.defaults.autocompleters = window.Yasqe.defaults.autocompleters.filter(
      (name) => name !== "class" && name !== "property"
    );
    const holder = document.getElementById("editor");
    yasqe = new window.Yasqe(holder, {
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
    window.samverkanEditor = yasqe; // for people poking around in the console
  }

  function getText() {
    return yasqe ? yasqe.getValue() : textarea.value;
  }

  function setText(text) {
    if (yasqe) yasqe.setValue(text);
    textarea.value = text;
  }

  // SELECT, ASK, CONSTRUCT, DESCRIBE (or an update keyword) after comments and prologue.
  function queryType(text) {
    const body = text
      .replace(/#[^\n]*/g, " ")
      .replace(/^\s*((PREFIX\s+[^:\s]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*/i, "");
    const match = body.match(/^\s*([A-Za-z]+)/);
    return match ? match[1].toUpperCase() : "";
  }

  // --- terms, links and labels -----------------------------------------------------------

  const prefixes = Object.entries(config.prefixes).sort((a, b) => b[1].length - a[1].length);

  function shortIri(iri) {
    for (const [prefix, ns] of prefixes) {
      if (iri.startsWith(ns) && iri.length > ns.length) return prefix + ":" + iri.slice(ns.length);
    }
    return iri;
  }

  function hrefFor(iri) {
    if (iri.startsWith(config.base)) return config.root + "/" + iri.slice(config.base.length);
    return /^(https?:|mailto:)/i.test(iri) ? iri : null;
  }

  function termCell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const href = hrefFor(term.value);
      const el = document.createElement(href ? "a" : "span");
      if (href) el.href = href;
      el.title = term.value;
      el.dataset.iri = term.value;
      el.className = "iri";
      el.textContent = shortIri(term.value);
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
      const note = term["xml:lang"] ? "@" + term["xml:lang"]
        : term.datatype && !term.datatype.endsWith("#string") ? shortIri(term.datatype) : "";
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

  // Ask the endpoint for the labels of the IRIs shown, then show labels instead of IRIs.
  async function applyLabels(table) {
    const links = Array.from(table.querySelectorAll("[data-iri]"));
    const iris = Array.from(new Set(links.map((el) => el.dataset.iri))).filter((iri) =>
      SAFE_IRI.test(iri)
    );
    const best = new Map();
    const predicates = config.labelPredicates.map((p) => "<" + p + ">").join(" ");
    for (let i = 0; i < iris.length; i += LABEL_CHUNK) {
      const values = iris.slice(i, i + LABEL_CHUNK).map((iri) => "<" + iri + ">").join(" ");
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
    for (const el of links) {
      const found = best.get(el.dataset.iri);
      if (found) {
        el.textContent = found.text;
        if (found.lang) el.lang = found.lang; // e.g. a Swedish-only label on the English page
        el.dataset.labelled = "true";
      }
    }
  }

  // --- results ---------------------------------------------------------------------------

  function table(columns, rows) {
    const tableEl = document.createElement("table");
    tableEl.className = "results";
    tableEl.id = "results-table";
    const head = tableEl.createTHead().insertRow();
    for (const column of columns) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = column;
      head.appendChild(th);
    }
    const body = tableEl.createTBody();
    for (const row of rows.slice(0, MAX_ROWS_SHOWN)) {
      const tr = body.insertRow();
      for (const column of columns) tr.appendChild(termCell(row[column]));
    }
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

  function showDownloads(kind, hrefFor) {
    downloadsEl.replaceChildren();
    const label = document.createElement("span");
    label.textContent = words.download + ": ";
    downloadsEl.appendChild(label);
    for (const format of DOWNLOADS[kind]) {
      const a = document.createElement("a");
      a.href = hrefFor(format);
      a.textContent = format.toUpperCase();
      a.className = "download download-" + format;
      a.setAttribute("download", "");
      downloadsEl.appendChild(a);
      downloadsEl.appendChild(document.createTextNode(" "));
    }
    downloadsEl.hidden = false;
  }

  function showError(message) {
    const p = document.createElement("p");
    p.className = "error";
    p.setAttribute("role", "alert");
    p.textContent = message;
    resultsEl.replaceChildren(p);
    statusEl.textContent = words.error;
    downloadsEl.hidden = true;
  }

  // --- running ---------------------------------------------------------------------------

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
    const type = queryType(text);
    const kind = type === "CONSTRUCT" || type === "DESCRIBE" ? "GRAPH" : type === "ASK" ? "ASK" : "SELECT";
    const accept = kind === "GRAPH" ? NTRIPLES : JSON_RESULTS;
    const saved = current && current.text === text ? current.entry : null;
    const myRun = ++runCounter;
    statusEl.textContent = "…";
    resultsEl.setAttribute("aria-busy", "true");
    const started = performance.now();
    let response;
    let downloadHref;
    try {
      if (saved) {
        const params = new URLSearchParams(paramValues());
        const base = saved.links.self;
        downloadHref = (format) => base + "?" + new URLSearchParams({ ...paramValues(), format });
        response = await fetch(base + (params.toString() ? "?" + params : ""), {
          headers: { Accept: accept },
        });
      } else {
        downloadHref = (format) =>
          config.endpoint + "?" + new URLSearchParams({ query: text, format });
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
      const elapsed = Math.round(performance.now() - started);
      let tableEl = null;
      let count = 0;
      if (kind === "GRAPH") {
        const rows = parseNTriples(await response.text());
        count = rows.length;
        tableEl = table(["subject", "predicate", "object"], rows);
      } else {
        const data = await response.json();
        if (typeof data.boolean === "boolean") {
          const p = document.createElement("p");
          p.className = "answer";
          p.id = "answer";
          p.dataset.answer = String(data.boolean);
          p.textContent = data.boolean ? words.yes : words.no;
          resultsEl.replaceChildren(p);
          statusEl.textContent = elapsed + " ms";
          showDownloads("ASK", downloadHref);
          return;
        }
        count = data.results.bindings.length;
        tableEl = table(data.head.vars, data.results.bindings);
      }
      resultsEl.replaceChildren(tableEl);
      statusEl.textContent = count + " " + words.rows + " · " + elapsed + " ms";
      showDownloads(kind, downloadHref);
      try {
        await applyLabels(tableEl);
      } catch (error) {
        console.warn("labels unavailable", error);
      }
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
