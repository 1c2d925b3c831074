#!/bin/sh
TRAVIS_TOKEN=ia8OiWU2v4raoNWAqK24yJ
travis restart --api-token "$TRAVIS_TOKEN" --repo acme/api
