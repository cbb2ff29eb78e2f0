import { createServer } from "node:http";
import { PGlite } from "@electric-sql/pglite";
import path from "node:path";
import pg from "pg";

/**
 * The bench's physical floors: `node:http` and the same driver the app uses (node-postgres, or PGlite on its own
 * copy of the data directory), doing the least each kind of request needs and nothing else: no framework,
 * authentication, validation, hashing or decision. Run as its own process, like the app server:
 * `tsx bench/bare-server.ts <port> <postgres-url | pglite-dir>`.
 *  - GET /noop: no database at all;
 *  - GET /read?w=&c=&d=: ONE indexed read, a contact's subscription to a category by its digest (under a check);
 *  - POST /commit: ONE durable commit, a transaction PostgreSQL must flush to its log before answering (under a write);
 *  - POST /bulk: the bulk check's bare `= ANY($1)` query, its rows as JSON.
 */
const [portArg, target] = process.argv.slice(2);
if (!portArg || !target) throw new Error("usage: bare-server.ts <port> <postgres-url | pglite-dir>");

type Query = (text: string, params: unknown[]) => Promise<unknown[]>;

async function connect(): Promise<Query> {
  if (/^postgres(ql)?:/.test(target!)) {
    const pool = new pg.Pool({ connectionString: target, max: 20 });
    return async (text, params) => (await pool.query(text, params)).rows;
  }
  const db = await PGlite.create(path.join(target!, "pglite"));
  return async (text, params) => (await db.query(text, params)).rows;
}

const READ = `select s.state, s.event_id from contacts c join subscriptions s on s.contact_id = c.id and s.category_id = $2
  where c.workspace_id = $1 and c.phone_digest = $3`;

// pg_current_xact_id() gives the statement's transaction an id, so its commit is logged and waited for.
const COMMIT = "select pg_current_xact_id()";

const BULK = `select c.phone_digest, s.state, s.opt_in_level, s.event_id, e.action, e.channel, e.occurred_at, e.recorded_at
  from contacts c join subscriptions s on s.contact_id = c.id and s.category_id = $2 join consent_events e on e.id = s.event_id
  where c.workspace_id = $1 and c.phone_digest = any($3)`;

async function main() {
  const query = await connect();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      try {
        const url = new URL(req.url ?? "/", "http://bare");
        if (url.pathname === "/noop") {
          res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
          return;
        }
        if (url.pathname === "/read") {
          const q = url.searchParams;
          const rows = await query(READ, [q.get("w"), q.get("c"), q.get("d")]);
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ rows }));
          return;
        }
        if (url.pathname === "/commit") {
          await query(COMMIT, []);
          res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { workspaceId: string; categoryId: string; digests: string[] };
        const rows = await query(BULK, [body.workspaceId, body.categoryId, body.digests]);
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ rows }));
      } catch (error) {
        res.writeHead(500).end(String(error));
      }
    });
  });
  server.listen(Number(portArg), "127.0.0.1", () => console.log("ready"));
}

void main();
