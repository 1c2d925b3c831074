FROM python:3.12-slim AS build
ADD requirements.txt /src/
ADD ["src/", "setup.py", "/src/"]

FROM python:3.12-slim
ADD --chown=app:app \
    config.yaml \
    dist.tar.gz \
    /etc/app/
ADD <<EOF /etc/motd
Welcome
EOF
