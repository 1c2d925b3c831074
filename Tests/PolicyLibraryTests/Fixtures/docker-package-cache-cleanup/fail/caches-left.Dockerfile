ARG DEBIAN=bookworm
FROM debian:${DEBIAN}-slim AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 \
    && apt-get clean
RUN ["pip", "install", "flask==3.0.3"]
# a cache mount on the archives keeps the lists in the layer
RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y make=4.3-4.1

FROM alpine:3.20 AS tools
RUN apk add --update curl=8.9.1-r2
RUN <<EOF
set -eux
apk add --no-cache python3=3.12.6-r0 py3-pip=24.0-r2
pip install --break-system-packages httpx==0.27.2
EOF

FROM rockylinux:9
RUN dnf install -y httpd-2.4.57-5.el9 && rm -rf /tmp/*
