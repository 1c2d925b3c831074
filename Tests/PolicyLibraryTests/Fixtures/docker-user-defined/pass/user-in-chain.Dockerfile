FROM alpine:3.20 AS base
RUN adduser -D -u 10001 app
USER app

FROM base AS runtime
COPY app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
