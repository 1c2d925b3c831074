FROM python:3.12-slim AS base
USER root
RUN pip install --no-cache-dir flask==3.0.3

FROM base AS app
COPY . /srv/app
CMD ["python", "/srv/app/main.py"]
