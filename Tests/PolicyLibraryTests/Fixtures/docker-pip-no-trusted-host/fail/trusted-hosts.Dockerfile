ARG PIP_TRUSTED_HOST=pypi.internal.example
FROM python:3.12-slim AS build
ARG PIP_TRUSTED_HOST
RUN pip install --no-cache-dir --index-url http://pypi.internal.example/simple \
        --trusted-host pypi.internal.example -r requirements.txt
RUN ["python3", "-m", "pip", "install", "--trusted-host=pypi.internal.example", "wheel==0.43.0"]

FROM python:3.12-slim
ENV PIP_INDEX_URL=http://pypi.internal.example/simple \
    PIP_TRUSTED_HOST=pypi.internal.example
RUN <<EOF
pip config set global.trusted-host pypi.internal.example
printf '[global]\ntrusted-host = pypi.internal.example\n' > /etc/pip.conf
EOF
