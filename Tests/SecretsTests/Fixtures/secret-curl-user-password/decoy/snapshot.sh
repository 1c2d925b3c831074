#!/bin/sh
curl -s -u "$ES_USER:$ES_PASSWORD" https://es.acme.internal:9200/_cluster/health
curl -s -u elastic:changeme https://localhost:9200
curl -s --user-agent "probe: 1" https://es.acme.internal
