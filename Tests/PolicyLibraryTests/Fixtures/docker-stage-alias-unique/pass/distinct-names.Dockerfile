FROM golang:1.22 AS build
FROM build AS build-test
FROM alpine:3.20 AS runtime
COPY --from=build /out/app /app
