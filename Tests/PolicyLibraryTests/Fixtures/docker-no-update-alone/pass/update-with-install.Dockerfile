FROM debian:bookworm-slim AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc \
    && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
RUN echo "apt-get update"

FROM alpine:3.20
# --update refreshes and installs in one command
RUN apk add --update --no-cache curl
RUN ["/bin/sh", "-c", "apk update && apk add --no-cache jq"]
RUN <<EOF
apk update
apk upgrade --no-cache
EOF
