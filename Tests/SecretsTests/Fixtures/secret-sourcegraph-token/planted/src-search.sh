#!/bin/sh
export SRC_ENDPOINT=https://sourcegraph.acme.io
export SRC_ACCESS_TOKEN=sgp_13b91582362dcb73_7ffe7812e5eaedcb3ed4c1096e697d5f0b889b79
src search "repo:^acme/ lang:go os.Getenv"
