#!/bin/sh
export GITHUB_TOKEN=ghp_HcGmyIxlfDzodyET7jvJt5NoVJbWAU1Qs5bA
# ghp_ + 36 characters whose checksum does not hold is not a token
