ARG DEBIAN=bookworm
FROM debian:${DEBIAN}-slim AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 \
    && rm -rf /var/lib/apt/lists/*
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked \
    --mount=type=cache,target=/var/cache/apt,sharing=locked \
    apt-get update && apt-get install -y make=4.3-4.1
RUN ["pip", "install", "--no-cache-dir", "flask==3.0.3"]
RUN --mount=type=cache,target=/root/.cache/pip pip install requests==2.32.3
RUN PIP_NO_CACHE_DIR=1 pip install httpx==0.27.2
RUN echo "apt-get install without cleanup" && apt-cache policy gcc

FROM python:3.12-alpine AS tools
ENV PIP_NO_CACHE_DIR=1
RUN apk add --no-cache curl=8.9.1-r2
RUN pip install uvicorn==0.30.1
RUN <<EOF
set -eux
apk add --update git=2.45.2-r0
rm -rf /var/cache/apk/*
EOF

FROM rockylinux:9
RUN dnf install -y httpd-2.4.57-5.el9 && dnf clean all
RUN ["microdnf", "install", "-y", "tar-1.34-6.el9"] && microdnf clean all
