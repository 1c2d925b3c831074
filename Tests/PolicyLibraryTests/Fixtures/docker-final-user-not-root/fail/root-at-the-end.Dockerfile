FROM node:20-bookworm AS deps
USER node
RUN npm ci

FROM node:20-bookworm-slim
COPY --from=deps /home/node/node_modules ./node_modules
USER node
RUN npm run build
USER 0:0
CMD ["node", "server.js"]
