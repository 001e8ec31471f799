// Long-lived KaTeX renderer for the site build.
// Reads one JSON request per line on stdin, {"tex": "...", "display": true|false},
// and answers each with one JSON line on stdout, {"html": "..."} or {"error": "..."}.
"use strict";
const katex = require("katex");
const readline = require("node:readline");

// Strict mode, and no trust: a command such as \href or \includegraphics fails the build
// (KaTeX alone would quietly print it in red).
const untrusted = (context) => {
  throw new Error(`${context.command} is not allowed: the site's math is rendered without trust`);
};
const OPTIONS = { throwOnError: true, strict: "error", trust: untrusted, output: "htmlAndMathml" };

readline.createInterface({ input: process.stdin, terminal: false }).on("line", (line) => {
  let reply;
  try {
    const { tex, display } = JSON.parse(line);
    reply = { html: katex.renderToString(tex, { ...OPTIONS, displayMode: Boolean(display) }) };
  } catch (err) {
    reply = { error: String(err && err.message ? err.message : err) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
