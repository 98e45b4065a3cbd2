# syntax=docker/dockerfile:1
# Quire's production image: one build serves any instance (compose.yaml runs two, plus the
# one-shot migration). Build: docker build -t quire .   Run: see README "Running several instances".
# The build needs no database: nothing read from it is baked in (issue 10, item 4).

FROM node:20.20-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
# The install's postinstall generates the Prisma client (scripts/prisma.mjs, prisma/schema.prisma).
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf .next/cache

FROM node:20.20-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 HOST=0.0.0.0 PORT=3000
# What server/server.mjs, the migrations (scripts/db.mjs, prisma/) and the app read at run time.
COPY --from=build --chown=node:node /app/package.json /app/next.config.js /app/prisma.config.ts ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/.next ./.next
COPY --from=build --chown=node:node /app/public ./public
# The share images' fonts (lib/og/fonts.ts reads them at run time).
COPY --from=build --chown=node:node /app/assets ./assets
COPY --from=build --chown=node:node /app/server ./server
COPY --from=build --chown=node:node /app/lib ./lib
COPY --from=build --chown=node:node /app/scripts ./scripts
COPY --from=build --chown=node:node /app/prisma ./prisma
# The image's own unprivileged user. Uploads live in PostgreSQL; .data is only where npm start would keep a generated secret.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=5s --timeout=2s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The heap limit server/heap.mjs documents (QUIRE_HEAP_MB, default 256).
CMD ["node", "--max-old-space-size=256", "server/server.mjs"]
