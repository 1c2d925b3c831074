ARG NPM_TOKEN
FROM node:20-slim
ARG GITHUB_TOKEN=""
ENV DB_PASSWORD=${DB_PASSWORD} \
    DB_PASSWORD_FILE=/run/secrets/db_password \
    API_KEY=<your-api-key> \
    AUTH_ENABLED=true \
    TOKEN_URL=https://auth.example.com/token \
    PASSWORD_MIN_LENGTH=12 \
    SECRET_NAME=prod/db
ENV PWD /srv
ENV KEYCLOAK_ADMIN_PASSWORD changeme
LABEL api_key="not an ARG or ENV"
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci
