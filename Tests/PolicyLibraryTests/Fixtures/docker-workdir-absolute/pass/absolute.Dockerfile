FROM node:20-slim
WORKDIR /usr/src/app
WORKDIR "/srv/data dir"
WORKDIR $HOME/app
WORKDIR ${APP_ROOT}
