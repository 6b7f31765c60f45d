# syntax=docker/dockerfile:1
# One image for every Daiban process; the command picks the app:
#   docker run daiban node dist/apps/registry/src/main.js
# Apps: gateway, registry, workflow, notifications, reporting; `node dist/scripts/provision.js` provisions streams.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Toolchain for native addons (argon2) in case no prebuilt binary matches this platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm run build:web \
 && npm prune --omit=dev --no-audit --no-fund \
 && node -e "require('argon2')"

FROM ${NODE_IMAGE} AS runtime
# --max-semi-space-size=4: V8 otherwise keeps two 16 MB young-generation semi-spaces resident in
# every idle app after start-up (bench B8); same flag as scripts/start.mjs.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    NODE_OPTIONS=--max-semi-space-size=4
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json /app/package-lock.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
# The browser app, built by `npm run build` and served by the gateway (empty when there is none yet).
COPY --from=build --chown=root:root /app/apps/web/dist ./apps/web/dist
# Uploaded files (DATA_DIR) live in a volume mounted here; it starts owned by the app user.
RUN mkdir -p /data && chown 1000:1000 /data
# Numeric uid of the image's `node` user, so Kubernetes can verify runAsNonRoot.
# The code stays owned by root: the app cannot modify itself.
USER 1000:1000
EXPOSE 3000 3001 3002 3003 3004
CMD ["node", "dist/apps/gateway/src/main.js"]
