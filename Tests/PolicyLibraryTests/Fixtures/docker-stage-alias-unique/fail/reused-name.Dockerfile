FROM golang:1.22 AS build
RUN go build -o /out/app .
FROM node:20 AS Build
RUN npm run build
FROM alpine:3.20
COPY --from=build /out/app /app
