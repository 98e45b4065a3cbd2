#!/usr/bin/env node
// The post page's baseline: the least a Node server can do to send the same response,
// a node:http server answering every request with the bytes Next sent (same status,
// content-type and content-encoding), read once from a file at start-up.
// Usage: PORT=… node bench/baseline-server.mjs <body file> <content-type> [content-encoding]
import http from 'node:http';
import { readFileSync } from 'node:fs';

const [bodyFile, contentType, contentEncoding] = process.argv.slice(2);
const body = readFileSync(bodyFile);
const headers = { 'content-type': contentType, 'content-length': String(body.length) };
if (contentEncoding) headers['content-encoding'] = contentEncoding;

http
  .createServer((req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  })
  .listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
