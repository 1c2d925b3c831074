ARG PYTHON=3.12
ARG BASE
ARG REGISTRY=ghcr.io
FROM python:${PYTHON}-slim AS build
# An argument without default: the image cannot be judged.
FROM ${BASE} AS custom
FROM ${REGISTRY}/acme/runtime:2.4.1 AS runtime
FROM registry.example.com:5000/team/app@sha256:4f0a1c4c6d0e7f3a2b1c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a AS pinned
FROM node:latest@sha256:4f0a1c4c6d0e7f3a2b1c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a AS pinned-latest
FROM build AS test
FROM scratch
COPY --from=build /usr/local/bin/python3 /python3
