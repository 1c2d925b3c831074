ARG PYTHONHTTPSVERIFY
FROM python:3.12-slim
ENV PYTHONHTTPSVERIFY=1 \
    PYTHONDONTWRITEBYTECODE=0
LABEL org.example.note="PYTHONHTTPSVERIFY=0 is not allowed"
COPY corp-ca.crt /usr/local/share/ca-certificates/corp-ca.crt
RUN update-ca-certificates \
    && echo "PYTHONHTTPSVERIFY=0 would turn checks off" \
    && python -c 'import os; print(os.environ.get("PYTHONHTTPSVERIFY"))'
