ARG TAG=latest
ARG MIRROR
FROM ubuntu AS base
FROM node:${TAG} AS web
FROM ${MIRROR}/library/golang AS tools
FROM localhost:5000/team/app:latest
