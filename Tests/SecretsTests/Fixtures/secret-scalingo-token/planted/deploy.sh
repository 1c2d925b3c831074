#!/bin/sh
scalingo login --api-token tk-us-svKrOH_rmfOR7pof5EKQ9nb56g2p5VMgU6IhQCjOU02i2ofh
scalingo --app acme-api deploy build.tar.gz
