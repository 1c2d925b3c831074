#!/bin/sh
export HEROKU_API_KEY=HRKU-AAJwhkIE-gRd4jkLOl3TvTo4kXt7olzEf1975K9ETunC3eLqLcIWSAcb5Ed6
heroku container:release web -a acme-api
