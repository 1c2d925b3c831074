ARG BASE=debian:bookworm-slim
FROM ${BASE} AS fetch
RUN curl -fsSLk https://downloads.internal.example/tool.tar.gz -o /tmp/tool.tar.gz
RUN curl --insecure --retry 3 -o /tmp/cfg.json https://config.internal.example/cfg.json \
    && echo done
RUN ["curl", "-k", "-o", "/tmp/ca.pem", "https://pki.internal.example/ca.pem"]

FROM ${BASE}
RUN <<EOF
set -e
echo insecure >> ~/.curlrc
curl -s --proxy-insecure -x https://proxy.internal.example:3128 https://example.com/
EOF
