FROM node:20-slim
COPY corp-ca.pem /etc/ssl/corp-ca.pem
ENV NPM_CONFIG_STRICT_SSL=true \
    NPM_CONFIG_CAFILE=/etc/ssl/corp-ca.pem
RUN npm config set cafile /etc/ssl/corp-ca.pem \
    && npm config set strict-ssl true \
    && echo "strict-ssl=false is forbidden" \
    && npm ci
