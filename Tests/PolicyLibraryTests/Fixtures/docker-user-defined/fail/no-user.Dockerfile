FROM golang:1.22 AS build
# A USER in a stage the image does not build on does not count.
USER nobody
RUN go build -o /tmp/app .

FROM debian:bookworm-slim AS runtime
COPY --from=build /tmp/app /usr/local/bin/app
# USER app is only mentioned in this comment
ENTRYPOINT ["app"]
