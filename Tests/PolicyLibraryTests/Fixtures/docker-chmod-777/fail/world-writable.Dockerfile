FROM node:20-slim AS build
RUN mkdir /app && chmod -R 777 /app

FROM node:20-slim
COPY --chmod=777 start.sh /start.sh
RUN ["chmod", "a+rwx", "/var/log/app"]
RUN <<EOF
set -e
chmod o+w /etc/app.conf
EOF
RUN chmod 0666 /data/db.sqlite \
    && chmod go=rwx /data
