ARG DEBIAN=bookworm
FROM debian:${DEBIAN}-slim AS build
ARG PACKAGES="gcc make"
# variables, local files and option values are not packages
RUN apt-get update \
    && apt-get install -y --no-install-recommends -t bookworm-backports \
        gcc=4:12.2.0-3 ./vendor/tool_1.0_amd64.deb $PACKAGES \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir -r requirements.txt \
    && pip install --no-cache-dir -c constraints.txt flask requests \
    && python3 -m pip install --no-cache-dir -e . "uvicorn[standard]==0.30.1" ./dist/app-1.0-py3-none-any.whl \
    && echo "pip install flask"

FROM alpine:3.20 AS tools
RUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 musl-dev~=1.2 \
    && gem install rails -v 7.1.3 \
    && gem install bundler:2.5.16 \
    && go install golang.org/x/tools/gopls@v0.16.1 \
    && go install ./cmd/server \
    && npm ci \
    && npm install -g typescript@5.4.5 ./local-plugin \
    && yarn add lodash@4.17.21

FROM rockylinux:9
RUN dnf install -y httpd-2.4.57-5.el9 'dnf-command(config-manager)' /tmp/agent.rpm @development \
    && dnf clean all
