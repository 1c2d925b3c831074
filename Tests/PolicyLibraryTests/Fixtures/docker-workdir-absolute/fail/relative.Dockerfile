FROM node:20-slim AS build
WORKDIR app
FROM node:20-slim
WORKDIR ./dist
