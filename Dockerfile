# The production server in a container: the same build and command as `npm start` and the systemd unit
# (deploy/systemd/axongate@.service). Not built by the tests: this machine cannot pull base images (README).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:24-bookworm-slim
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 NEXT_MANUAL_SIG_HANDLE=true HOSTNAME=0.0.0.0 PORT=3000 \
    AXONGATE_DATA_DIR=/var/lib/axongate
WORKDIR /app
COPY --from=build /app/.next/standalone ./
RUN mkdir -p /var/lib/axongate && chown node:node /var/lib/axongate
USER node
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=5s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "axongate-server.mjs"]
