ARG ALPINE=3.20
FROM alpine:${ALPINE} AS build
COPY packages/*.apk /tmp/packages/
RUN apk add --no-cache --allow-untrusted /tmp/packages/*.apk
RUN ["apk", "add", "--allow-untrusted", "--repository", "http://mirror.internal/alpine", "tool"]

FROM alpine:${ALPINE}
RUN <<EOF
set -eux
apk update
apk add --allow-untrusted \
    legacy-agent
EOF
