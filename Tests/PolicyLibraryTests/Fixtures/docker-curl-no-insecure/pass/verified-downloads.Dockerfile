FROM debian:bookworm-slim
COPY corp-ca.pem /usr/local/share/ca-certificates/corp-ca.crt
# -o k writes to a file named k; -K reads a config file; neither turns checks off
RUN update-ca-certificates \
    && curl -fsSL -o k https://downloads.example.com/tool \
    && curl -fsSLK curl.conf https://downloads.example.com/other \
    && curl --cacert /etc/ssl/certs/ca-certificates.crt -H "X-Mode: -k" https://api.example.com \
    && echo "curl -k is not allowed" \
    && echo "sha256  tool" | sha256sum -c -
