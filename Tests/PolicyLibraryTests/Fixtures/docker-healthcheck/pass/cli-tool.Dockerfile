FROM golang:1.22 AS build
EXPOSE 6060
RUN go build -o /out/tool .

# A tool with no port is not a service, even with HEALTHCHECK NONE.
FROM gcr.io/distroless/static-debian12
COPY --from=build /out/tool /tool
HEALTHCHECK NONE
ENTRYPOINT ["/tool"]
