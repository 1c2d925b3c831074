FROM ubuntu:24.04 AS tools
USER ubuntu
RUN sudo apt-get update && \
    sudo apt-get install -y curl

FROM tools
RUN ["sudo", "-E", "make", "install"]
RUN <<EOF
set -e
doas chown -R app /srv
EOF
RUN /bin/sh -c "echo ok; sudo -u postgres createdb app"
