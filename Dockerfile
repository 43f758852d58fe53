# syntax=docker/dockerfile:1
# Reservoir: build stage (dev dependencies, tsc), then a slim runtime with the production
# dependencies and dist/ only, run by plain Node as the unprivileged `node` user.
#   docker build -t reservoir .        docker compose up --build

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs ./scripts/
COPY src ./src
RUN npm run build

FROM node:20-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production PORT=8080
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 8080
# /ready: 200 while Redis answers (node:20-slim has no curl: Node asks).
HEALTHCHECK --interval=5s --timeout=3s --start-period=30s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/ready').then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Node runs as PID 1 and handles SIGTERM itself: finishes requests and the running sync (src/server.ts).
CMD ["node", "--enable-source-maps", "dist/server.js"]
