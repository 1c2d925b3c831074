#!/bin/sh
scalingo login --api-token "$SCALINGO_API_TOKEN"  # tk-us-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
