# syntax=docker/dockerfile:1
ARG DEBIAN=bookworm
FROM debian:${DEBIAN}-slim AS build
RUN apt update \
    && apt install -y --no-install-recommends build-essential
RUN ["/usr/bin/apt", "install", "-y", "git"]

FROM build AS tools
RUN ["/bin/sh", "-c", "sudo apt full-upgrade -y"]
RUN <<EOF
set -eux
apt-get update
apt install -y jq
EOF

FROM debian:${DEBIAN}-slim
RUN set -eux; \
    # the runtime needs only CA certificates
    DEBIAN_FRONTEND=noninteractive apt-get install -y ca-certificates | tee /tmp/log; \
    apt autoremove -y
