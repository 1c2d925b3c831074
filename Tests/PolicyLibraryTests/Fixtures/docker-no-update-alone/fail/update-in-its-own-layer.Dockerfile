ARG BASE=debian:bookworm-slim
FROM ${BASE} AS build
RUN apt-get update
RUN apt-get install -y --no-install-recommends gcc
# an index refresh, then a tool from another package manager
RUN apt-get -qq update && pip install --no-cache-dir wheel==0.43.0

FROM alpine:3.20 AS tools
RUN ["apk", "update"]
RUN <<EOF
set -e
apk update
EOF

FROM rockylinux:9
RUN dnf makecache \
    && echo "index refreshed"
