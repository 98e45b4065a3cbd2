#!/usr/bin/env node
// The view ingestion baseline: the naive way, one `UPDATE … + 1` per beacon, every one
// queuing on the same post row's lock, over a pg.Pool as large as the app's.
// Usage: PORT=… DATABASE_URL=… POOL_SIZE=10 node bench/naive-views-server.mjs
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });

http
  .createServer((req, res) => {
    if (req.method !== 'POST') return res.writeHead(405).end();
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      let postId;
      try {
        postId = JSON.parse(Buffer.concat(chunks).toString()).postId;
      } catch {
        return res.writeHead(400).end();
      }
      try {
        const { rowCount } = await pool.query('UPDATE posts SET view_count = view_count + 1 WHERE id = $1', [postId]);
        res.writeHead(rowCount === 1 ? 204 : 404).end();
      } catch {
        res.writeHead(500).end();
      }
    });
  })
  .listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));

process.on('SIGTERM', () => pool.end().finally(() => process.exit(0)));
