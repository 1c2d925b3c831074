FROM alpine:3.20 AS fetch
RUN wget --no-check-certificate -O /tmp/tool.tgz https://downloads.internal.example/tool.tgz
RUN ["wget", "-e", "check_certificate=off", "https://downloads.internal.example/data.zip"]

FROM alpine:3.20
RUN <<EOF
echo "check_certificate = off" >> /etc/wgetrc
wget -q https://downloads.internal.example/more.tgz
EOF
