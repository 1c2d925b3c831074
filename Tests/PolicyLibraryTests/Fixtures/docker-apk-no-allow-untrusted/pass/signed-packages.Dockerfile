FROM alpine:3.20 AS build
COPY keys/builder.rsa.pub /etc/apk/keys/
COPY packages/*.apk /tmp/packages/
# signed with abuild-sign: no --allow-untrusted needed
RUN apk add --no-cache /tmp/packages/*.apk \
    && echo "never use --allow-untrusted" \
    && apk verify /tmp/packages/*.apk

FROM alpine:3.20
RUN ["/bin/sh", "-c", "apk add --no-cache curl"]
