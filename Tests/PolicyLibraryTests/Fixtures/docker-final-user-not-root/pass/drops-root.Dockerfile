# syntax=docker/dockerfile:1
FROM golang:1.22-bookworm AS build
# Root in a build stage the image only copies from does not matter.
USER root
RUN go build -o /out/app ./cmd/app

FROM debian:bookworm-slim AS base
USER root
RUN useradd --uid 10001 --create-home app

FROM base
# Switching to root for a step and back again is fine.
USER root
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
USER rooter
USER app:root
COPY --from=build /out/app /usr/local/bin/app
ENTRYPOINT ["app"]
