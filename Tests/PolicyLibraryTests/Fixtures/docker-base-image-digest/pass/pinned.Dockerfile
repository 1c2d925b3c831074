ARG DIGEST=sha256:4f0a1c4c6d0e7f3a2b1c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a
ARG IMAGE
FROM python:3.12-slim@${DIGEST} AS build
FROM golang:1.22@sha256:9b8c7d6e5f4a3b2c1d0e9f8a4f0a1c4c6d0e7f3a2b1c9d8e7f6a5b4c3d2e1f0a AS tools
# Where the digest would be is unknown here.
FROM ${IMAGE} AS custom
FROM build AS test
FROM scratch
COPY --from=tools /usr/local/go/bin/go /go
