ARG NODE_TLS_REJECT_UNAUTHORIZED=0
FROM node:20-slim
# the ARG before FROM is not redeclared, so no RUN sees it
ARG NODE_VERSION=20
COPY corp-ca.pem /usr/local/share/ca-certificates/corp-ca.pem
ENV NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/corp-ca.pem \
    NODE_TLS_REJECT_UNAUTHORIZED=1
RUN echo "NODE_TLS_REJECT_UNAUTHORIZED=0 is not allowed" && npm ci
