ARG PIP_TRUSTED_HOST
FROM python:3.12-slim
COPY corp-ca.pem /etc/ssl/certs/corp-ca.pem
ENV PIP_CERT=/etc/ssl/certs/corp-ca.pem \
    PIP_TRUSTED_HOST=""
RUN pip install --no-cache-dir --cert /etc/ssl/certs/corp-ca.pem \
        --index-url https://pypi.internal.example/simple -r requirements.txt \
    && echo "--trusted-host is not used" \
    && pip config set global.index-url https://pypi.internal.example/simple
