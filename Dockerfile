# Tabula: one instance, production build. Multi-stage: the build stage has every dependency
# (Next.js, Tailwind and the service worker's bundler build the pages); the runtime stage has the
# production dependencies only, the build, and the source that the server runs through tsx.
#
#   docker build -t tabula .
#   docker run -p 3000:3000 -v tabula-data:/data tabula
#
# Debian (glibc), not Alpine: classic-level's npm package ships its prebuilt binary for glibc.
ARG NODE_VERSION=20.20.2

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The build's cache is for the next build on this machine, not for the image.
RUN npm run build && rm -rf .next/cache

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# Next.js may write its runtime cache under .next: the unprivileged user owns it.
COPY --from=build --chown=node:node /app/.next ./.next
COPY --from=build /app/public ./public
COPY next.config.js tsconfig.json ./
COPY app ./app
COPY components ./components
COPY lib ./lib
COPY server ./server
# The embedded store's folder (unused with DATABASE_URL), writable by the unprivileged user.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# /healthz: the process serves (readiness, /readyz, also needs storage and Redis: for a proxy).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains (README, Deploy): give it SHUTDOWN_DEADLINE_MS and a little more before SIGKILL
# (docker stop -t, compose's stop_grace_period). node is PID 1 and handles the signal itself.
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "server/main.ts"]
