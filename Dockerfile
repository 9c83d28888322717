# casebrief container image.
#   docker build -t casebrief .
#   docker run --env-file .env -e HEALTH_PORT=8080 -v casebrief-data:/data casebrief
# See "Deployment" in README.md, and compose.example.yaml.

# --- builder: installs dependencies, compiling better-sqlite3 when no prebuilt binary fits ---
FROM node:20-bookworm-slim AS builder
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# The same install as the README's; then the dev tools go. tsx stays: it is a production
# dependency, because the bot runs its TypeScript directly.
RUN npm ci --no-audit --no-fund \
 && npm prune --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# --- runtime: production dependencies and the sources only, run as the unprivileged node user ---
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/data/casebrief.db \
    INDEX_CACHE_DIR=/data/cache
WORKDIR /app
# Code and dependencies stay owned by root, so the bot cannot modify itself; it writes only to /data.
COPY --from=builder /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY briefings ./briefings
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
# 3000: Slack HTTP mode (PORT); 8080: /healthz and /readyz when HEALTH_PORT=8080.
EXPOSE 3000 8080
# Liveness via /healthz, only when the health server is enabled (HEALTH_PORT set).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "const p=process.env.HEALTH_PORT;if(!p)process.exit(0);const h=process.env.HEALTH_HOST;const host=!h||h==='0.0.0.0'||h==='::'?'127.0.0.1':h;fetch('http://'+host+':'+p+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# What `npm start` runs (tsx src/main.ts), without npm and a shell in between: they do not pass
# SIGTERM on, so `docker stop` would kill the bot instead of letting it shut down gracefully.
CMD ["node", "--import", "tsx", "src/main.ts"]
