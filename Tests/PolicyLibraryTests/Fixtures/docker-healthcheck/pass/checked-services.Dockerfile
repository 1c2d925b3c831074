FROM node:20-slim AS base
HEALTHCHECK --interval=30s --timeout=3s CMD node healthcheck.js || exit 1

FROM base AS app
EXPOSE 3000
CMD ["node", "server.js"]
