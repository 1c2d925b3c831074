ARG VERSION=20.11.1
ARG REGISTRY
FROM node:${VERSION}-bookworm AS build
FROM ${REGISTRY}/distroless/nodejs20-debian12:nonroot
COPY --from=build /app /app
