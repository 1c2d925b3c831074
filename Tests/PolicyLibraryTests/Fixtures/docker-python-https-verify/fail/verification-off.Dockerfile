ARG PYTHONHTTPSVERIFY=0
FROM python:3.12-slim AS build
ARG PYTHONHTTPSVERIFY
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONHTTPSVERIFY=0
RUN PYTHONHTTPSVERIFY=0 python fetch.py https://internal.example/data.json

FROM python:3.12-slim
ENV PYTHONHTTPSVERIFY 0
RUN ["/bin/bash", "-c", "export PYTHONHTTPSVERIFY=0 && python -m app.warmup"]
RUN <<EOF
env PYTHONHTTPSVERIFY=0 python3 -c 'import urllib.request; urllib.request.urlopen("https://internal.example")'
EOF
