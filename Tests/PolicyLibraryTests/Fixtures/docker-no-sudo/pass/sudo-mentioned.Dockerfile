FROM ubuntu:24.04
# Installing sudo, or naming it, is not running it.
RUN apt-get update \
    && apt-get install -y --no-install-recommends sudo \
    && echo "sudo is installed for the dev shell" \
    && rm -rf /var/lib/apt/lists/*
RUN ["echo", "sudo apt-get install"]
USER 1000
ENTRYPOINT ["gosu", "app", "server"]
