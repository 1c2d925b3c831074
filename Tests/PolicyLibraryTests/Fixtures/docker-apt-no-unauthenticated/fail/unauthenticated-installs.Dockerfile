FROM debian:bookworm-slim AS build
RUN apt-get update \
    && apt-get install -y --allow-unauthenticated internal-tools \
    && rm -rf /var/lib/apt/lists/*
RUN apt-get -o Acquire::AllowInsecureRepositories=true update \
    && apt-get install -y --force-yes legacy-lib
RUN echo 'APT::Get::AllowUnauthenticated "true";' > /etc/apt/apt.conf.d/99insecure

FROM ubuntu:24.04
RUN <<EOF
set -eux
echo "deb [trusted=yes] http://apt.internal.example/ stable main" > /etc/apt/sources.list.d/internal.list
apt-get update
EOF
RUN ["apt-get", "install", "-y", "-oAPT::Get::AllowUnauthenticated=1", "tool"]
