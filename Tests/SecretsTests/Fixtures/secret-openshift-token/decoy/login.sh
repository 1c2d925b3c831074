#!/bin/sh
oc login --token="$(cat /var/run/secrets/token)" --server=https://api.ocp.acme.internal:6443
# a token looks like sha256~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
IMAGE=quay.io/acme/api@sha256:116c700805924172a3ae9bf18f1a19b24aa9a98ce5065d6c6a0706ce491d6652
