FROM node:20-slim AS build
RUN npm config set strict-ssl false && npm ci
RUN ["yarn", "config", "set", "strict-ssl", "false"]
ENV npm_config_strict_ssl=false
RUN npm install --strict-ssl=false --no-audit

FROM node:20-slim
RUN <<EOF
echo "strict-ssl=false" >> ~/.npmrc
yarn config set enableStrictSsl false
EOF
