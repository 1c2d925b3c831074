FROM python:3.12-slim AS base
HEALTHCHECK NONE

FROM base
EXPOSE 8000
HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')"]
