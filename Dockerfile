# One image for the gateway and every service; the service is chosen by SERVICE
# (gateway | contacts | opportunities | tickets | notifications | reporting).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Exactly the lock file (it lists every platform's optional binaries); never `npm install`.
RUN npm ci --no-audit --no-fund
COPY .swcrc.base.json tsconfig.json ./
COPY scripts ./scripts
COPY libs ./libs
COPY gateway ./gateway
COPY services ./services
COPY web ./web
RUN node scripts/build.mjs && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The web console the gateway serves at / (WEB_DIST_DIR defaults to web/dist under the app root).
COPY --from=build /app/web/dist ./web/dist
COPY package.json ./
COPY docs ./docs
USER node
ENV SERVICE=gateway
CMD ["sh", "-c", "if [ \"$SERVICE\" = gateway ]; then exec node --enable-source-maps dist/gateway/src/main.js; else exec node --enable-source-maps dist/services/$SERVICE/src/main.js; fi"]
