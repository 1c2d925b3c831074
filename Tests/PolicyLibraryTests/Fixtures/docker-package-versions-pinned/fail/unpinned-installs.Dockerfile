# syntax=docker/dockerfile:1
ARG DEBIAN=bookworm
FROM debian:${DEBIAN}-slim AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        # compilers
        gcc=4:12.2.0-3 make \
        -o Dpkg::Options::=--force-confold libssl-dev \
    && rm -rf /var/lib/apt/lists/*
RUN ["pip", "install", "--no-cache-dir", "requests>=2", "flask==3.0.3", "-r", "requirements.txt"]

FROM alpine:3.20 AS tools
RUN apk add --no-cache --virtual .build-deps gcc musl-dev=1.2.5-r0 \
    && gem install rake bundler:2.5.16 \
    && go install golang.org/x/tools/gopls@latest
RUN <<EOF
set -e
npm install -g typescript @angular/cli@17.3.8 eslint@^8
yarn global add prettier
EOF

FROM rockylinux:9
WORKDIR /app
RUN dnf install -y httpd-2.4.57-5.el9 mod_ssl && dnf clean all
RUN ["/bin/sh", "-c", "npm install --omit=dev"]
RUN npm install && python3 -m pip install --user boto3 && yum install -y git-2.43.5-1.el9 vim-enhanced
