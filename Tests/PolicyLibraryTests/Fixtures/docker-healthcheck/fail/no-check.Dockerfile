FROM golang:1.22 AS build
HEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1
RUN go build -o /out/server .

FROM debian:bookworm-slim
COPY --from=build /out/server /server
EXPOSE 8080
CMD ["/server"]
