// Preload (`node --require bench/count-queries.cjs`, or NODE_OPTIONS) that counts every statement node-postgres sends,
// by its text, and writes the counts to $ASSENT_QUERY_COUNT_DIR/queries.<pid>.txt when the process exits: how many
// round trips a request really makes (docs/performance.md, "Where a write's time goes").
const fs = require("node:fs");
const path = require("node:path");

const dir = process.env.ASSENT_QUERY_COUNT_DIR;
let Client;
try {
  Client = require(path.resolve("node_modules/pg")).Client;
} catch {
  Client = undefined;
}
if (dir && Client) {
  const query = Client.prototype.query;
  const counts = new Map();
  let total = 0;
  Client.prototype.query = function (config, ...rest) {
    const text = typeof config === "string" ? config : config?.text;
    if (text) {
      const key = text.replace(/\s+/g, " ").slice(0, 160);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      total++;
    }
    return query.call(this, config, ...rest);
  };
  process.on("exit", () => {
    const lines = [...counts].sort((a, b) => b[1] - a[1]).map(([text, n]) => `${n}\t${text}`);
    fs.writeFileSync(path.join(dir, `queries.${process.pid}.txt`), `total ${total}\n${lines.join("\n")}\n`);
  });
}
